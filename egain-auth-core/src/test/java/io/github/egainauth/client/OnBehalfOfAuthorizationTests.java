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

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OnBehalfOfAuthorization}: which registrations the on-behalf-of
 * providers serve, and that each token they obtain stays bound to its subject.
 *
 * @author egain-auth authors
 */
class OnBehalfOfAuthorizationTests {

	private static final EgainSubject PA = EgainSubject.username("pa");

	private final ClientRegistration agent = TestEgainAuthorizedClients.registration("agent",
			EgainFlow.ON_BEHALF_OF_USER);

	@ParameterizedTest
	@EnumSource
	void supportsWhenEgainRegistrationThenOnlyOnBehalfOfFlows(EgainFlow flow) {
		assertThat(OnBehalfOfAuthorization.supports(TestEgainAuthorizedClients.registration("egain", flow)))
			.isEqualTo(flow.isOnBehalfOf());
	}

	@Test
	void supportsWhenApplicationsOwnPasswordRegistrationThenFalse() {
		ClientRegistration own = ClientRegistration.withRegistrationId("own")
			.authorizationGrantType(EgainFlow.PASSWORD)
			.clientId("client-id")
			.tokenUri("https://idp.example.com/token")
			.build();
		assertThat(OnBehalfOfAuthorization.supports(own)).isFalse();
	}

	@Test
	void authorizedClientWhenTokenObtainedThenBoundToSubjectAndRememberedAsIssuedForIt() {
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext.withClientRegistration(this.agent)
			.principal(TestEgainAuthorizedClients.principal("agent-7"))
			.build();
		OAuth2AccessTokenResponse tokenResponse = OAuth2AccessTokenResponse.withToken("token-pa")
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(3600)
			.build();
		OAuth2AuthorizedClient authorizedClient = OnBehalfOfAuthorization.authorizedClient(context, PA, tokenResponse);
		assertThat(authorizedClient).isInstanceOf(EgainAuthorizedClient.class);
		assertThat(((EgainAuthorizedClient) authorizedClient).getSubject()).isEqualTo(PA);
		assertThat(authorizedClient.getPrincipalName()).isEqualTo("agent-7");
		assertThat(authorizedClient.getAccessToken()).isSameAs(tokenResponse.getAccessToken());
		// A store that keeps only Spring's type still holds this very token object.
		OAuth2AuthorizedClient plain = new OAuth2AuthorizedClient(this.agent, "agent-7",
				tokenResponse.getAccessToken());
		assertThat(EgainAuthorizedClient.isIssuedFor(plain, "agent", PA)).isTrue();
		assertThat(EgainAuthorizedClient.isIssuedFor(plain, "agent", EgainSubject.username("jdoe"))).isFalse();
	}

}
