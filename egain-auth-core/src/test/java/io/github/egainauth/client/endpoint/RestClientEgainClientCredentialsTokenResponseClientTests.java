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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import io.github.egainauth.client.web.TestEgainApi;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.client.RestClient;

import static io.github.egainauth.client.registration.TestEgainClientRegistrations.CLIENT_ID;
import static io.github.egainauth.client.registration.TestEgainClientRegistrations.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link RestClientEgainClientCredentialsTokenResponseClient}.
 *
 * @author egain-auth authors
 */
class RestClientEgainClientCredentialsTokenResponseClientTests {

	private static final String CLIENT_CREDENTIALS_TOKEN_PATH = "/system/auth/TMPRODB88619984-U/oauth2/token";

	private static final String ANONYMOUS_TOKEN_PATH = "/core/authmgr/v3/oauth2/v2.0/anonymous/token";

	private static final String ANONYMOUS_TOKEN_QUERY = "user_type=customer&domain_hint=TMPRODB88619984";

	private MockWebServer server;

	private String baseUrl;

	private RestClientEgainClientCredentialsTokenResponseClient tokenResponseClient;

	@BeforeEach
	void setUp() throws IOException {
		this.server = TestEgainTokenServer.start();
		this.baseUrl = this.server.url("/").toString();
		this.tokenResponseClient = new RestClientEgainClientCredentialsTokenResponseClient();
	}

	@AfterEach
	void tearDown() {
		this.server.close();
	}

	@Test
	void getTokenResponseWhenGrantRequestNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.tokenResponseClient.getTokenResponse(null))
			.withMessage("grantRequest cannot be null");
	}

	@ParameterizedTest
	@ValueSource(ints = { 307, 308 })
	void getTokenResponseWhenRedirectedToOtherOriginThenClientSecretNotSentThere(int status) throws IOException {
		try (MockWebServer otherServer = TestEgainApi.startOtherOrigin()) {
			this.server.enqueue(new MockResponse.Builder().code(status)
				.setHeader("Location", otherServer.url("/collect").toString())
				.build());
			assertThatExceptionOfType(OAuth2AuthorizationException.class)
				.isThrownBy(() -> this.tokenResponseClient
					.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(clientCredentialsRegistration())))
				.satisfies((ex) -> assertThat(ex.getError().getDescription())
					.contains("eGain answered HTTP " + status + " ")
					.endsWith(" without an OAuth 2.0 error"));
			assertThat(this.server.getRequestCount()).isOne();
			assertThat(otherServer.getRequestCount()).isZero();
		}
	}

	@Test
	void setRestClientWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.tokenResponseClient.setRestClient(null))
			.withMessage("restClient cannot be null");
	}

	@Test
	void getTokenResponseWhenClientCredentialsFlowThenPostsClientCredentials() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.accessToken("application-token", 3600));
		OAuth2AccessTokenResponse response = this.tokenResponseClient
			.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(clientCredentialsRegistration()));
		TestEgainTokenResponses.assertBearerToken(response, "application-token", Duration.ofSeconds(3600));
		RecordedRequest request = this.server.takeRequest();
		TestEgainTokenRequests.assertTokenRequest(request, CLIENT_CREDENTIALS_TOKEN_PATH, null);
		assertThat(TestEgainTokenRequests.form(request)).containsExactly(entry("grant_type", "client_credentials"),
				entry("client_id", CLIENT_ID), entry("client_secret", CLIENT_SECRET),
				entry("scope", "knowledge.portalmgr.manage"));
	}

	@Test
	void getTokenResponseWhenAnonymousCustomerFlowThenPostsPrefixedScopesToAnonymousEndpoint() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.accessToken("anonymous-token", 600));
		OAuth2AccessTokenResponse response = this.tokenResponseClient
			.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(anonymousCustomerRegistration()));
		TestEgainTokenResponses.assertBearerToken(response, "anonymous-token", Duration.ofSeconds(600));
		RecordedRequest request = this.server.takeRequest();
		TestEgainTokenRequests.assertTokenRequest(request, ANONYMOUS_TOKEN_PATH, ANONYMOUS_TOKEN_QUERY);
		String scopePrefix = this.server.url("/auth/").toString();
		assertThat(TestEgainTokenRequests.form(request)).containsExactly(entry("grant_type", "client_credentials"),
				entry("client_id", CLIENT_ID), entry("client_secret", CLIENT_SECRET),
				entry("scope", scopePrefix + "core.aiservices.read " + scopePrefix + "knowledge.portalmgr.read "
						+ "https://api.ai.egain.cloud/auth/knowledge.portalmgr.manage"));
	}

	@Test
	void getTokenResponseWhenRestClientSetThenUsesIt() throws Exception {
		this.tokenResponseClient.setRestClient(RestClient.builder().defaultHeader("X-Request-Id", "42").build());
		this.server.enqueue(TestEgainTokenResponses.accessToken("application-token", 3600));
		this.tokenResponseClient
			.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(clientCredentialsRegistration()));
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getHeaders().get("X-Request-Id")).isEqualTo("42");
		TestEgainTokenRequests.assertTokenRequest(request, CLIENT_CREDENTIALS_TOKEN_PATH, null);
	}

	@Test
	void getTokenResponseWhenNoExpiresInAndJwtThenExpiresAtFromExpClaim() {
		Instant now = Instant.parse("2030-01-01T00:00:00Z");
		this.tokenResponseClient.setClock(Clock.fixed(now, ZoneOffset.UTC));
		String jwt = TestEgainTokens.jwt(now.plus(Duration.ofHours(2)));
		this.server.enqueue(TestEgainTokenResponses.accessTokenWithoutExpiresIn(jwt));
		OAuth2AccessTokenResponse response = this.tokenResponseClient
			.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(anonymousCustomerRegistration()));
		TestEgainTokenResponses.assertBearerToken(response, jwt, Duration.ofHours(2));
	}

	@Test
	void getTokenResponseWhenNoExpiresInAndNotJwtThenDefaultLifetimeOfOneHour() {
		this.server.enqueue(TestEgainTokenResponses.accessTokenWithoutExpiresIn("opaque-token"));
		OAuth2AccessTokenResponse response = this.tokenResponseClient
			.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(clientCredentialsRegistration()));
		TestEgainTokenResponses.assertBearerToken(response, "opaque-token", Duration.ofHours(1));
	}

	@Test
	void getTokenResponseWhenEgainErrorThenThrowsWithEgainError() {
		this.server.enqueue(TestEgainTokenResponses.json(401,
				"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getClientCredentialsToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_client", OAuth2Error::getErrorCode)
			.returns("Token request for eGain client 'knowledge-sync' (client-credentials flow) failed: "
					+ "eGain answered HTTP 401 Unauthorized with error 'invalid_client': Client authentication failed",
					OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenAnonymousCustomerEgainErrorThenThrowsWithEgainError() {
		this.server.enqueue(TestEgainTokenResponses.json(400, "{\"error\":\"invalid_scope\"}"));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getAnonymousCustomerToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_scope", OAuth2Error::getErrorCode)
			.returns(
					"Token request for eGain client 'chat-widget' (anonymous-customer flow) failed: "
							+ "eGain answered HTTP 400 Bad Request with error 'invalid_scope'",
					OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenHtmlBodyThenThrowsInvalidTokenResponse() {
		this.server.enqueue(TestEgainTokenResponses.html(200));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getAnonymousCustomerToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns("Token request for eGain client 'chat-widget' (anonymous-customer flow) failed: "
					+ "eGain answered HTTP 200 OK with a body that is not a JSON object (Content-Type text/html) "
					+ "instead of a JSON token response", OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenServerErrorWithHtmlThenRetriesThenThrowsInvalidTokenResponse() {
		// 502 is worth retrying: the default policy makes three attempts, then gives up.
		this.server.enqueue(TestEgainTokenResponses.html(502));
		this.server.enqueue(TestEgainTokenResponses.html(502));
		this.server.enqueue(TestEgainTokenResponses.html(502));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getClientCredentialsToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns("Token request for eGain client 'knowledge-sync' (client-credentials flow) failed: "
					+ "eGain answered HTTP 502 Bad Gateway without an OAuth 2.0 error (gave up after 3 attempts)",
					OAuth2Error::getDescription);
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void getTokenResponseWhenEmptyBodyThenThrowsInvalidTokenResponse() {
		this.server.enqueue(TestEgainTokenResponses.empty());
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getClientCredentialsToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns(
					"Token request for eGain client 'knowledge-sync' (client-credentials flow) failed: "
							+ "eGain answered HTTP 200 OK with an empty body instead of a JSON token response",
					OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenNoAccessTokenThenThrowsInvalidTokenResponse() {
		this.server.enqueue(TestEgainTokenResponses.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600}"));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getClientCredentialsToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns("Token request for eGain client 'knowledge-sync' (client-credentials flow) failed: "
					+ "eGain answered HTTP 200 OK with a JSON body that is not a valid token response "
					+ "(Missing required parameter: access_token)", OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenNoAccessTokenThenFailureKeepsConverterFailureAsCause() {
		this.server.enqueue(TestEgainTokenResponses.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600}"));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getClientCredentialsToken)
			.havingCause()
			.isInstanceOf(IllegalArgumentException.class)
			.withMessage("Missing required parameter: access_token");
	}

	@Test
	void getTokenResponseWhenEgainErrorIsEmptyThenThrowsInvalidTokenResponse() {
		this.server.enqueue(TestEgainTokenResponses.json(400, "{\"error\":\"\",\"error_description\":\"x\"}"));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getClientCredentialsToken)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns(
					"Token request for eGain client 'knowledge-sync' (client-credentials flow) failed: "
							+ "eGain answered HTTP 400 Bad Request without an OAuth 2.0 error",
					OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenEgainUnreachableThenThrowsInvalidTokenResponse() {
		this.server.close();
		String tokenUri = TestEgainClientRegistrations.tokenUri(EgainFlow.ANONYMOUS_CUSTOMER, this.baseUrl);
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getAnonymousCustomerToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.extracting(OAuth2Error::getDescription)
			.asString()
			.startsWith("Token request for eGain client 'chat-widget' (anonymous-customer flow) failed: "
					+ "could not reach eGain at " + tokenUri + " (");
	}

	@Test
	void getTokenResponseWhenExpiresInZeroThenThrowsAlreadyExpired() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("application-token", 0));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getClientCredentialsToken)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns(
					"Token request for eGain client 'knowledge-sync' (client-credentials flow) failed: "
							+ "eGain issued a token that had already expired (expires_in 0)",
					OAuth2Error::getDescription);
	}

	private OAuth2AccessTokenResponse getClientCredentialsToken() {
		return this.tokenResponseClient
			.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(clientCredentialsRegistration()));
	}

	private OAuth2AccessTokenResponse getAnonymousCustomerToken() {
		return this.tokenResponseClient
			.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(anonymousCustomerRegistration()));
	}

	private ClientRegistration clientCredentialsRegistration() {
		return TestEgainClientRegistrations
			.clientCredentials(TestEgainClientRegistrations.tokenUri(EgainFlow.CLIENT_CREDENTIALS, this.baseUrl))
			.build();
	}

	private ClientRegistration anonymousCustomerRegistration() {
		return TestEgainClientRegistrations
			.anonymousCustomer(TestEgainClientRegistrations.tokenUri(EgainFlow.ANONYMOUS_CUSTOMER, this.baseUrl),
					EgainClientRegistrations.defaultScopePrefix(this.baseUrl))
			.build();
	}

	// Argument checks (found by mutation testing: see docs/testing.md).

	@Test
	void setObservationRegistryWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RestClientEgainClientCredentialsTokenResponseClient().setObservationRegistry(null))
			.withMessage("observationRegistry cannot be null");
	}

	@Test
	void setRetryPolicyWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RestClientEgainClientCredentialsTokenResponseClient().setRetryPolicy(null))
			.withMessage("retryPolicy cannot be null");
	}

}
