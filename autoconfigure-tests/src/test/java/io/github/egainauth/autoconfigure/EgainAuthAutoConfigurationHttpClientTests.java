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

package io.github.egainauth.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.web.TestEgainApi;
import io.github.egainauth.client.web.client.EgainRestClients;
import io.github.egainauth.client.web.reactive.EgainWebClients;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.client.ClientAuthorizationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Token requests and the ready-made clients go through Spring Boot's HTTP client
 * infrastructure: the HTTP library the application chose, its proxy and SSL settings,
 * with eGain's token endpoint timeouts and SSL bundle on top. Real servers on loopback:
 * an HTTPS token endpoint, one that never answers, and a forward proxy.
 *
 * @author egain-auth authors
 */
class EgainAuthAutoConfigurationHttpClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String CLIENT = TestEgainProperties.APPLICATION_CLIENT;

	private static final AutoConfigurations EGAIN = AutoConfigurations.of(EgainAuthAutoConfiguration.class,
			EgainAuthBlockingAutoConfiguration.class, EgainAuthReactiveAutoConfiguration.class,
			EgainAuthWebClientAutoConfiguration.class, EgainAuthHttpClientAutoConfiguration.class);

	private MockWebServer tokenServer;

	@BeforeEach
	void setUp() throws IOException {
		this.tokenServer = TestEgainTokenServer.start();
	}

	@AfterEach
	void tearDown() {
		this.tokenServer.close();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "jdk", "reactor", "jetty", "http-components" })
	void tokenRequestsWhenTokenEndpointDoesNotAnswerThenReadTimeoutHoldsWithEachHttpLibrary(String factory)
			throws Exception {
		this.tokenServer.enqueue(silent());
		blocking().withPropertyValues(TestSpringBootLine.imperativeFactory(factory))
			.run((context) -> assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> context.getBean(EgainAccessTokens.class).getToken(CLIENT))
				.satisfies((ex) -> assertThat(ex.getError().getDescription())
					.contains("could not reach eGain at " + this.tokenServer.url("/"))));
		assertThat(this.tokenServer.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
		assertThat(this.tokenServer.getRequestCount()).isOne();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reactor", "jetty", "jdk" })
	void reactiveTokenRequestsWhenTokenEndpointDoesNotAnswerThenReadTimeoutHoldsWithEachHttpLibrary(String connector)
			throws Exception {
		this.tokenServer.enqueue(silent());
		reactive().withPropertyValues(TestSpringBootLine.reactiveConnector(connector))
			.run((context) -> assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> context.getBean(ReactiveEgainAccessTokens.class).getToken(CLIENT).block(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.getError().getDescription())
					.contains("could not reach eGain at " + this.tokenServer.url("/"))));
		assertThat(this.tokenServer.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
		assertThat(this.tokenServer.getRequestCount()).isOne();
	}

	@Test
	void tokenRequestsWhenSslBundleTrustsTokenEndpointThenTokenObtained() throws Exception {
		this.tokenServer.useHttps(tokenEndpointTls().getSocketFactory());
		this.tokenServer.enqueue(TestEgainTokenResponses.accessToken("over-tls", 3600));
		blocking().withPropertyValues(httpsTokenEndpoint())
			.withPropertyValues("spring.ssl.bundle.pem.egain.truststore.certificate=classpath:tls/token-endpoint.crt",
					"egain.auth.token-endpoint.ssl-bundle=egain")
			.run((context) -> assertThat(context.getBean(EgainAccessTokens.class).getToken(CLIENT).getTokenValue())
				.isEqualTo("over-tls"));
		RecordedRequest request = this.tokenServer.takeRequest(10, TimeUnit.SECONDS);
		assertThat(request).isNotNull();
		assertThat(request.getHandshake()).isNotNull();
	}

	@Test
	void reactiveTokenRequestsWhenSslBundleTrustsTokenEndpointThenTokenObtained() throws Exception {
		this.tokenServer.useHttps(tokenEndpointTls().getSocketFactory());
		this.tokenServer.enqueue(TestEgainTokenResponses.accessToken("over-tls", 3600));
		reactive().withPropertyValues(httpsTokenEndpoint())
			.withPropertyValues("spring.ssl.bundle.pem.egain.truststore.certificate=classpath:tls/token-endpoint.crt",
					"egain.auth.token-endpoint.ssl-bundle=egain")
			.run((context) -> assertThat(
					context.getBean(ReactiveEgainAccessTokens.class).getToken(CLIENT).block(TIMEOUT).getTokenValue())
				.isEqualTo("over-tls"));
	}

	@Test
	void tokenRequestsWhenNoSslBundleThenTokenEndpointCertificateNotTrusted() throws Exception {
		this.tokenServer.useHttps(tokenEndpointTls().getSocketFactory());
		this.tokenServer.enqueue(TestEgainTokenResponses.accessToken("over-tls", 3600));
		blocking().withPropertyValues(httpsTokenEndpoint())
			.run((context) -> assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> context.getBean(EgainAccessTokens.class).getToken(CLIENT))
				.satisfies((ex) -> assertThat(ex.getError().getDescription()).contains("could not reach eGain")));
	}

	@Test
	void autoConfigurationWhenSslBundleUnknownThenStartupFailsNamingProperty() {
		blocking()
			.withPropertyValues(
					"spring.ssl.bundle.pem.corporate.truststore.certificate=classpath:tls/token-endpoint.crt",
					"egain.auth.token-endpoint.ssl-bundle=egian")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new EgainConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("Property: egain.auth.token-endpoint.ssl-bundle",
						"Reason: 'egian' is not a configured SSL bundle (configured: corporate)");
				assertThat(analysis.getAction()).contains("Set egain.auth.token-endpoint.ssl-bundle to the name of a "
						+ "bundle configured under spring.ssl.bundle.jks.<name> or spring.ssl.bundle.pem.<name>");
			});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "jdk", "reactor" })
	void tokenAndApiRequestsWhenProxyConfiguredThenGoThroughIt(String factory) throws Exception {
		this.tokenServer.enqueue(TestEgainTokenResponses.accessToken("via-proxy", 3600));
		try (TestEgainForwardProxy proxy = TestEgainForwardProxy.start(); TestEgainApi api = TestEgainApi.start()) {
			withProxySystemProperties(proxy,
					() -> blocking()
						.withPropertyValues(TestSpringBootLine.imperativeFactory(factory),
								"egain.auth.api-base-url=" + api.origin())
						.run((context) -> {
							assertThat(context.getBean(EgainAccessTokens.class).getToken(CLIENT).getTokenValue())
								.isEqualTo("via-proxy");
							context.getBean(EgainRestClients.class)
								.client(CLIENT)
								.get()
								.uri("/knowledge/portalmgr/v4/portals")
								.retrieve()
								.toBodilessEntity();
						}));
			assertThat(proxy.getTargets()).containsExactly(
					this.tokenServer.getHostName() + ":" + this.tokenServer.getPort(),
					URI.create(api.origin()).getHost() + ":" + URI.create(api.origin()).getPort());
			assertThat(this.tokenServer.getRequestCount()).isOne();
			assertThat(api.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer via-proxy");
		}
	}

	@Test
	void readyMadeClientsWhenApplicationCustomizesBuildersThenCustomizationsApply() throws Exception {
		this.tokenServer.enqueue(TestEgainTokenResponses.accessToken("customized", 3600));
		try (TestEgainApi api = TestEgainApi.start()) {
			blocking().withConfiguration(AutoConfigurations.of(TestSpringBootLine.restClientAutoConfiguration()))
				.withUserConfiguration(TestSpringBootLineCustomizers.class)
				.withPropertyValues("egain.auth.api-base-url=" + api.origin())
				.run((context) -> context.getBean(EgainRestClients.class)
					.client(CLIENT)
					.get()
					.uri("/knowledge/portalmgr/v4/portals")
					.retrieve()
					.toBodilessEntity());
			RecordedRequest request = api.takeRequest();
			assertThat(request.getHeaders().get("X-Application")).isEqualTo("rest-client-customizer");
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer customized");
		}
	}

	@Test
	void readyMadeWebClientsWhenApplicationCustomizesBuildersThenCustomizationsApply() throws Exception {
		this.tokenServer.enqueue(TestEgainTokenResponses.accessToken("customized", 3600));
		try (TestEgainApi api = TestEgainApi.start()) {
			reactive().withConfiguration(AutoConfigurations.of(TestSpringBootLine.webClientAutoConfiguration()))
				.withUserConfiguration(TestSpringBootLineCustomizers.class)
				.withPropertyValues("egain.auth.api-base-url=" + api.origin())
				.run((context) -> context.getBean(EgainWebClients.class)
					.client(CLIENT)
					.get()
					.uri("/knowledge/portalmgr/v4/portals")
					.retrieve()
					.toBodilessEntity()
					.block(TIMEOUT));
			RecordedRequest request = api.takeRequest();
			assertThat(request.getHeaders().get("X-Application")).isEqualTo("web-client-customizer");
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer customized");
		}
	}

	private ApplicationContextRunner blocking() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TestSpringBootLine.imperativeHttpClientAutoConfigurations()))
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withConfiguration(EGAIN)
			.withPropertyValues(properties());
	}

	private ReactiveWebApplicationContextRunner reactive() {
		return new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TestSpringBootLine.reactiveHttpClientAutoConfigurations()))
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withConfiguration(EGAIN)
			.withPropertyValues(properties());
	}

	private String[] properties() {
		return TestEgainProperties.join(TestEgainProperties.tenant(),
				TestEgainProperties.client(CLIENT, "client-credentials", "knowledge.portalmgr.manage"),
				new String[] { "egain.auth.auth-base-url=" + TestEgainApi.origin(this.tokenServer),
						"egain.auth.token-endpoint.max-attempts=1", "egain.auth.token-endpoint.read-timeout=2s",
						"egain.auth.token-endpoint.deadline=10s" });
	}

	private String httpsTokenEndpoint() {
		return "egain.auth.auth-base-url=https://localhost:" + this.tokenServer.getPort();
	}

	/**
	 * An answer whose headers come long after any read timeout of the test.
	 */
	private static MockResponse silent() {
		return TestEgainTokenResponses.delayed(TestEgainTokenResponses.accessToken("too-late", 3600),
				Duration.ofSeconds(60));
	}

	private static SSLContext tokenEndpointTls() throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream content = new ClassPathResource("tls/token-endpoint.p12").getInputStream()) {
			keyStore.load(content, "test-only".toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keyStore, "test-only".toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), null, null);
		return context;
	}

	/**
	 * Points the JVM's proxy settings, which the JDK's HttpClient and Reactor Netty read,
	 * at the proxy, for loopback too, while the action runs.
	 */
	private static void withProxySystemProperties(TestEgainForwardProxy proxy, Runnable action) {
		String[] keys = { "http.proxyHost", "http.proxyPort", "http.nonProxyHosts" };
		String[] saved = new String[keys.length];
		for (int i = 0; i < keys.length; i++) {
			saved[i] = System.getProperty(keys[i]);
		}
		System.setProperty("http.proxyHost", "127.0.0.1");
		System.setProperty("http.proxyPort", String.valueOf(proxy.getPort()));
		// An empty list: the JVM, like Reactor Netty, otherwise goes direct to loopback.
		System.setProperty("http.nonProxyHosts", "");
		try {
			action.run();
		}
		finally {
			for (int i = 0; i < keys.length; i++) {
				if (saved[i] != null) {
					System.setProperty(keys[i], saved[i]);
				}
				else {
					System.clearProperty(keys[i]);
				}
			}
		}
	}

}
