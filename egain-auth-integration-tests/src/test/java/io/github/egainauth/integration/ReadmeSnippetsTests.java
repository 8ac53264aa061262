/*
 * Copyright 2026 the egain-auth authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.egainauth.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles every Java snippet of the README as a newcomer would paste it: with the
 * imports its API table names and the usual ones of Spring, Reactor, JUnit and AssertJ
 * that it lists. A snippet that is a class is compiled as it stands; a bean method in a
 * configuration class; statements in a method, with the beans they name in scope.
 *
 * @author egain-auth authors
 */
class ReadmeSnippetsTests {

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	private static final Pattern API_ROW = Pattern.compile("^\\| (`[^|]+) \\| `([a-z.]+)`.*$", Pattern.MULTILINE);

	/**
	 * The usual imports the README's API section lists, beyond its own table.
	 */
	private static final List<String> USUAL_IMPORTS = List.of("java.util.Map", "org.springframework.stereotype.Service",
			"org.springframework.context.annotation.Bean", "org.springframework.context.annotation.Configuration",
			"org.springframework.web.client.RestClient", "org.springframework.web.reactive.function.client.WebClient",
			"org.springframework.web.service.annotation.HttpExchange",
			"org.springframework.web.service.annotation.GetExchange",
			"org.springframework.security.oauth2.core.OAuth2AccessToken",
			"org.springframework.security.oauth2.client.OAuth2AuthorizedClient",
			"org.springframework.security.oauth2.client.OAuth2AuthorizeRequest",
			"org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager",
			"org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager",
			"org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService",
			"org.springframework.security.oauth2.client.OAuth2AuthorizedClientService",
			"org.springframework.security.oauth2.client.DelegatingOAuth2AuthorizedClientProvider",
			"org.springframework.security.oauth2.client.ClientAuthorizationException",
			"org.springframework.security.oauth2.client.annotation.ClientRegistrationId",
			"org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken",
			"org.springframework.security.core.Authentication", "reactor.core.publisher.Mono",
			"org.junit.jupiter.api.Test", "org.springframework.beans.factory.annotation.Autowired",
			"org.springframework.boot.test.context.SpringBootTest", "static org.assertj.core.api.Assertions.*");

	@Test
	void readmeWhenSnippetsCompiledWithDocumentedImportsThenNoErrors(@TempDir Path output) throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		List<String> snippets = snippets(readme);
		assertThat(snippets).hasSizeGreaterThanOrEqualTo(10);
		String imports = imports(readme);
		List<JavaFileObject> units = new ArrayList<>();
		for (int index = 0; index < snippets.size(); index++) {
			units.add(unit(index, snippets.get(index), imports));
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
			List<String> options = List.of("-d", output.toString(), "-classpath", System.getProperty("java.class.path"),
					"-proc:none", "-Xlint:-options");
			boolean compiled = compiler.getTask(null, files, diagnostics, options, null, units).call();
			assertThat(diagnostics.getDiagnostics())
				.filteredOn((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
				.extracting(ReadmeSnippetsTests::describe)
				.isEmpty();
			assertThat(compiled).isTrue();
		}
	}

	private static List<String> snippets(String readme) {
		List<String> snippets = new ArrayList<>();
		Matcher matcher = JAVA_BLOCK.matcher(readme);
		while (matcher.find()) {
			snippets.add(matcher.group(1));
		}
		return snippets;
	}

	/**
	 * The imports of the README's API table: each type in its package (a nested type such
	 * as {@code EgainStandIn.ApiRequest} imported as such), and the usual ones.
	 */
	private static String imports(String readme) {
		Set<String> imports = new LinkedHashSet<>();
		Matcher rows = API_ROW.matcher(readme);
		while (rows.find()) {
			Matcher types = Pattern.compile("`([A-Z][A-Za-z0-9.]*)`").matcher(rows.group(1));
			while (types.find()) {
				imports.add(rows.group(2) + "." + types.group(1));
			}
		}
		assertThat(imports).contains("io.github.egainauth.EgainSubject",
				"io.github.egainauth.client.web.client.EgainRestClients");
		imports.addAll(USUAL_IMPORTS);
		StringBuilder lines = new StringBuilder();
		imports.forEach((name) -> lines.append("import ").append(name).append(";\n"));
		return lines.toString();
	}

	private static JavaFileObject unit(int index, String snippet, String imports) {
		String name = "Snippet" + index;
		String body;
		if (Pattern.compile("^(class|interface|record) ", Pattern.MULTILINE).matcher(snippet).find()) {
			// A whole type, perhaps with imports of its own: compiled as it stands.
			Matcher ownImports = Pattern.compile("^import .*;$", Pattern.MULTILINE).matcher(snippet);
			StringBuilder own = new StringBuilder();
			while (ownImports.find()) {
				own.append(ownImports.group()).append('\n');
			}
			String types = snippet.replaceAll("(?m)^import .*;$", "");
			Matcher declared = Pattern.compile("^(?:class|interface|record) (\\w+)", Pattern.MULTILINE).matcher(types);
			name = declared.find() ? declared.group(1) : name;
			body = own + imports + types;
		}
		else if (snippet.strip().startsWith("@Bean")) {
			body = imports + "@Configuration\nclass " + name + " {\n" + snippet + "\n}\n";
		}
		else {
			body = imports + "class " + name + " {\n" + "EgainRestClients egainRestClients;\n"
					+ "EgainWebClients egainWebClients;\n" + "EgainAccessTokens egainAccessTokens;\n"
					+ "ReactiveEgainAccessTokens reactiveEgainAccessTokens;\n"
					+ "OAuth2AuthorizedClientManager egainSpringManager;\n" + "Authentication authentication;\n"
					+ "String question;\n" + "EgainStandIn egain;\n" + "EgainAccessTokens accessTokens;\n"
					+ "void snippet() throws Exception {\n" + snippet + "\n}\n}\n";
		}
		String source = "package io.github.egainauth.readme.snippets;\n" + body;
		return new SimpleJavaFileObject(Path.of(name + ".java").toUri(), JavaFileObject.Kind.SOURCE) {

			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return source;
			}

		};
	}

	private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
		return ((diagnostic.getSource() != null) ? diagnostic.getSource().getName() : "?") + ":"
				+ diagnostic.getLineNumber() + ": " + diagnostic.getMessage(Locale.ROOT);
	}

}
