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
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.egainauth.client.registration.TestEgainClientRegistrations.CLIENT_ID;
import static io.github.egainauth.client.registration.TestEgainClientRegistrations.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link WebClientReactiveOnBehalfOfTokenResponseClient}.
 *
 * @author egain-auth authors
 */
class WebClientReactiveOnBehalfOfTokenResponseClientTests {

	private static final String IDP_TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJqYW5lIn0.";

	private static final String USER_TOKEN_PATH = "/system/auth/TMPRODB88619984-U/oauth2/token";

	private static final String CUSTOMER_TOKEN_PATH = "/system/auth/TMPRODB88619984-C/oauth2/token";

	private static final String TOO_LARGE_200 = "Token request for eGain client 'agent-assist' (on-behalf-of-user "
			+ "flow) failed: eGain answered HTTP 200 OK with a body too large to be a token response";

	private MockWebServer server;

	private String baseUrl;

	private WebClientReactiveOnBehalfOfTokenResponseClient tokenResponseClient;

	@BeforeEach
	void setUp() throws IOException {
		this.server = TestEgainTokenServer.start();
		this.baseUrl = this.server.url("/").toString();
		this.tokenResponseClient = new WebClientReactiveOnBehalfOfTokenResponseClient();
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

	@Test
	void setWebClientWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.tokenResponseClient.setWebClient(null))
			.withMessage("webClient cannot be null");
	}

	@Test
	void getTokenResponseWhenUsernameSubjectThenPostsSubjectUsername() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.accessToken("user-token", 3600));
		OAuth2AccessTokenResponse response = this.tokenResponseClient
			.getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), EgainSubject.username("pa")))
			.block();
		TestEgainTokenResponses.assertBearerToken(response, "user-token", Duration.ofSeconds(3600));
		RecordedRequest request = this.server.takeRequest();
		TestEgainTokenRequests.assertTokenRequest(request, USER_TOKEN_PATH, null);
		assertThat(TestEgainTokenRequests.form(request)).containsExactly(entry("grant_type", "password"),
				entry("client_id", CLIENT_ID), entry("client_secret", CLIENT_SECRET),
				entry("scope", "knowledge.portalmgr.onbehalfof.read core.aiservices.read"),
				entry("subject_username", "pa"));
	}

	@Test
	void getTokenResponseWhenUserIdSubjectThenPostsSubjectUserid() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.accessToken("user-token", 1800));
		OAuth2AccessTokenResponse response = this.tokenResponseClient
			.getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), EgainSubject.userId("1077")))
			.block();
		TestEgainTokenResponses.assertBearerToken(response, "user-token", Duration.ofSeconds(1800));
		RecordedRequest request = this.server.takeRequest();
		TestEgainTokenRequests.assertTokenRequest(request, USER_TOKEN_PATH, null);
		assertThat(TestEgainTokenRequests.form(request)).containsExactly(entry("grant_type", "password"),
				entry("client_id", CLIENT_ID), entry("client_secret", CLIENT_SECRET),
				entry("scope", "knowledge.portalmgr.onbehalfof.read core.aiservices.read"),
				entry("subject_userid", "1077"));
	}

	@Test
	void getTokenResponseWhenEmailSubjectThenPostsSubjectEmailToCustomerEndpoint() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.accessToken("customer-token", 900));
		ClientRegistration registration = TestEgainClientRegistrations
			.onBehalfOfCustomer(TestEgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_CUSTOMER, this.baseUrl))
			.build();
		OAuth2AccessTokenResponse response = this.tokenResponseClient
			.getTokenResponse(new OnBehalfOfGrantRequest(registration, EgainSubject.email("pa+1@example.com")))
			.block();
		TestEgainTokenResponses.assertBearerToken(response, "customer-token", Duration.ofSeconds(900));
		RecordedRequest request = this.server.takeRequest();
		TestEgainTokenRequests.assertTokenRequest(request, CUSTOMER_TOKEN_PATH, null);
		assertThat(TestEgainTokenRequests.form(request)).containsExactly(entry("grant_type", "password"),
				entry("client_id", CLIENT_ID), entry("client_secret", CLIENT_SECRET),
				entry("scope", "knowledge.portalmgr.onbehalfof.read"), entry("subject_email", "pa+1@example.com"));
	}

	@Test
	void getTokenResponseWhenWebClientSetThenUsesIt() throws Exception {
		this.tokenResponseClient.setWebClient(WebClient.builder().defaultHeader("X-Request-Id", "42").build());
		this.server.enqueue(TestEgainTokenResponses.accessToken("user-token", 3600));
		this.tokenResponseClient
			.getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), EgainSubject.username("pa")))
			.block();
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getHeaders().get("X-Request-Id")).isEqualTo("42");
		TestEgainTokenRequests.assertTokenRequest(request, USER_TOKEN_PATH, null);
	}

	@Test
	void getTokenResponseWhenNoExpiresInAndJwtThenExpiresAtFromExpClaim() {
		Instant now = Instant.parse("2030-01-01T00:00:00Z");
		this.tokenResponseClient.setClock(Clock.fixed(now, ZoneOffset.UTC));
		String jwt = TestEgainTokens.jwt(now.plus(Duration.ofMinutes(45)));
		this.server.enqueue(TestEgainTokenResponses.accessTokenWithoutExpiresIn(jwt));
		OAuth2AccessTokenResponse response = this.tokenResponseClient
			.getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), EgainSubject.username("pa")))
			.block();
		TestEgainTokenResponses.assertBearerToken(response, jwt, Duration.ofMinutes(45));
	}

	@Test
	void getTokenResponseWhenNoExpiresInAndNotJwtThenDefaultLifetime() {
		this.tokenResponseClient.setDefaultLifetime(Duration.ofMinutes(20));
		this.server.enqueue(TestEgainTokenResponses.accessTokenWithoutExpiresIn("opaque-token"));
		OAuth2AccessTokenResponse response = this.tokenResponseClient
			.getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), EgainSubject.username("pa")))
			.block();
		TestEgainTokenResponses.assertBearerToken(response, "opaque-token", Duration.ofMinutes(20));
	}

	@Test
	void getTokenResponseWhenEgainErrorThenThrowsWithEgainError() {
		this.server.enqueue(TestEgainTokenResponses.json(400,
				"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_client", OAuth2Error::getErrorCode)
			.returns("Token request for eGain client 'agent-assist' (on-behalf-of-user flow) failed: "
					+ "eGain answered HTTP 400 Bad Request with error 'invalid_client': Client authentication failed",
					OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenHtmlBodyThenThrowsInvalidTokenResponse() {
		this.server.enqueue(TestEgainTokenResponses.html(200));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns("Token request for eGain client 'agent-assist' (on-behalf-of-user flow) failed: "
					+ "eGain answered HTTP 200 OK with a body that is not a JSON object (Content-Type text/html) "
					+ "instead of a JSON token response", OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenServerErrorWithHtmlThenRetriesThenThrowsInvalidTokenResponse() {
		// 503 is worth retrying: the default policy makes three attempts, then gives up.
		this.server.enqueue(TestEgainTokenResponses.html(503));
		this.server.enqueue(TestEgainTokenResponses.html(503));
		this.server.enqueue(TestEgainTokenResponses.html(503));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns("Token request for eGain client 'agent-assist' (on-behalf-of-user flow) failed: "
					+ "eGain answered HTTP 503 Service Unavailable without an OAuth 2.0 error (gave up after 3 attempts)",
					OAuth2Error::getDescription);
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void getTokenResponseWhenBodyTooLargeToBufferThenThrowsInvalidTokenResponse() {
		this.server.enqueue(TestEgainTokenResponses.largeHtml(200));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns(
					"Token request for eGain client 'agent-assist' (on-behalf-of-user flow) failed: "
							+ "eGain answered HTTP 200 OK with a body too large to be a token response",
					OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenEmptyBodyThenThrowsInvalidTokenResponse() {
		this.server.enqueue(TestEgainTokenResponses.empty());
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns(
					"Token request for eGain client 'agent-assist' (on-behalf-of-user flow) failed: "
							+ "eGain answered HTTP 200 OK with an empty body instead of a JSON token response",
					OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenNoAccessTokenThenThrowsInvalidTokenResponse() {
		this.server.enqueue(TestEgainTokenResponses.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600}"));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns("Token request for eGain client 'agent-assist' (on-behalf-of-user flow) failed: "
					+ "eGain answered HTTP 200 OK with a JSON body that is not a valid token response "
					+ "(Missing required parameter: access_token)", OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenEgainUnreachableThenThrowsInvalidTokenResponse() {
		this.server.close();
		String tokenUri = TestEgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, this.baseUrl);
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.withMessageNotContaining(CLIENT_SECRET)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.extracting(OAuth2Error::getDescription)
			.asString()
			.startsWith("Token request for eGain client 'agent-assist' (on-behalf-of-user flow) failed: "
					+ "could not reach eGain at " + tokenUri + " (");
	}

	@Test
	void getTokenResponseWhenBodyAtSizeLimitThenReadsToken() {
		String token = "{\"access_token\":\"user-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
		String padding = " ".repeat(EgainTokenResponses.MAX_RESPONSE_SIZE - token.length());
		this.server.enqueue(TestEgainTokenResponses.json(200, token + padding));
		TestEgainTokenResponses.assertBearerToken(getUserToken(), "user-token", Duration.ofHours(1));
	}

	@Test
	void getTokenResponseWhenBodyOneByteOverSizeLimitThenThrowsInvalidTokenResponse() {
		String token = "{\"access_token\":\"user-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
		String padding = " ".repeat(EgainTokenResponses.MAX_RESPONSE_SIZE + 1 - token.length());
		this.server.enqueue(TestEgainTokenResponses.json(200, token + padding));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns(TOO_LARGE_200, OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenHugeBodyThenFailsWithoutReadingItAll() throws Exception {
		// Reactor Netty, the auto-configured connector, drops the connection once the
		// client gives up; the JDK's HttpClient leaves it to the server to stop sending.
		this.tokenResponseClient
			.setWebClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector()).build());
		TestEgainHugeBody body = new TestEgainHugeBody();
		this.server.enqueue(body.response(200));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns(TOO_LARGE_200, OAuth2Error::getDescription);
		// The client went away once past the limit: most of the body was never sent.
		assertThat(body.awaitWritten()).isLessThan(TestEgainHugeBody.SIZE);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void getTokenResponseWhenWebClientCodecsBufferMoreThenSizeLimitStillApplies() {
		this.tokenResponseClient.setWebClient(WebClient.builder()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build());
		this.server.enqueue(TestEgainTokenResponses.largeHtml(200));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.extracting(OAuth2AuthorizationException::getError)
			.returns(TOO_LARGE_200, OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenExpiresInZeroThenThrowsAlreadyExpired() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("user-token", 0));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.withMessageNotContaining("user-token")
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns(
					"Token request for eGain client 'agent-assist' (on-behalf-of-user flow) failed: "
							+ "eGain issued a token that had already expired (expires_in 0)",
					OAuth2Error::getDescription);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void getTokenResponseWhenExpiresInNegativeThenThrowsAlreadyExpired() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("user-token", -60));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.extracting(OAuth2AuthorizationException::getError)
			.returns(
					"Token request for eGain client 'agent-assist' (on-behalf-of-user flow) failed: "
							+ "eGain issued a token that had already expired (expires_in -60)",
					OAuth2Error::getDescription);
	}

	@Test
	void getTokenResponseWhenNoExpiresInAndJwtExpiredThenThrowsAlreadyExpired() {
		Instant now = Instant.parse("2030-01-01T00:00:00Z");
		this.tokenResponseClient.setClock(Clock.fixed(now, ZoneOffset.UTC));
		String jwt = TestEgainTokens.jwt(now.minusSeconds(30));
		this.server.enqueue(TestEgainTokenResponses.accessTokenWithoutExpiresIn(jwt));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(this::getUserToken)
			.withMessageNotContaining(jwt)
			.extracting(OAuth2AuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns(
					"Token request for eGain client 'agent-assist' (on-behalf-of-user flow) failed: "
							+ "eGain issued a token that had already expired "
							+ "(its JWT exp claim is 2029-12-31T23:59:30Z, the current time 2030-01-01T00:00:00Z)",
					OAuth2Error::getDescription);
	}

	private OAuth2AccessTokenResponse getUserToken() {
		return this.tokenResponseClient
			.getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), EgainSubject.username("pa")))
			.block();
	}

	@Test
	void getTokenResponseWhenExternalTokenSubjectThenPostsTokenExchangeForm() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.accessToken("exchanged-token", 3600));
		OAuth2AccessTokenResponse response = this.tokenResponseClient
			.getTokenResponse(
					new OnBehalfOfGrantRequest(tokenExchangeRegistration(), EgainSubject.externalToken(IDP_TOKEN)))
			.block();
		TestEgainTokenResponses.assertBearerToken(response, "exchanged-token", Duration.ofSeconds(3600));
		RecordedRequest request = this.server.takeRequest();
		TestEgainTokenRequests.assertTokenRequest(request, USER_TOKEN_PATH, null);
		assertThat(TestEgainTokenRequests.form(request)).containsExactly(
				entry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
				entry("subject_token", IDP_TOKEN),
				entry("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"),
				entry("registration_id", "okta-sso"), entry("client_id", CLIENT_ID),
				entry("client_secret", CLIENT_SECRET), entry("scope", "knowledge.portalmgr.onbehalfof.read"));
	}

	@Test
	void getTokenResponseWhenTokenExchangeWithoutScopesThenSendsNoScope() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.accessToken("exchanged-token", 3600));
		OAuth2AccessTokenResponse response = this.tokenResponseClient
			.getTokenResponse(
					new OnBehalfOfGrantRequest(EgainClientRegistrations.withTokenExchange("sso-agent", "okta-sso")
						.clientId(CLIENT_ID)
						.clientSecret(CLIENT_SECRET)
						.tokenUri(TestEgainClientRegistrations.tokenUri(EgainFlow.TOKEN_EXCHANGE, this.baseUrl))
						.build(), EgainSubject.externalToken(IDP_TOKEN)))
			.block();
		assertThat(response.getAccessToken().getTokenValue()).isEqualTo("exchanged-token");
		assertThat(TestEgainTokenRequests.form(this.server.takeRequest())).containsOnlyKeys("grant_type",
				"subject_token", "subject_token_type", "registration_id", "client_id", "client_secret");
	}

	@Test
	void constructorWhenTokenExchangeClientAndUsernameSubjectThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OnBehalfOfGrantRequest(tokenExchangeRegistration(), EgainSubject.username("pa")))
			.withMessage("Client 'sso-agent' uses the token-exchange flow, which cannot issue a token for username "
					+ "subjects; use EgainSubject.externalToken(...)");
	}

	private ClientRegistration tokenExchangeRegistration() {
		return TestEgainClientRegistrations
			.tokenExchange(TestEgainClientRegistrations.tokenUri(EgainFlow.TOKEN_EXCHANGE, this.baseUrl))
			.build();
	}

	private ClientRegistration userRegistration() {
		return TestEgainClientRegistrations
			.onBehalfOfUser(TestEgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, this.baseUrl))
			.build();
	}

}
