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

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the token-exchange flow through the servlet and reactive managers: which
 * identity provider token is traded (named, a resource server's bearer token, an OAuth2
 * login's access token), one eGain token per identity provider token, and no eGain token
 * used past the identity provider token's expiry, against a local token endpoint.
 *
 * @author egain-auth authors
 */
class TokenExchangeAuthorizationTests {

	private static final String CLIENT = "sso-agent";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private TestEgainTokenEndpoint tokenEndpoint;

	private EgainAuthorizedClientManager manager;

	private EgainReactiveAuthorizedClientManager reactiveManager;

	private ClientRegistration login;

	@BeforeEach
	void setUp() throws Exception {
		this.tokenEndpoint = TestEgainTokenEndpoint.start();
		EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(
				List.of(this.tokenEndpoint.registration(CLIENT, EgainFlow.TOKEN_EXCHANGE)));
		this.manager = new EgainAuthorizedClientManager(registrations::findByRegistrationId,
				new CaffeineOAuth2AuthorizedClientService());
		this.reactiveManager = new EgainReactiveAuthorizedClientManager(registrations::findByRegistrationId,
				new CaffeineReactiveOAuth2AuthorizedClientService(new CaffeineOAuth2AuthorizedClientService()));
		this.login = TestEgainClientRegistrations.authorizationCode().build();
	}

	@AfterEach
	void tearDown() {
		this.tokenEndpoint.close();
	}

	@Test
	void authorizeWhenExternalTokenNamedThenTradesItOncePerIdentityProviderToken() {
		String jane = idpToken("jane", Duration.ofHours(1));
		String janeAgain = idpToken("jane", Duration.ofHours(2));
		OAuth2AuthorizedClient first = this.manager.authorize(CLIENT, EgainSubject.externalToken(jane), null);
		OAuth2AuthorizedClient second = this.manager.authorize(CLIENT, EgainSubject.externalToken(jane), null);
		OAuth2AuthorizedClient third = this.manager.authorize(CLIENT, EgainSubject.externalToken(janeAgain), null);
		assertThat(second.getAccessToken()).isSameAs(first.getAccessToken());
		assertThat(third.getAccessToken().getTokenValue()).isNotEqualTo(first.getAccessToken().getTokenValue());
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
		assertThat(this.tokenEndpoint.requestCount(EgainSubject.externalToken(jane).toString())).isOne();
		assertThat(this.tokenEndpoint.forms().get(0)).contains("subject_token=" + jane)
			.contains("registration_id=okta-sso")
			.contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange");
	}

	@Test
	void authorizeWhenNamedThenStoredUnderDigestNeverTheToken() {
		String jane = idpToken("jane", Duration.ofHours(1));
		OAuth2AuthorizedClient client = this.manager.authorize(CLIENT, EgainSubject.externalToken(jane), null);
		assertThat(client.getPrincipalName()).isEqualTo(EgainSubject.externalToken(jane).toString())
			.startsWith("token:")
			.doesNotContain(jane);
		assertThat(client.toString()).doesNotContain(jane);
	}

	@Test
	void authorizeWhenConcurrentCallersWithOneIdentityProviderTokenThenOneTokenRequest() throws Exception {
		String jane = idpToken("jane", Duration.ofHours(1));
		int callers = 32;
		CountDownLatch arrived = this.tokenEndpoint.holdAnswersUntilArrived(callers);
		List<OAuth2AuthorizedClient> clients = TestEgainConcurrentCallers.call(callers, arrived,
				(caller) -> this.manager.authorize(CLIENT, EgainSubject.externalToken(jane), null));
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(clients.stream().map((client) -> client.getAccessToken().getTokenValue()).distinct()).hasSize(1);
	}

	@Test
	void authorizeWhenEgainTokenOutlivesIdentityProviderTokenThenExpiresWithIt() {
		Instant idpExpiry = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
		String jane = idpToken("jane", idpExpiry);
		this.tokenEndpoint.expiresIn(3600);
		OAuth2AuthorizedClient client = this.manager.authorize(CLIENT, EgainSubject.externalToken(jane), null);
		assertThat(client.getAccessToken().getExpiresAt()).isEqualTo(idpExpiry);
		OAuth2AuthorizedClient reactive = this.reactiveManager.authorize(CLIENT, EgainSubject.externalToken(jane), null)
			.block(TIMEOUT);
		assertThat(reactive.getAccessToken().getExpiresAt()).isEqualTo(idpExpiry);
	}

	@Test
	void authorizeWhenIdentityProviderTokenWithinClockSkewOfExpiryThenCachedTokenNotReused() {
		// The eGain token expires with the IdP token, 30 s from now: inside the default
		// 60 s clock skew, so no call reuses it.
		String jane = idpToken("jane", Duration.ofSeconds(30));
		this.manager.authorize(CLIENT, EgainSubject.externalToken(jane), null);
		this.manager.authorize(CLIENT, EgainSubject.externalToken(jane), null);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void authorizeWhenEgainTokenExpiresFirstThenItsOwnExpiry() {
		String jane = idpToken("jane", Duration.ofHours(8));
		this.tokenEndpoint.expiresIn(600);
		Instant before = Instant.now();
		OAuth2AuthorizedClient client = this.manager.authorize(CLIENT, EgainSubject.externalToken(jane), null);
		assertThat(client.getAccessToken().getExpiresAt()).isBetween(before.plusSeconds(600),
				Instant.now().plusSeconds(600));
	}

	@Test
	void authorizeWhenBearerTokenPrincipalThenTradesThatToken() {
		String jane = idpToken("jane", Duration.ofHours(1));
		Authentication resourceServerPrincipal = new TestingAuthenticationToken("jane", jwt(jane), "SCOPE_read");
		OAuth2AuthorizedClient client = this.manager.authorize(CLIENT, null, resourceServerPrincipal);
		assertThat(client.getPrincipalName()).isEqualTo(EgainSubject.externalToken(jane).toString());
		OAuth2AuthorizedClient reactive = this.reactiveManager.authorize(CLIENT, null, resourceServerPrincipal)
			.block(TIMEOUT);
		assertThat(reactive.getPrincipalName()).isEqualTo(EgainSubject.externalToken(jane).toString());
		assertThat(this.tokenEndpoint.requestCount(EgainSubject.externalToken(jane).toString())).isEqualTo(2);
	}

	@Test
	void authorizeWhenOAuth2LoginThenTradesTheLoginsAccessToken() {
		String jane = idpToken("jane", Duration.ofHours(1));
		OAuth2AuthenticationToken principal = loginOf("jane");
		OAuth2AuthorizedClient loginClient = new OAuth2AuthorizedClient(this.login, "jane", new OAuth2AccessToken(
				OAuth2AccessToken.TokenType.BEARER, jane, Instant.now(), Instant.now().plusSeconds(3600)));
		InMemoryOAuth2AuthorizedClientService loginClients = new InMemoryOAuth2AuthorizedClientService(
				new InMemoryClientRegistrationRepository(this.login));
		loginClients.saveAuthorizedClient(loginClient, principal);
		this.manager.setLoginClientService(loginClients);
		InMemoryReactiveOAuth2AuthorizedClientService reactiveLoginClients = new InMemoryReactiveOAuth2AuthorizedClientService(
				new InMemoryReactiveClientRegistrationRepository(this.login));
		reactiveLoginClients.saveAuthorizedClient(loginClient, principal).block(TIMEOUT);
		this.reactiveManager.setLoginClientService(reactiveLoginClients);
		OAuth2AuthorizedClient client = this.manager.authorize(CLIENT, null, principal);
		OAuth2AuthorizedClient reactive = this.reactiveManager.authorize(CLIENT, null, principal).block(TIMEOUT);
		assertThat(client.getPrincipalName()).isEqualTo(EgainSubject.externalToken(jane).toString());
		assertThat(reactive.getPrincipalName()).isEqualTo(EgainSubject.externalToken(jane).toString());
		assertThat(this.tokenEndpoint.requestCount(EgainSubject.externalToken(jane).toString())).isEqualTo(2);
	}

	@Test
	void authorizeWhenOAuth2LoginWithoutLoginClientServiceThenFailsBeforeAnyTokenRequest() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.authorize(CLIENT, null, loginOf("jane")))
			.withMessageStartingWith("eGain client 'sso-agent' uses the token-exchange flow and needs the user's "
					+ "identity provider token, but the call named none and the caller signed in with neither");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.reactiveManager.authorize(CLIENT, null, loginOf("jane")).block(TIMEOUT))
			.withMessageStartingWith("eGain client 'sso-agent' uses the token-exchange flow");
		assertThat(this.tokenEndpoint.requestCount()).isZero();
	}

	@Test
	void authorizeWhenNoPrincipalThenFailsNamingClientBeforeAnyTokenRequest() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.authorize(CLIENT, null, null))
			.withMessage("eGain client 'sso-agent' uses the token-exchange flow and needs the user's identity "
					+ "provider token, but the call named none and no user is signed in, by bearer token "
					+ "(resource server) or OAuth2 login; name one with "
					+ "EgainRequestAttributes.subject(EgainSubject.externalToken(...)) or "
					+ "EgainAccessTokens.getToken(client, EgainSubject.externalToken(...))");
		assertThat(this.tokenEndpoint.requestCount()).isZero();
	}

	@Test
	void authorizeWhenPasswordPrincipalThenNotTakenForAnIdentityProviderToken() {
		Authentication formLogin = new TestingAuthenticationToken("jane", "password", "ROLE_USER");
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.authorize(CLIENT, null, formLogin))
			.withMessageContaining("token-exchange flow");
		assertThat(this.tokenEndpoint.requestCount()).isZero();
	}

	private OAuth2AuthenticationToken loginOf(String name) {
		DefaultOAuth2User user = new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OAUTH2_USER"),
				Map.of("sub", name), "sub");
		return new OAuth2AuthenticationToken(user, user.getAuthorities(), this.login.getRegistrationId());
	}

	private static String idpToken(String subject, Duration lifetime) {
		return idpToken(subject, Instant.now().plus(lifetime));
	}

	private static String idpToken(String subject, Instant expiresAt) {
		return new PlainJWT(new JWTClaimsSet.Builder().issuer("https://idp.example.com")
			.subject(subject)
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.build()).serialize();
	}

	private static Jwt jwt(String token) {
		return Jwt.withTokenValue(token)
			.header("alg", "none")
			.subject("jane")
			.issuedAt(Instant.now().minusSeconds(60))
			.expiresAt(Instant.now().plusSeconds(3600))
			.build();
	}

}
