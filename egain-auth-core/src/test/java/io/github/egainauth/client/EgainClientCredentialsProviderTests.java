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

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.endpoint.RestClientEgainClientCredentialsTokenResponseClient;
import io.github.egainauth.client.endpoint.TestEgainTokenRequests;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.endpoint.WebClientReactiveEgainClientCredentialsTokenResponseClient;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import static io.github.egainauth.client.registration.TestEgainClientRegistrations.CLIENT_ID;
import static io.github.egainauth.client.registration.TestEgainClientRegistrations.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests that Spring Security's own client-credentials providers serve eGain's
 * client-credentials and anonymous-customer flows once given eGain's token clients.
 *
 * @author egain-auth authors
 */
class EgainClientCredentialsProviderTests {

	private MockWebServer server;

	private String baseUrl;

	@BeforeEach
	void setUp() throws IOException {
		this.server = TestEgainTokenServer.start();
		this.baseUrl = this.server.url("/").toString();
	}

	@AfterEach
	void tearDown() {
		this.server.close();
	}

	@Test
	void authorizeWhenClientCredentialsFlowThenTokenFromEgain() throws Exception {
		ClientCredentialsOAuth2AuthorizedClientProvider authorizedClientProvider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		authorizedClientProvider
			.setAccessTokenResponseClient(new RestClientEgainClientCredentialsTokenResponseClient());
		this.server.enqueue(TestEgainTokenResponses.accessToken("application-token", 3600));
		OAuth2AuthorizedClient authorizedClient = authorizedClientProvider
			.authorize(context(clientCredentialsRegistration()));
		assertThat(authorizedClient).isNotNull();
		assertThat(authorizedClient.getAccessToken().getTokenValue()).isEqualTo("application-token");
		RecordedRequest request = this.server.takeRequest();
		TestEgainTokenRequests.assertTokenRequest(request, "/system/auth/TMPRODB88619984-U/oauth2/token", null);
		assertThat(TestEgainTokenRequests.form(request)).containsExactly(entry("grant_type", "client_credentials"),
				entry("client_id", CLIENT_ID), entry("client_secret", CLIENT_SECRET),
				entry("scope", "knowledge.portalmgr.manage"));
	}

	@Test
	void authorizeWhenAnonymousCustomerFlowThenTokenFromEgain() throws Exception {
		ClientCredentialsOAuth2AuthorizedClientProvider authorizedClientProvider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		authorizedClientProvider
			.setAccessTokenResponseClient(new RestClientEgainClientCredentialsTokenResponseClient());
		this.server.enqueue(TestEgainTokenResponses.accessToken("anonymous-token", 3600));
		OAuth2AuthorizedClient authorizedClient = authorizedClientProvider
			.authorize(context(anonymousCustomerRegistration()));
		assertThat(authorizedClient).isNotNull();
		assertThat(authorizedClient.getAccessToken().getTokenValue()).isEqualTo("anonymous-token");
		RecordedRequest request = this.server.takeRequest();
		TestEgainTokenRequests.assertTokenRequest(request, "/core/authmgr/v3/oauth2/v2.0/anonymous/token",
				"user_type=customer&domain_hint=TMPRODB88619984");
		assertThat(TestEgainTokenRequests.form(request)).containsEntry("grant_type", "client_credentials")
			.containsEntry("scope",
					this.server.url("/auth/core.aiservices.read") + " "
							+ this.server.url("/auth/knowledge.portalmgr.read") + " "
							+ "https://api.ai.egain.cloud/auth/knowledge.portalmgr.manage");
	}

	@Test
	void authorizeWhenEgainErrorThenClientAuthorizationExceptionWithEgainError() {
		ClientCredentialsOAuth2AuthorizedClientProvider authorizedClientProvider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		authorizedClientProvider
			.setAccessTokenResponseClient(new RestClientEgainClientCredentialsTokenResponseClient());
		this.server.enqueue(TestEgainTokenResponses.json(401,
				"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> authorizedClientProvider.authorize(context(clientCredentialsRegistration())))
			.withMessageNotContaining(CLIENT_SECRET)
			.returns("knowledge-sync", ClientAuthorizationException::getClientRegistrationId)
			.extracting(ClientAuthorizationException::getError)
			.returns("invalid_client", OAuth2Error::getErrorCode);
	}

	@Test
	void authorizeWhenReactiveAndClientCredentialsFlowThenTokenFromEgain() throws Exception {
		ClientCredentialsReactiveOAuth2AuthorizedClientProvider authorizedClientProvider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		authorizedClientProvider
			.setAccessTokenResponseClient(new WebClientReactiveEgainClientCredentialsTokenResponseClient());
		this.server.enqueue(TestEgainTokenResponses.accessToken("application-token", 3600));
		OAuth2AuthorizedClient authorizedClient = authorizedClientProvider
			.authorize(context(clientCredentialsRegistration()))
			.block();
		assertThat(authorizedClient).isNotNull();
		assertThat(authorizedClient.getAccessToken().getTokenValue()).isEqualTo("application-token");
		RecordedRequest request = this.server.takeRequest();
		TestEgainTokenRequests.assertTokenRequest(request, "/system/auth/TMPRODB88619984-U/oauth2/token", null);
		assertThat(TestEgainTokenRequests.form(request)).containsEntry("grant_type", "client_credentials")
			.containsEntry("scope", "knowledge.portalmgr.manage");
	}

	@Test
	void authorizeWhenReactiveAndAnonymousCustomerFlowThenTokenFromEgain() throws Exception {
		ClientCredentialsReactiveOAuth2AuthorizedClientProvider authorizedClientProvider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		authorizedClientProvider
			.setAccessTokenResponseClient(new WebClientReactiveEgainClientCredentialsTokenResponseClient());
		this.server.enqueue(TestEgainTokenResponses.accessToken("anonymous-token", 3600));
		OAuth2AuthorizedClient authorizedClient = authorizedClientProvider
			.authorize(context(anonymousCustomerRegistration()))
			.block();
		assertThat(authorizedClient).isNotNull();
		assertThat(authorizedClient.getAccessToken().getTokenValue()).isEqualTo("anonymous-token");
		RecordedRequest request = this.server.takeRequest();
		TestEgainTokenRequests.assertTokenRequest(request, "/core/authmgr/v3/oauth2/v2.0/anonymous/token",
				"user_type=customer&domain_hint=TMPRODB88619984");
		assertThat(TestEgainTokenRequests.form(request)).containsEntry("grant_type", "client_credentials")
			.containsEntry("scope",
					this.server.url("/auth/core.aiservices.read") + " "
							+ this.server.url("/auth/knowledge.portalmgr.read") + " "
							+ "https://api.ai.egain.cloud/auth/knowledge.portalmgr.manage");
	}

	private OAuth2AuthorizationContext context(ClientRegistration registration) {
		return OAuth2AuthorizationContext.withClientRegistration(registration)
			.principal(new TestingAuthenticationToken("scheduler", "n/a"))
			.build();
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

	@Test
	void authorizeWhenEgainProviderGivenTokenClientThenUsesIt() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("default-client-token", 3600));
		EgainClientCredentialsOAuth2AuthorizedClientProvider authorizedClientProvider = new EgainClientCredentialsOAuth2AuthorizedClientProvider();
		authorizedClientProvider.setAccessTokenResponseClient((grantRequest) -> tokenResponse("given-client-token"));
		OAuth2AuthorizedClient authorizedClient = authorizedClientProvider
			.authorize(context(clientCredentialsRegistration()));
		assertThat(authorizedClient).isNotNull();
		assertThat(authorizedClient.getAccessToken().getTokenValue()).isEqualTo("given-client-token");
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void authorizeWhenEgainReactiveProviderGivenTokenClientThenUsesIt() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("default-client-token", 3600));
		EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider authorizedClientProvider = new EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		authorizedClientProvider
			.setAccessTokenResponseClient((grantRequest) -> Mono.just(tokenResponse("given-client-token")));
		OAuth2AuthorizedClient authorizedClient = authorizedClientProvider
			.authorize(context(clientCredentialsRegistration()))
			.block();
		assertThat(authorizedClient).isNotNull();
		assertThat(authorizedClient.getAccessToken().getTokenValue()).isEqualTo("given-client-token");
		assertThat(this.server.getRequestCount()).isZero();
	}

	private static OAuth2AccessTokenResponse tokenResponse(String tokenValue) {
		return OAuth2AccessTokenResponse.withToken(tokenValue)
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(3600)
			.build();
	}

	// Argument checks (found by mutation testing: see docs/testing.md).

	@Test
	void authorizeWhenContextNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainClientCredentialsOAuth2AuthorizedClientProvider().authorize(null))
			.withMessage("context cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider().authorize(null))
			.withMessage("context cannot be null");
	}

	@Test
	void setTokenExpiryWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainClientCredentialsOAuth2AuthorizedClientProvider().setTokenExpiry(null))
			.withMessage("tokenExpiry cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider().setTokenExpiry(null))
			.withMessage("tokenExpiry cannot be null");
	}

}
