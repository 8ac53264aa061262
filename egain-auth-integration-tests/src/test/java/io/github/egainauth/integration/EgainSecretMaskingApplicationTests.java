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

import java.util.List;
import java.util.Map;

import io.github.egainauth.autoconfigure.EgainAuthProperties;
import io.github.egainauth.test.AutoConfigureEgainStandIn;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests that {@code /actuator/env} and {@code /actuator/configprops}, set to
 * show values, never show an eGain client secret, wherever the application got it from:
 * the command line (and so the {@code sun.java.command} system property), an environment
 * variable, or another property that copies it.
 *
 * @author egain-auth authors
 */
@SpringBootTest(classes = { TestEgainApplication.class, EgainSecretMaskingApplicationTests.CopyConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		args = "--egain.auth.clients.agent.client-secret=" + EgainSecretMaskingApplicationTests.COMMAND_LINE_SECRET,
		properties = { "management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"egain.auth.clients.customer.client-secret=${EGAIN_CLIENT_SECRET}",
				"egain.auth.clients.app.client-secret=" + EgainSecretMaskingApplicationTests.PROPERTY_SECRET,
				"copy.secret=${egain.auth.clients.app.client-secret}",
				"copy.unrelated=" + EgainSecretMaskingApplicationTests.UNRELATED })
@ContextConfiguration(initializers = EgainSecretMaskingApplicationTests.EnvironmentVariables.class)
@AutoConfigureEgainStandIn(tenantId = "TMPTEST1")
class EgainSecretMaskingApplicationTests {

	static final String COMMAND_LINE_SECRET = "Cl1-S3cret-Value-31a7";

	static final String ENVIRONMENT_SECRET = "Env-S3cret-Value-52b8";

	static final String PROPERTY_SECRET = "Pr0p-S3cret-Value-73c9";

	static final String UNRELATED = "an-unrelated-visible-value";

	private static final String SUN_JAVA_COMMAND = "sun.java.command";

	private static final String MASKED = "******";

	private static @Nullable String launcherCommand;

	@Autowired
	private EgainAuthProperties properties;

	@LocalServerPort
	private int port;

	private RestTestClient client;

	/**
	 * The command the JVM reports for an application started with the secret as an
	 * argument, as {@code java -jar app.jar --egain.auth...client-secret=...} reports it.
	 */
	@BeforeAll
	static void launchWithSecretOnCommandLine() {
		launcherCommand = System.getProperty(SUN_JAVA_COMMAND);
		System.setProperty(SUN_JAVA_COMMAND,
				"app.jar --server.port=8080 --egain.auth.clients.agent.client-secret=" + COMMAND_LINE_SECRET);
	}

	@AfterAll
	static void restoreCommand() {
		if (launcherCommand != null) {
			System.setProperty(SUN_JAVA_COMMAND, launcherCommand);
		}
		else {
			System.clearProperty(SUN_JAVA_COMMAND);
		}
	}

	@BeforeEach
	void setUp() {
		this.client = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	@Test
	void propertiesWhenSecretsFromCommandLineEnvironmentAndPropertiesThenBound() {
		assertThat(this.properties.getClients().get("agent").getClientSecret()).isEqualTo(COMMAND_LINE_SECRET);
		assertThat(this.properties.getClients().get("customer").getClientSecret()).isEqualTo(ENVIRONMENT_SECRET);
		assertThat(this.properties.getClients().get("app").getClientSecret()).isEqualTo(PROPERTY_SECRET);
	}

	@Test
	void envWhenValuesShownThenNoSecretAnywhere() {
		String body = get("/actuator/env");
		assertThat(body).doesNotContain(secrets()).contains(UNRELATED, "eu-west-1", "agent-client");
	}

	@Test
	void envWhenValuesShownThenEverySourceOfASecretMasked() {
		assertEnvValue("systemProperties", SUN_JAVA_COMMAND, MASKED);
		assertEnvValue("commandLineArgs", "egain.auth.clients.agent.client-secret", MASKED);
		assertEnvValue(EnvironmentVariables.NAME, "EGAIN_CLIENT_SECRET", MASKED);
		assertEnvValue(EnvironmentVariables.NAME, "JAVA_TOOL_OPTIONS", MASKED);
		assertEnvValue(EnvironmentVariables.NAME, "EGAIN_REGION", "eu-west-1");
	}

	@Test
	void configpropsWhenValuesShownThenNoSecretAnywhere() {
		String body = get("/actuator/configprops");
		assertThat(body).doesNotContain(secrets()).contains(UNRELATED, "agent-client");
		this.client.get()
			.uri("/actuator/configprops/copy")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.contexts.*.beans.*.properties.secret")
			.isEqualTo(List.of(MASKED))
			.jsonPath("$.contexts.*.beans.*.properties.unrelated")
			.isEqualTo(List.of(UNRELATED));
	}

	/**
	 * Every configured client secret, those of the application.yml included.
	 */
	private String[] secrets() {
		List<String> secrets = this.properties.getClients()
			.values()
			.stream()
			.map(EgainAuthProperties.Client::getClientSecret)
			.toList();
		assertThat(secrets).contains(COMMAND_LINE_SECRET, ENVIRONMENT_SECRET, PROPERTY_SECRET);
		return secrets.toArray(String[]::new);
	}

	private String get(String path) {
		String body = this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).isNotNull();
		return body;
	}

	private void assertEnvValue(String propertySource, String name, String expected) {
		this.client.get()
			.uri("/actuator/env")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.propertySources[?(@.name == '" + propertySource + "')].properties['" + name + "'].value")
			.isEqualTo(List.of(expected));
	}

	/**
	 * Environment variables as the operating system would pass them: one holding a client
	 * secret under the conventional name, one holding it among JVM options.
	 */
	static final class EnvironmentVariables implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		static final String NAME = "testEnvironmentVariables";

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			context.getEnvironment()
				.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(NAME,
								Map.of("EGAIN_CLIENT_SECRET", ENVIRONMENT_SECRET, "JAVA_TOOL_OPTIONS",
										"-Xmx512m -Dcustomer.secret=" + ENVIRONMENT_SECRET, "EGAIN_REGION",
										"eu-west-1")));
		}

	}

	/**
	 * Properties of the application's own that copy an eGain client secret.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CopyProperties.class)
	static class CopyConfiguration {

	}

	/**
	 * A property holding a copy of a client secret, and one unrelated to eGain.
	 *
	 * @param secret the copied secret
	 * @param unrelated a value that stays visible
	 */
	@ConfigurationProperties("copy")
	record CopyProperties(String secret, String unrelated) {

	}

}
