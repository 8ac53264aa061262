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

package io.github.egainauth.client.endpoint;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of what the blocking and reactive token clients tell their token URI failure
 * handler: a token request that found no token endpoint at its URI, once per request, and
 * nothing else.
 *
 * @author egain-auth authors
 * @see AbstractRestClientEgainTokenResponseClient#setTokenUriFailureHandler
 * @see AbstractWebClientReactiveEgainTokenResponseClient#setTokenUriFailureHandler
 */
class EgainTokenResponseClientTokenUriFailureTests {

	private static final EgainRetryPolicy FAST_RETRIES = new EgainRetryPolicy(3, Duration.ZERO, Duration.ZERO,
			Duration.ofSeconds(20));

	private final List<ClientRegistration> told = new CopyOnWriteArrayList<>();

	private final RestClientEgainClientCredentialsTokenResponseClient blocking = new RestClientEgainClientCredentialsTokenResponseClient();

	private final WebClientReactiveEgainClientCredentialsTokenResponseClient reactive = new WebClientReactiveEgainClientCredentialsTokenResponseClient();

	private MockWebServer server;

	@BeforeEach
	void setUp() throws IOException {
		this.server = TestEgainTokenServer.start();
		this.blocking.setRetryPolicy(FAST_RETRIES);
		this.blocking.setTokenUriFailureHandler(this.told::add);
		this.reactive.setRetryPolicy(FAST_RETRIES);
		this.reactive.setTokenUriFailureHandler(this.told::add);
	}

	@AfterEach
	void tearDown() {
		this.server.close();
	}

	@ParameterizedTest
	@ValueSource(ints = { 404, 405, 410 })
	void getTokenResponseWhenNoTokenEndpointAtUriThenHandlerToldOnce(int status) {
		ClientRegistration registration = registration(this.server.url("/token").toString());
		this.server.enqueue(new MockResponse.Builder().code(status).body("<html>Not here</html>").build());
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.blocking.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)));
		assertThat(this.told).containsExactly(registration);
		this.server.enqueue(new MockResponse.Builder().code(status).body("{\"error\":\"invalid_request\"}").build());
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(
				() -> this.reactive.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)).block());
		assertThat(this.told).containsExactly(registration, registration);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(ints = { 301, 302, 307, 308 })
	void getTokenResponseWhenRedirectedThenHandlerToldAndRedirectNotFollowed(int status) {
		ClientRegistration registration = registration(this.server.url("/token").toString());
		MockResponse moved = new MockResponse.Builder().code(status)
			.setHeader(HttpHeaders.LOCATION, this.server.url("/moved").toString())
			.build();
		this.server.enqueue(moved);
		this.server.enqueue(moved);
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.blocking.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(
				() -> this.reactive.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)).block());
		assertThat(this.told).containsExactly(registration, registration);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void getTokenResponseWhenConnectionRefusedThenHandlerToldOnceAfterLastAttempt() throws IOException {
		ClientRegistration registration = registration(TestEgainTokenServer.closedServerUrl() + "token");
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.blocking.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)))
			.satisfies((ex) -> assertThat(ex.getError().getDescription()).endsWith("(gave up after 3 attempts)"));
		assertThat(this.told).containsExactly(registration);
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(
					() -> this.reactive.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)).block())
			.satisfies((ex) -> assertThat(ex.getError().getDescription()).endsWith("(gave up after 3 attempts)"));
		assertThat(this.told).containsExactly(registration, registration);
	}

	@Test
	void getTokenResponseWhenHostUnknownThenHandlerTold() {
		ClientRegistration registration = registration("https://token.invalid/oauth2/token");
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.blocking.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(
				() -> this.reactive.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)).block());
		assertThat(this.told).containsExactly(registration, registration);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 429, 500, 503 })
	void getTokenResponseWhenEndpointAnswersOtherwiseThenHandlerNotTold(int status) {
		ClientRegistration registration = registration(this.server.url("/token").toString());
		this.server.setDispatcher(TestEgainTokenServer.answering((request) -> new MockResponse.Builder().code(status)
			.setHeader(HttpHeaders.CONTENT_TYPE, "application/json")
			.body("{\"error\":\"invalid_client\"}")
			.build()));
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.blocking.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(
				() -> this.reactive.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)).block());
		assertThat(this.told).isEmpty();
	}

	@Test
	void getTokenResponseWhenTokenIssuedThenHandlerNotTold() {
		ClientRegistration registration = registration(this.server.url("/token").toString());
		this.server.enqueue(TestEgainTokenResponses.accessToken("token", 3600));
		this.server.enqueue(TestEgainTokenResponses.accessToken("token", 3600));
		this.blocking.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration));
		this.reactive.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)).block();
		assertThat(this.told).isEmpty();
	}

	@Test
	void setTokenUriFailureHandlerWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.blocking.setTokenUriFailureHandler(null))
			.withMessage("tokenUriFailureHandler cannot be null");
		assertThatIllegalArgumentException().isThrownBy(() -> this.reactive.setTokenUriFailureHandler(null))
			.withMessage("tokenUriFailureHandler cannot be null");
	}

	private static ClientRegistration registration(String tokenUri) {
		return TestEgainClientRegistrations.clientCredentials(tokenUri).build();
	}

}
