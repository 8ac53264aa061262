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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Attacks on where eGain tokens and client secrets go, made from outside: an application
 * configured by {@link EgainAuthAutoConfiguration} with each HTTP library Spring Boot can
 * use, real servers on loopback, and only the public API. A token goes only to the API
 * base URL's origin, never over plain http to a remote host, and no redirect takes a
 * token or a client secret to another origin.
 *
 * @author egain-auth authors
 */
class EgainAuthAutoConfigurationOriginTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String CLIENT = TestEgainProperties.APPLICATION_CLIENT;

	private static final String TOKEN = "reporting-token";

	private MockWebServer tokenServer;

	private TestEgainApi api;

	private MockWebServer otherServer;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() throws IOException {
		this.tokenServer = TestEgainTokenServer.start();
		this.tokenServer.setDispatcher(
				TestEgainTokenServer.answering((request) -> TestEgainTokenResponses.accessToken(TOKEN, 3600)));
		this.api = TestEgainApi.start();
		this.otherServer = TestEgainApi.startOtherOrigin();
		this.contextRunner = new ApplicationContextRunner().withPropertyValues(properties())
			.withUserConfiguration(ApplicationBuilders.class);
	}

	@AfterEach
	void tearDown() {
		this.otherServer.close();
		this.api.close();
		this.tokenServer.close();
	}

	private String[] properties() {
		return TestEgainProperties.join(TestEgainProperties.tenant(),
				TestEgainProperties.client(CLIENT, "client-credentials", "knowledge.portalmgr.manage"),
				new String[] { "egain.auth.auth-base-url=" + TestEgainApi.origin(this.tokenServer),
						"egain.auth.api-base-url=" + this.api.origin(), "egain.auth.token-endpoint.max-attempts=1" });
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "jdk", "reactor", "http-components", "jetty", "simple" })
	void restClientsWhenApplicationsHttpClientFollowsRedirectsThenReadyMadeClientsDoNot(String factory) {
		this.api.redirectEveryRequestTo(302, this.otherServer.url("/landed").toString());
		this.contextRunner.withConfiguration(imperativeHttpClients())
			.withPropertyValues(TestSpringBootLine.imperativeFactory(factory))
			.run((context) -> {
				// The application's own client, as Spring Boot builds it, follows the
				// redirect.
				RestClient own = context.getBean(RestClient.Builder.class).build();
				assertThat(own.get().uri(this.api.origin() + "/x").retrieve().toBodilessEntity().getStatusCode())
					.isEqualTo(HttpStatus.OK);
				assertThat(this.otherServer.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
				this.api.takeRequest();
				// The ready-made one does not: the redirect reaches the caller.
				assertThat(restClient(context).get()
					.uri("/knowledge/portalmgr/v4/portals")
					.retrieve()
					.toBodilessEntity()
					.getStatusCode()).isEqualTo(HttpStatus.FOUND);
				assertThat(this.api.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION))
					.isEqualTo("Bearer " + TOKEN);
				assertThat(this.otherServer.getRequestCount()).isOne();
			});
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "jdk, 302", "jdk, 307", "jdk, 308", "reactor, 302", "reactor, 307", "http-components, 302",
			"http-components, 307", "jetty, 302", "jetty, 307", "simple, 302", "simple, 307" })
	void restClientsWhenApiRedirectsToOtherOriginThenNeitherTokenNorBodyGoesThere(String factory, int status) {
		this.api.redirectEveryRequestTo(status, this.otherServer.url("/collect").toString());
		this.contextRunner.withConfiguration(imperativeHttpClients())
			.withPropertyValues(TestSpringBootLine.imperativeFactory(factory))
			.withPropertyValues(TestSpringBootLine.followRedirects())
			.run((context) -> {
				assertThat(restClient(context).post()
					.uri("/knowledge/portalmgr/v4/articles")
					.body("{\"title\":\"Card 4111\"}")
					.retrieve()
					.toBodilessEntity()
					.getStatusCode()
					.value()).isEqualTo(status);
				RecordedRequest sent = this.api.takeRequest();
				assertThat(sent.getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + TOKEN);
				assertThat(this.otherServer.getRequestCount()).isZero();
			});
	}

	@Test
	void restClientsWhenNoHttpClientAutoConfigurationThenDetectedLibraryDoesNotFollowRedirects() {
		this.api.redirectEveryRequestTo(307, this.otherServer.url("/collect").toString());
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
							EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
							EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
							EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class))
			.run((context) -> {
				assertThat(restClient(context).get().uri("/x").retrieve().toBodilessEntity().getStatusCode())
					.isEqualTo(HttpStatus.TEMPORARY_REDIRECT);
				assertThat(this.otherServer.getRequestCount()).isZero();
			});
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "jdk, 302", "jdk, 307", "reactor, 302", "reactor, 307", "jetty, 302", "jetty, 307" })
	void webClientsWhenApiRedirectsToOtherOriginThenNeitherTokenNorBodyGoesThere(String connector, int status) {
		this.api.redirectEveryRequestTo(status, this.otherServer.url("/collect").toString());
		this.contextRunner.withConfiguration(reactiveHttpClients())
			.withPropertyValues(TestSpringBootLine.reactiveConnector(connector))
			.withPropertyValues(TestSpringBootLine.followRedirects())
			.run((context) -> {
				assertThat(webClient(context).post()
					.uri("/core/aiservices/v4/answers")
					.bodyValue("{\"question\":\"Card 4111\"}")
					.retrieve()
					.toBodilessEntity()
					.block(TIMEOUT)
					.getStatusCode()
					.value()).isEqualTo(status);
				assertThat(this.api.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION))
					.isEqualTo("Bearer " + TOKEN);
				assertThat(this.otherServer.getRequestCount()).isZero();
			});
	}

	@Test
	void webClientsWhenReactiveAppAndApiRedirectsToOtherOriginThenRedirectReachesCaller() {
		this.api.redirectEveryRequestTo(302, this.otherServer.url("/collect").toString());
		new ReactiveWebApplicationContextRunner().withPropertyValues(properties())
			.withUserConfiguration(ApplicationBuilders.class)
			.withConfiguration(reactiveHttpClients())
			.run((context) -> {
				assertThat(webClient(context).get()
					.uri("/core/aiservices/v4/answers")
					.retrieve()
					.toBodilessEntity()
					.block(TIMEOUT)
					.getStatusCode()).isEqualTo(HttpStatus.FOUND);
				assertThat(this.api.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION))
					.isEqualTo("Bearer " + TOKEN);
				assertThat(this.otherServer.getRequestCount()).isZero();
			});
	}

	@Test
	void restClientsWhenAbsoluteUrlToOtherOriginThenRefusedBeforeAnyTokenRequest() {
		String otherHost = ("localhost".equals(this.otherServer.getHostName()) ? "127.0.0.1" : "localhost");
		String sameServerOtherHost = "http://" + otherHost + ":" + this.api.origin().replaceAll(".*:", "");
		String sameHostHttps = this.api.origin().replace("http://", "https://");
		this.contextRunner.withConfiguration(imperativeHttpClients()).run((context) -> {
			RestClient restClient = restClient(context);
			for (String origin : new String[] { TestEgainApi.origin(this.otherServer), sameServerOtherHost,
					sameHostHttps }) {
				assertThatIllegalArgumentException()
					.isThrownBy(() -> restClient.get().uri(origin + "/steal?q=secret").retrieve().toBodilessEntity())
					.withMessage("Refusing to send the token of eGain client 'reporting' to " + origin + ": only ["
							+ this.api.origin() + "] may receive eGain tokens. Fix the URL, or, if that origin "
							+ "serves eGain's API, add it to egain.auth.allowed-origins");
			}
		});
		assertThat(this.tokenServer.getRequestCount()).isZero();
		assertThat(this.api.requestCount()).isZero();
		assertThat(this.otherServer.getRequestCount()).isZero();
	}

	@Test
	void webClientsWhenAbsoluteUrlToOtherOriginThenRefusedBeforeAnyTokenRequest() {
		this.contextRunner.withConfiguration(reactiveHttpClients()).run((context) -> {
			WebClient webClient = webClient(context);
			String origin = TestEgainApi.origin(this.otherServer);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> webClient.get().uri(origin + "/steal").retrieve().toBodilessEntity().block(TIMEOUT))
				.withMessageStartingWith(
						"Refusing to send the token of eGain client 'reporting' to " + origin + ": only [");
		});
		assertThat(this.tokenServer.getRequestCount()).isZero();
		assertThat(this.otherServer.getRequestCount()).isZero();
	}

	@Test
	void readyMadeClientsWhenPlainHttpToApiHostThenRefusedBeforeAnyTokenRequest() {
		String refusal = "Refusing to send the token of eGain client 'reporting' to http://api.ai.egain.cloud: "
				+ "eGain tokens travel over plain http:// only to loopback hosts. Use https://api.ai.egain.cloud instead";
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
							EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
							EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
							EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class))
			.withPropertyValues("egain.auth.api-base-url=https://api.ai.egain.cloud")
			.run((context) -> {
				assertThatIllegalArgumentException()
					.isThrownBy(() -> restClient(context).get()
						.uri("http://api.ai.egain.cloud/knowledge/portalmgr/v4/articles?subject=pa@example.com")
						.retrieve()
						.toBodilessEntity())
					.withMessage(refusal);
				assertThatIllegalArgumentException()
					.isThrownBy(() -> webClient(context).get()
						.uri("http://api.ai.egain.cloud/core/aiservices/v4/answers?question=card+4111")
						.retrieve()
						.toBodilessEntity()
						.block(TIMEOUT))
					.withMessage(refusal);
			});
		assertThat(this.tokenServer.getRequestCount()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "307, Temporary Redirect", "308, Permanent Redirect" })
	void accessTokensWhenTokenEndpointRedirectsToOtherOriginThenClientSecretStaysHome(int status, String reason) {
		this.tokenServer
			.setDispatcher(TestEgainTokenServer.answering((request) -> new MockResponse.Builder().code(status)
				.setHeader(HttpHeaders.LOCATION, this.otherServer.url("/collect").toString())
				.build()));
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
							EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
							EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
							EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class))
			.run((context) -> assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> context.getBean(EgainAccessTokens.class).getToken(CLIENT))
				.satisfies((ex) -> assertThat(ex.getError().getDescription()).isEqualTo("Token request for eGain "
						+ "client 'reporting' (client-credentials flow) failed: eGain answered HTTP " + status + " "
						+ reason + " without an OAuth 2.0 error")));
		assertThat(this.tokenServer.getRequestCount()).isOne();
		assertThat(this.otherServer.getRequestCount()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "307, Temporary Redirect", "308, Permanent Redirect" })
	void reactiveAccessTokensWhenTokenEndpointRedirectsToOtherOriginThenClientSecretStaysHome(int status,
			String reason) {
		this.tokenServer
			.setDispatcher(TestEgainTokenServer.answering((request) -> new MockResponse.Builder().code(status)
				.setHeader(HttpHeaders.LOCATION, this.otherServer.url("/collect").toString())
				.build()));
		new ReactiveWebApplicationContextRunner().withPropertyValues(properties())
			.withUserConfiguration(ApplicationBuilders.class)
			.withConfiguration(
					AutoConfigurations.of(EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
							EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
							EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
							EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class))
			.run((context) -> assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> context.getBean(ReactiveEgainAccessTokens.class).getToken(CLIENT).block(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.getError().getDescription())
					.endsWith("eGain answered HTTP " + status + " " + reason + " without an OAuth 2.0 error")));
		assertThat(this.tokenServer.getRequestCount()).isOne();
		assertThat(this.otherServer.getRequestCount()).isZero();
	}

	private static AutoConfigurations imperativeHttpClients() {
		return withEgain(TestSpringBootLine.imperativeHttpClientAutoConfigurations());
	}

	private static AutoConfigurations reactiveHttpClients() {
		return withEgain(TestSpringBootLine.reactiveHttpClientAutoConfigurations());
	}

	private static AutoConfigurations withEgain(Class<?>[] springBoot) {
		List<Class<?>> configurations = new ArrayList<>(Arrays.asList(springBoot));
		configurations.addAll(List.of(EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
				EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
				EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
				EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class));
		return AutoConfigurations.of(configurations.toArray(Class<?>[]::new));
	}

	private static RestClient restClient(ApplicationContext context) {
		return context.getBean(EgainRestClients.class).client(CLIENT);
	}

	private static WebClient webClient(ApplicationContext context) {
		return context.getBean(EgainWebClients.class).client(CLIENT);
	}

	/**
	 * The application's builders as Spring Boot's {@code RestClient} and
	 * {@code WebClient} auto-configurations make them: on the HTTP client that Spring
	 * Boot builds from {@code spring.http.clients}, which follows redirects unless told
	 * otherwise.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ApplicationBuilders {

		@Bean
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		RestClient.Builder restClientBuilder(ObjectProvider<ClientHttpRequestFactory> requestFactory,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder) {
			RestClient.Builder builder = RestClient.builder();
			// Spring Boot 4 declares the request factory; Spring Boot 3 only its builder
			requestFactory.ifAvailable(builder::requestFactory);
			if (requestFactory.getIfAvailable() == null) {
				requestFactoryBuilder.ifAvailable((factoryBuilder) -> builder.requestFactory(factoryBuilder.build()));
			}
			return builder;
		}

		@Bean
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		WebClient.Builder webClientBuilder(ObjectProvider<ClientHttpConnector> connector) {
			WebClient.Builder builder = WebClient.builder();
			connector.ifAvailable(builder::clientConnector);
			return builder;
		}

	}

}
