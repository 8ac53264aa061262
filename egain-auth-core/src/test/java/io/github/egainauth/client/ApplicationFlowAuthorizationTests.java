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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.egainauth.EgainFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApplicationFlowAuthorization}: which registrations the
 * client-credentials providers serve, and when they renew.
 *
 * @author egain-auth authors
 */
class ApplicationFlowAuthorizationTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private final EgainTokenExpiry tokenExpiry = new EgainTokenExpiry(Clock.fixed(NOW, ZoneOffset.UTC),
			Duration.ofSeconds(60));

	@ParameterizedTest
	@EnumSource(names = { "CLIENT_CREDENTIALS", "ANONYMOUS_CUSTOMER" })
	void renewalWhenApplicationFlowAndNoTokenHeldThenContextWithoutTokenAndSameAttributes(EgainFlow flow) {
		ClientRegistration registration = TestEgainAuthorizedClients.registration("application", flow);
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext.withClientRegistration(registration)
			.principal(TestEgainAuthorizedClients.principal("application"))
			.attribute("request-id", "r-1")
			.build();
		OAuth2AuthorizationContext renewal = ApplicationFlowAuthorization.renewal(context, this.tokenExpiry);
		assertThat(renewal).isNotNull();
		assertThat(renewal.getClientRegistration()).isSameAs(registration);
		assertThat(renewal.getPrincipal()).isSameAs(context.getPrincipal());
		assertThat(renewal.getAuthorizedClient()).isNull();
		assertThat(renewal.<String>getAttribute("request-id")).isEqualTo("r-1");
	}

	@ParameterizedTest
	@EnumSource(names = { "ON_BEHALF_OF_USER", "ON_BEHALF_OF_CUSTOMER" })
	void renewalWhenOnBehalfOfFlowThenNull(EgainFlow flow) {
		ClientRegistration registration = TestEgainAuthorizedClients.registration("agent", flow);
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext.withClientRegistration(registration)
			.principal(TestEgainAuthorizedClients.principal("pa"))
			.build();
		assertThat(ApplicationFlowAuthorization.renewal(context, this.tokenExpiry)).isNull();
	}

	@Test
	void renewalWhenApplicationsOwnClientCredentialsRegistrationThenNull() {
		ClientRegistration own = ClientRegistration.withRegistrationId("application")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientId("client-id")
			.tokenUri("https://idp.example.com/token")
			.build();
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext.withClientRegistration(own)
			.principal(TestEgainAuthorizedClients.principal("application"))
			.build();
		assertThat(ApplicationFlowAuthorization.renewal(context, this.tokenExpiry)).isNull();
	}

	@Test
	void renewalWhenHeldTokenUsableThenNull() {
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext.withAuthorizedClient(held(NOW.plusSeconds(61)))
			.principal(TestEgainAuthorizedClients.principal("application"))
			.build();
		assertThat(ApplicationFlowAuthorization.renewal(context, this.tokenExpiry)).isNull();
	}

	@Test
	void renewalWhenHeldTokenWithinClockSkewThenContextWithoutToken() {
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext.withAuthorizedClient(held(NOW.plusSeconds(59)))
			.principal(TestEgainAuthorizedClients.principal("application"))
			.build();
		OAuth2AuthorizationContext renewal = ApplicationFlowAuthorization.renewal(context, this.tokenExpiry);
		assertThat(renewal).isNotNull();
		assertThat(renewal.getAuthorizedClient()).isNull();
	}

	private static OAuth2AuthorizedClient held(Instant expiresAt) {
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token-application",
				expiresAt.minusSeconds(3600), expiresAt);
		return new OAuth2AuthorizedClient(
				TestEgainAuthorizedClients.registration("application", EgainFlow.CLIENT_CREDENTIALS), "application",
				token);
	}

}
