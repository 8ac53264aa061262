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

package io.github.egainauth.samples.servlet;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs {@link ServletRestClientSampleApplication}'s executable jar, built with Spring
 * Boot's {@code process-aot} goal, in a JVM of its own with
 * {@code -Dspring.aot.enabled=true}: the way a native image starts it, from the generated
 * initializers and bean definitions, against its embedded eGain stand-in. Its class-load
 * log shows that the context came from the generated code, and its answers that a token
 * was obtained and carried to an eGain API.
 *
 * @author egain-auth authors
 */
class ServletRestClientSampleApplicationAotModeIT {

	private static final String GENERATED_PACKAGE = "io/github/egainauth/samples/servlet/";

	private static final Duration STARTUP = Duration.ofSeconds(120);

	@TempDir
	private Path directory;

	private Process sample;

	private Path log;

	private Path classLoads;

	private RestTestClient client;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.sample != null) {
			this.sample.destroy();
			if (!this.sample.waitFor(30, TimeUnit.SECONDS)) {
				this.sample.destroyForcibly().waitFor();
			}
		}
	}

	@Test
	void processAotGeneratedInitializerAndStarterBeanDefinitions() {
		Path sources = Path.of(System.getProperty("egain.sample.aot-sources"));
		assertThat(sources
			.resolve(GENERATED_PACKAGE + "ServletRestClientSampleApplication__ApplicationContextInitializer.java"))
			.isRegularFile();
		assertThat(
				sources.resolve("io/github/egainauth/autoconfigure/EgainAuthAutoConfiguration__BeanDefinitions.java"))
			.isRegularFile();
	}

	@Test
	void processAotGeneratedHintsForStarter() throws IOException {
		Path metadata = Path.of(System.getProperty("egain.sample.aot-resources"))
			.resolve(
					"META-INF/native-image/io.github.egainauth/egain-auth-sample-servlet-restclient/reachability-metadata.json");
		JsonNode reflection = JsonMapper.builder().build().readTree(Files.readString(metadata)).get("reflection");
		// Spring Boot's binding hints for the @EnableConfigurationProperties bean.
		assertThat(typeHint(reflection, "io.github.egainauth.autoconfigure.EgainAuthProperties$Client").get("methods")
			.valueStream()
			.map((method) -> method.get("name").asString())).contains("setClientSecret", "getClientSecret");
		// The starter's own hints, from egain-auth-core's META-INF/spring/aot.factories.
		assertThat(typeHint(reflection, "io.github.egainauth.EgainSubject").get("serializable").asBoolean()).isTrue();
	}

	@Test
	void searchWhenAotEnabledThenTokenObtainedAndCarriedToEgain() throws Exception {
		start();
		EgainCall search = get("/search?q=aot", "pa", "pa-password");
		assertThat(search.client()).isEqualTo("ai-services");
		assertThat(search.egainResponse().get("path").asString()).isEqualTo("/core/aiservices/v4/search");
		assertThat(search.egainResponse().get("clientId").asString()).isEqualTo("sample-app");
		assertThat(search.egainResponse().get("flow").asString()).isEqualTo("client-credentials");
		assertThat(search.tokenStatistics().tokenRequests()).isEqualTo(1);
		EgainCall articles = get("/articles", "pa", "pa-password");
		assertThat(articles.egainResponse().get("subject").asString()).isEqualTo("username:pa");
		assertThat(articles.egainResponse().get("clientId").asString()).isEqualTo("sample-agent");
		assertThat(articles.tokenStatistics().tokenRequests()).isEqualTo(2);
		assertThat(Files.readString(this.log)).contains("Started the eGain stand-in at http://127.0.0.1:");
		stop();
		// The context was built from the generated code, not by parsing configuration
		// classes: the generated initializer and the starter's generated bean
		// definitions were loaded.
		assertThat(Files.readString(this.classLoads, StandardCharsets.UTF_8)).contains(
				"io.github.egainauth.samples.servlet.ServletRestClientSampleApplication__ApplicationContextInitializer ")
			.contains("io.github.egainauth.autoconfigure.EgainAuthAutoConfiguration__BeanDefinitions ");
	}

	private void start() throws IOException, InterruptedException {
		int port = freePort();
		this.log = this.directory.resolve("sample.log");
		this.classLoads = this.directory.resolve("class-load.log");
		this.sample = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-Xlog:class+load=info:file=\"" + this.classLoads + "\"",
				"-XX:TieredStopAtLevel=1", "-jar", System.getProperty("egain.sample.jar"), "--server.port=" + port,
				"--egain.stand-in.port=0")
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.start();
		this.client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
		awaitStarted(this.sample);
	}

	private EgainCall get(String path, String username, String password) {
		EgainCall call = this.client.get()
			.uri(path)
			.headers((headers) -> headers.setBasicAuth(username, password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(EgainCall.class)
			.returnResult()
			.getResponseBody();
		assertThat(call).isNotNull();
		return call;
	}

	private void awaitStarted(Process sample) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(STARTUP);
		while (!Files.readString(this.log).contains("Started ServletRestClientSampleApplication")) {
			if (!sample.isAlive()) {
				fail("The sample stopped with exit code %d:%n%s", sample.exitValue(), Files.readString(this.log));
			}
			// A start that fails before the context is loaded (e.g. without the generated
			// initializer) leaves the stand-in's server thread running: fail at once.
			String log = Files.readString(this.log);
			if (log.contains("APPLICATION FAILED TO START") || log.contains("Application run failed")) {
				fail("The sample failed to start:%n%s", Files.readString(this.log));
			}
			if (Instant.now().isAfter(deadline)) {
				fail("The sample did not start within %s:%n%s", STARTUP, Files.readString(this.log));
			}
			Thread.sleep(200);
		}
	}

	private static JsonNode typeHint(JsonNode reflection, String type) {
		return reflection.valueStream()
			.filter((hint) -> type.equals(hint.get("type").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No hint for " + type));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
