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

package io.github.egainauth.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.endpoint.RestClientOnBehalfOfTokenResponseClient;
import io.github.egainauth.client.endpoint.TestEgainTokenRequests;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.endpoint.TestEgainTokens;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static io.github.egainauth.client.registration.TestEgainClientRegistrations.CLIENT_ID;
import static io.github.egainauth.client.registration.TestEgainClientRegistrations.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link OnBehalfOfOAuth2AuthorizedClientProvider}.
 *
 * @author egain-auth authors
 */
class OnBehalfOfOAuth2AuthorizedClientProviderTests {

	// Long past, so a token that is valid by the injected clock has expired by the
	// system clock
	private static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final String USER_TOKEN_PATH = "/system/auth/TMPRODB88619984-U/oauth2/token";

	private final Authentication principal = new TestingAuthenticationToken("agent-7", "password");

	private MockWebServer server;

	private ClientRegistration userRegistration;

	private ClientRegistration customerRegistration;

	private OnBehalfOfOAuth2AuthorizedClientProvider authorizedClientProvider;

	@BeforeEach
	void setUp() throws IOException {
		this.server = TestEgainTokenServer.start();
		String baseUrl = this.server.url("/").toString();
		this.userRegistration = TestEgainClientRegistrations
			.onBehalfOfUser(TestEgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, baseUrl))
			.build();
		this.customerRegistration = TestEgainClientRegistrations
			.onBehalfOfCustomer(TestEgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_CUSTOMER, baseUrl))
			.build();
		this.authorizedClientProvider = new OnBehalfOfOAuth2AuthorizedClientProvider();
		this.authorizedClientProvider.setClock(CLOCK);
	}

	@AfterEach
	void tearDown() {
		this.server.close();
	}

	@Test
	void setAccessTokenResponseClientWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.authorizedClientProvider.setAccessTokenResponseClient(null))
			.withMessage("accessTokenResponseClient cannot be null");
	}

	@Test
	void setClockSkewWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.authorizedClientProvider.setClockSkew(null))
			.withMessage("clockSkew cannot be null");
	}

	@Test
	void setClockSkewWhenNegativeThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.authorizedClientProvider.setClockSkew(Duration.ofSeconds(-1)))
			.withMessage("clockSkew must be >= 0");
	}

	@Test
	void setClockWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.authorizedClientProvider.setClock(null))
			.withMessage("clock cannot be null");
	}

	@Test
	void authorizeWhenContextNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.authorizedClientProvider.authorize(null))
			.withMessage("context cannot be null");
	}

	@Test
	void authorizeWhenClientCredentialsRegistrationThenNull() {
		ClientRegistration registration = TestEgainClientRegistrations
			.clientCredentials(this.userRegistration.getProviderDetails().getTokenUri())
			.build();
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext.withClientRegistration(registration)
			.principal(this.principal)
			.attribute(EgainSubject.ATTRIBUTE_NAME, EgainSubject.username("pa"))
			.build();
		assertThat(this.authorizedClientProvider.authorize(context)).isNull();
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void authorizeWhenAuthorizationCodeRegistrationThenNull() {
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext
			.withClientRegistration(TestEgainClientRegistrations.authorizationCode().build())
			.principal(this.principal)
			.attribute(EgainSubject.ATTRIBUTE_NAME, EgainSubject.username("pa"))
			.build();
		assertThat(this.authorizedClientProvider.authorize(context)).isNull();
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void authorizeWhenNotAuthorizedThenRequestsTokenForSubject() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.json(200, "{\"access_token\":\"user-token\","
				+ "\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"refresh-token\"}"));
		OAuth2AuthorizedClient authorizedClient = this.authorizedClientProvider
			.authorize(context(this.userRegistration, EgainSubject.username("pa")));
		assertThat(authorizedClient).isNotNull();
		assertThat(authorizedClient.getClientRegistration()).isSameAs(this.userRegistration);
		assertThat(authorizedClient.getPrincipalName()).isEqualTo("agent-7");
		assertThat(authorizedClient.getAccessToken().getTokenValue()).isEqualTo("user-token");
		assertThat(authorizedClient.getRefreshToken()).isNotNull();
		assertThat(authorizedClient.getRefreshToken().getTokenValue()).isEqualTo("refresh-token");
		RecordedRequest request = this.server.takeRequest();
		TestEgainTokenRequests.assertTokenRequest(request, USER_TOKEN_PATH, null);
		assertThat(TestEgainTokenRequests.form(request)).containsExactly(entry("grant_type", "password"),
				entry("client_id", CLIENT_ID), entry("client_secret", CLIENT_SECRET),
				entry("scope", "knowledge.portalmgr.onbehalfof.read core.aiservices.read"),
				entry("subject_username", "pa"));
	}

	@Test
	void authorizeWhenCustomerFlowThenRequestsTokenForEmail() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.accessToken("customer-token", 3600));
		OAuth2AuthorizedClient authorizedClient = this.authorizedClientProvider
			.authorize(context(this.customerRegistration, EgainSubject.email("pa@example.com")));
		assertThat(authorizedClient).isNotNull();
		assertThat(authorizedClient.getAccessToken().getTokenValue()).isEqualTo("customer-token");
		RecordedRequest request = this.server.takeRequest();
		TestEgainTokenRequests.assertTokenRequest(request, "/system/auth/TMPRODB88619984-C/oauth2/token", null);
		assertThat(TestEgainTokenRequests.form(request)).containsEntry("subject_email", "pa@example.com")
			.doesNotContainKeys("subject_username", "subject_userid", "username", "password");
	}

	@Test
	void authorizeWhenTokenValidThenNullAndNothingSent() {
		OAuth2AuthorizedClient authorizedClient = authorizedClient(NOW.plus(Duration.ofMinutes(10)));
		assertThat(this.authorizedClientProvider.authorize(context(authorizedClient, EgainSubject.username("pa"))))
			.isNull();
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void authorizeWhenTokenExpiresWithinClockSkewThenRequestsNewToken() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("new-token", 3600));
		OAuth2AuthorizedClient authorizedClient = authorizedClient(NOW.plus(Duration.ofSeconds(30)));
		OAuth2AuthorizedClient reauthorized = this.authorizedClientProvider
			.authorize(context(authorizedClient, EgainSubject.username("pa")));
		assertThat(reauthorized).isNotNull();
		assertThat(reauthorized.getAccessToken().getTokenValue()).isEqualTo("new-token");
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void authorizeWhenTokenExpiresNowThenRequestsNewToken() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("new-token", 3600));
		OAuth2AuthorizedClient authorizedClient = authorizedClient(NOW);
		OAuth2AuthorizedClient reauthorized = this.authorizedClientProvider
			.authorize(context(authorizedClient, EgainSubject.username("pa")));
		assertThat(reauthorized).isNotNull();
		assertThat(reauthorized.getAccessToken().getTokenValue()).isEqualTo("new-token");
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void authorizeWhenClockSkewSetAndTokenExpiresWithinItThenRequestsNewToken() {
		this.authorizedClientProvider.setClockSkew(Duration.ofMinutes(5));
		this.server.enqueue(TestEgainTokenResponses.accessToken("new-token", 3600));
		OAuth2AuthorizedClient authorizedClient = authorizedClient(NOW.plus(Duration.ofMinutes(4)));
		OAuth2AuthorizedClient reauthorized = this.authorizedClientProvider
			.authorize(context(authorizedClient, EgainSubject.username("pa")));
		assertThat(reauthorized).isNotNull();
		assertThat(reauthorized.getAccessToken().getTokenValue()).isEqualTo("new-token");
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void authorizeWhenClockSkewSetAndTokenExpiresAfterItThenNull() {
		this.authorizedClientProvider.setClockSkew(Duration.ofMinutes(5));
		OAuth2AuthorizedClient authorizedClient = authorizedClient(NOW.plus(Duration.ofMinutes(6)));
		assertThat(this.authorizedClientProvider.authorize(context(authorizedClient, EgainSubject.username("pa"))))
			.isNull();
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void authorizeWhenNoSubjectThenThrowsIllegalArgumentExceptionBeforeSending() {
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext.withClientRegistration(this.userRegistration)
			.principal(this.principal)
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.authorizedClientProvider.authorize(context))
			.withMessage("eGain client 'agent-assist' uses the on-behalf-of-user flow and needs an EgainSubject, "
					+ "but none was given; put one in the authorization context attribute "
					+ "'io.github.egainauth.EgainSubject'");
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void authorizeWhenSubjectAttributeNotEgainSubjectThenThrowsIllegalArgumentExceptionBeforeSending() {
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext
			.withClientRegistration(this.customerRegistration)
			.principal(this.principal)
			.attribute(EgainSubject.ATTRIBUTE_NAME, "pa@example.com")
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.authorizedClientProvider.authorize(context))
			.withMessage("eGain client 'customer-portal' uses the on-behalf-of-customer flow and needs an "
					+ "EgainSubject, but the attribute 'io.github.egainauth.EgainSubject' holds a java.lang.String; "
					+ "put one in the authorization context attribute 'io.github.egainauth.EgainSubject'");
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void authorizeWhenEmailSubjectForUserFlowThenThrowsIllegalArgumentExceptionBeforeSending() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.authorizedClientProvider
				.authorize(context(this.userRegistration, EgainSubject.email("pa@example.com"))))
			.withMessage("Client 'agent-assist' uses the on-behalf-of-user flow, which cannot issue a token for "
					+ "email subjects; use EgainSubject.username(...) or EgainSubject.userId(...)");
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void authorizeWhenUsernameSubjectForCustomerFlowThenThrowsIllegalArgumentExceptionBeforeSending() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.authorizedClientProvider
				.authorize(context(this.customerRegistration, EgainSubject.username("pa"))))
			.withMessage("Client 'customer-portal' uses the on-behalf-of-customer flow, which cannot issue a token "
					+ "for username subjects; use EgainSubject.email(...)");
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void authorizeWhenTokenEndpointErrorThenThrowsClientAuthorizationException() {
		this.server.enqueue(TestEgainTokenResponses.json(400,
				"{\"error\":\"invalid_grant\",\"error_description\":\"Unknown user\"}"));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> this.authorizedClientProvider
				.authorize(context(this.userRegistration, EgainSubject.username("pa"))))
			.withCauseInstanceOf(OAuth2AuthorizationException.class)
			.withMessageNotContaining(CLIENT_SECRET)
			.returns("agent-assist", ClientAuthorizationException::getClientRegistrationId)
			.extracting(ClientAuthorizationException::getError)
			.returns("invalid_grant", OAuth2Error::getErrorCode)
			.returns(
					"Token request for eGain client 'agent-assist' (on-behalf-of-user flow) failed: "
							+ "eGain answered HTTP 400 Bad Request with error 'invalid_grant': Unknown user",
					OAuth2Error::getDescription);
	}

	@Test
	void authorizeWhenNoExpiresInAndJwtThenExpiresAtFromExpClaim() {
		RestClientOnBehalfOfTokenResponseClient accessTokenResponseClient = new RestClientOnBehalfOfTokenResponseClient();
		accessTokenResponseClient.setClock(CLOCK);
		this.authorizedClientProvider.setAccessTokenResponseClient(accessTokenResponseClient);
		String jwt = TestEgainTokens.jwt(NOW.plus(Duration.ofHours(2)));
		this.server.enqueue(TestEgainTokenResponses.accessTokenWithoutExpiresIn(jwt));
		OAuth2AuthorizedClient authorizedClient = this.authorizedClientProvider
			.authorize(context(this.userRegistration, EgainSubject.username("pa")));
		assertThat(authorizedClient).isNotNull();
		assertThat(authorizedClient.getAccessToken().getTokenValue()).isEqualTo(jwt);
		assertThat(lifetime(authorizedClient.getAccessToken())).isEqualTo(Duration.ofHours(2));
	}

	@Test
	void authorizeWhenNoExpiresInAndNotJwtThenDefaultLifetimeNotOneSecond() {
		this.server.enqueue(TestEgainTokenResponses.accessTokenWithoutExpiresIn("opaque-token"));
		OAuth2AuthorizedClient authorizedClient = this.authorizedClientProvider
			.authorize(context(this.userRegistration, EgainSubject.username("pa")));
		assertThat(authorizedClient).isNotNull();
		assertThat(lifetime(authorizedClient.getAccessToken())).isEqualTo(Duration.ofHours(1))
			.isNotEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void authorizeWhenValidTokenIssuedForAnotherSubjectThenRequestsTokenForRequestedSubject() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.accessToken("bob-token", 3600));
		OAuth2AuthorizedClient alices = authorizedClient(NOW.plus(Duration.ofMinutes(10)));
		OAuth2AuthorizedClient bobs = this.authorizedClientProvider
			.authorize(context(alices, EgainSubject.username("bob")));
		assertThat(bobs).isInstanceOfSatisfying(EgainAuthorizedClient.class, (client) -> {
			assertThat(client.getSubject()).isEqualTo(EgainSubject.username("bob"));
			assertThat(client.getAccessToken().getTokenValue()).isEqualTo("bob-token");
		});
		assertThat(TestEgainTokenRequests.form(this.server.takeRequest())).containsEntry("subject_username", "bob");
	}

	@Test
	void authorizeWhenValidTokenIssuedForSameValueOfAnotherKindThenRequestsNewToken() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.accessToken("userid-token", 3600));
		OAuth2AuthorizedClient usernames = authorizedClient(NOW.plus(Duration.ofMinutes(10)));
		OAuth2AuthorizedClient userIds = this.authorizedClientProvider
			.authorize(context(usernames, EgainSubject.userId("pa")));
		assertThat(userIds).isNotNull();
		assertThat(userIds.getAccessToken().getTokenValue()).isEqualTo("userid-token");
		assertThat(TestEgainTokenRequests.form(this.server.takeRequest())).containsEntry("subject_userid", "pa")
			.doesNotContainKey("subject_username");
	}

	@Test
	void authorizeWhenValidTokenSaysNotWhomItIsForThenRequestsNewToken() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("new-token", 3600));
		OAuth2AuthorizedClient plain = validClient(this.userRegistration,
				authorizedClient(NOW.plus(Duration.ofMinutes(10))));
		OAuth2AuthorizedClient reauthorized = this.authorizedClientProvider
			.authorize(context(plain, EgainSubject.username("pa")));
		assertThat(reauthorized).isInstanceOf(EgainAuthorizedClient.class);
		assertThat(reauthorized.getAccessToken().getTokenValue()).isEqualTo("new-token");
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void authorizeWhenTokenIssuedThenBoundToSubjectAndPrincipal() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("new-token", 3600));
		OAuth2AuthorizedClient authorizedClient = this.authorizedClientProvider
			.authorize(context(this.userRegistration, EgainSubject.username("pa")));
		assertThat(authorizedClient).isInstanceOfSatisfying(EgainAuthorizedClient.class, (client) -> {
			assertThat(client.getSubject()).isEqualTo(EgainSubject.username("pa"));
			assertThat(client.getPrincipalName()).isEqualTo(this.principal.getName());
			assertThat(client.getClientRegistration()).isSameAs(this.userRegistration);
		});
	}

	@Test
	void authorizeWhenHeldTokenValidAndNoSubjectThenThrowsIllegalArgumentException() {
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext
			.withAuthorizedClient(authorizedClient(NOW.plus(Duration.ofMinutes(10))))
			.principal(this.principal)
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.authorizedClientProvider.authorize(context))
			.withMessageContaining("needs an EgainSubject");
		assertThat(this.server.getRequestCount()).isZero();
	}

	private OAuth2AuthorizationContext context(ClientRegistration registration, EgainSubject subject) {
		return OAuth2AuthorizationContext.withClientRegistration(registration)
			.principal(this.principal)
			.attribute(EgainSubject.ATTRIBUTE_NAME, subject)
			.build();
	}

	private OAuth2AuthorizationContext context(OAuth2AuthorizedClient authorizedClient, EgainSubject subject) {
		return OAuth2AuthorizationContext.withAuthorizedClient(authorizedClient)
			.principal(this.principal)
			.attribute(EgainSubject.ATTRIBUTE_NAME, subject)
			.build();
	}

	private OAuth2AuthorizedClient authorizedClient(Instant expiresAt) {
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "held-token",
				expiresAt.minus(Duration.ofHours(1)), expiresAt);
		return new EgainAuthorizedClient(this.userRegistration, "agent-7", EgainSubject.username("pa"), accessToken,
				null);
	}

	private OAuth2AuthorizedClient validClient(ClientRegistration registration, OAuth2AuthorizedClient held) {
		return new OAuth2AuthorizedClient(registration, held.getPrincipalName(), held.getAccessToken());
	}

	private static Duration lifetime(OAuth2AccessToken accessToken) {
		return Duration.between(accessToken.getIssuedAt(), accessToken.getExpiresAt());
	}

	// Argument checks (found by mutation testing: see docs/testing.md).

	@Test
	void setTokenExpiryWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OnBehalfOfOAuth2AuthorizedClientProvider().setTokenExpiry(null))
			.withMessage("tokenExpiry cannot be null");
	}

}
