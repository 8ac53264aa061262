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

package io.github.egainauth.client.web.reactive;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.egainauth.client.CaffeineReactiveOAuth2AuthorizedClientService;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.TestEgainAuthorizedClientManagers;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import io.github.egainauth.client.web.TestEgainApi;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.ANONYMOUS_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What becomes of the token when an application's own {@code WebClient}, carrying the
 * {@link EgainExchangeFilterFunction}, is redirected from the API's origin to another
 * origin (another port of the same host). The filter sees only the first request: whether
 * a followed redirect carries the token is the HTTP library's doing. These tests pin down
 * what each connector Spring Boot can build does with Boot's default settings (redirects
 * followed), as the README reports it, and that with redirects not followed
 * ({@code spring.http.clients.redirects=dont-follow}) the redirect reaches the caller
 * whatever the connector.
 *
 * @author egain-auth authors
 */
class EgainExchangeFilterFunctionRedirectTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String TOKEN = "anonymous-token";

	private MockWebServer tokenServer;

	private TestEgainApi api;

	private MockWebServer otherServer;

	private EgainExchangeFilterFunction filter;

	@BeforeEach
	void setUp() throws IOException {
		this.tokenServer = TestEgainTokenServer.start();
		this.tokenServer.setDispatcher(
				TestEgainTokenServer.answering((request) -> TestEgainTokenResponses.accessToken(TOKEN, 3600)));
		this.api = TestEgainApi.start();
		this.otherServer = TestEgainApi.startOtherOrigin();
		this.filter = new EgainExchangeFilterFunction(new ReactiveEgainAccessTokens(TestEgainAuthorizedClientManagers
			.reactiveManager(TestEgainAuthorizedClientManagers.registrations(this.tokenServer.url("/").toString()),
					new CaffeineReactiveOAuth2AuthorizedClientService(),
					(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE))));
		this.filter.setAllowedOrigins(EgainAllowedOrigins.of(List.of(this.api.origin())));
		this.filter.setDefaultClientName(ANONYMOUS_CLIENT);
	}

	@AfterEach
	void tearDown() {
		this.otherServer.close();
		this.api.close();
		this.tokenServer.close();
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(nullValues = "none", value = { "jdk, 302, Bearer anonymous-token", "jdk, 307, Bearer anonymous-token",
			"reactor, 302, none", "reactor, 307, none", "jetty, 302, none", "jetty, 307, none" })
	void filterWhenConnectorFollowsRedirectToOtherOriginThenConnectorDecidesWhetherTokenGoesToo(String connector,
			int status, @Nullable String authorizationThere) throws InterruptedException {
		this.api.redirectEveryRequestTo(status, this.otherServer.url("/landed").toString());
		assertThat(call(connector, HttpClientSettings.defaults())).isEqualTo(HttpStatus.OK);
		assertThat(this.api.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + TOKEN);
		RecordedRequest redirected = this.otherServer.takeRequest(10, TimeUnit.SECONDS);
		assertThat(redirected).isNotNull();
		assertThat(redirected.getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo(authorizationThere);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "jdk, 302, FOUND", "jdk, 307, TEMPORARY_REDIRECT", "reactor, 302, FOUND",
			"reactor, 307, TEMPORARY_REDIRECT", "jetty, 302, FOUND", "jetty, 307, TEMPORARY_REDIRECT" })
	void filterWhenRedirectsNotFollowedThenRedirectReachesCallerWhateverTheConnector(String connector, int status,
			HttpStatus expected) throws InterruptedException {
		this.api.redirectEveryRequestTo(status, this.otherServer.url("/landed").toString());
		assertThat(call(connector, HttpClientSettings.defaults().withRedirects(HttpRedirects.DONT_FOLLOW)))
			.isEqualTo(expected);
		assertThat(this.api.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + TOKEN);
		assertThat(this.otherServer.getRequestCount()).isZero();
	}

	private HttpStatus call(String connector, HttpClientSettings settings) {
		WebClient webClient = WebClient.builder()
			.clientConnector(builder(connector).build(settings))
			.filter(this.filter)
			.build();
		return HttpStatus.valueOf(webClient.get()
			.uri(this.api.origin() + "/core/aiservices/v4/answers")
			.retrieve()
			.toBodilessEntity()
			.block(TIMEOUT)
			.getStatusCode()
			.value());
	}

	private static ClientHttpConnectorBuilder<?> builder(String connector) {
		return switch (connector) {
			case "jdk" -> ClientHttpConnectorBuilder.jdk();
			case "reactor" -> ClientHttpConnectorBuilder.reactor();
			case "jetty" -> ClientHttpConnectorBuilder.jetty();
			default -> throw new IllegalArgumentException("Unknown connector " + connector);
		};
	}

}
