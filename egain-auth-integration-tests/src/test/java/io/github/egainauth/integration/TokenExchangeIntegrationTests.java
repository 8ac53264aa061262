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

package io.github.egainauth.integration;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.EgainTokenStatistics;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.client.EgainRestClients;
import io.github.egainauth.client.web.reactive.EgainWebClients;
import io.github.egainauth.integration.TestEgainApi.ApiEcho;
import io.github.egainauth.test.AutoConfigureEgainStandIn;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import io.github.egainauth.test.TestIdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.map;

/**
 * End-to-end tests of the token-exchange flow: a Spring Boot application with a
 * {@code token-exchange} client trades the access tokens of a
 * {@link TestIdentityProvider} that the {@link EgainStandIn} trusts for eGain tokens,
 * through the ready-made {@code RestClient}s and {@code WebClient}s and through
 * {@link EgainAccessTokens}, with the identity provider's token named explicitly or taken
 * from the signed-in user (a resource server's bearer token, or an OAuth2 login's access
 * token).
 * <p>
 * The application's clock stands still until a test moves it: the identity provider dates
 * its tokens by it too, so expiry is checked by instants, never by waiting.
 *
 * @author egain-auth authors
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenExchangeIntegrationTests {

	static final String SSO_FLOW = "egain.auth.clients.sso.flow=token-exchange";

	static final String SSO_CLIENT_ID = "egain.auth.clients.sso.client-id=sso-client";

	static final String SSO_CLIENT_SECRET = "egain.auth.clients.sso.client-secret=sso-secret";

	static final String SSO_REGISTRATION_ID = "egain.auth.clients.sso.registration-id=okta-sso";

	static final String SSO_SCOPES = "egain.auth.clients.sso.scopes=knowledge.portalmgr.onbehalfof.read";

	static final String UNSCOPED_FLOW = "egain.auth.clients.sso-unscoped.flow=token-exchange";

	static final String UNSCOPED_CLIENT_ID = "egain.auth.clients.sso-unscoped.client-id=sso-unscoped-client";

	static final String UNSCOPED_CLIENT_SECRET = "egain.auth.clients.sso-unscoped.client-secret=sso-unscoped-secret";

	static final String UNSCOPED_REGISTRATION_ID = "egain.auth.clients.sso-unscoped.registration-id=okta-sso";

	static final String LOG_EGAIN = "logging.level.io.github.egainauth=DEBUG";

	static final String LOG_WEB = "logging.level.org.springframework.web=DEBUG";

	static final String LOG_SECURITY = "logging.level.org.springframework.security=DEBUG";

	static final String REACTIVE = "spring.main.web-application-type=reactive";

	private static final String ISSUER = "https://okta.example.com";

	private static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";

	private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	private static final String SCOPE = "knowledge.portalmgr.onbehalfof.read";

	private static final String JANE = "jane@example.com";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The application's clock, which the identity provider shares.
	 */
	static final TestClock clock = new TestClock();

	private TestIdentityProvider okta;

	@BeforeEach
	void createIdentityProvider() {
		clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		this.okta = TestIdentityProvider.create(ISSUER, clock);
	}

	private TestIdentityProvider okta() {
		return this.okta;
	}

	static Echo webCall(EgainWebClients clients, String client, EgainSubject subject, Context context,
			EgainStandIn egain) {
		return clients.client(client)
			.get()
			.uri(TestEgainApi.ARTICLES_PATH)
			.attributes((subject != null) ? EgainRequestAttributes.subject(subject) : (attributes) -> {
			})
			.retrieve()
			.bodyToMono(ApiEcho.class)
			.map((echo) -> Echo.of(egain, echo))
			.contextWrite(context)
			.block(TIMEOUT);
	}

	static TokenRequest onlyTokenRequest(EgainStandIn egain) {
		assertThat(egain.getTokenRequests()).hasSize(1);
		TokenRequest tokenRequest = egain.getTokenRequests().get(0);
		assertThat(tokenRequest.flow()).isEqualTo(EgainFlow.TOKEN_EXCHANGE);
		return tokenRequest;
	}

	static Map<String, String> ssoForm(String idpToken) {
		return Map.of("grant_type", GRANT, "client_id", "sso-client", "client_secret", "sso-secret", "subject_token",
				idpToken, "subject_token_type", ACCESS_TOKEN_TYPE, "registration_id", "okta-sso", "scope", SCOPE);
	}

	/**
	 * Returns the authentication a resource server makes of a valid bearer token: the
	 * token decoded and verified with the identity provider's public key.
	 */
	static JwtAuthenticationToken bearer(TestIdentityProvider identityProvider, String idpToken) {
		RSAPublicKey key;
		try {
			key = identityProvider.getPublicKeys().getKeys().get(0).toRSAKey().toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		Jwt jwt = NimbusJwtDecoder.withPublicKey(key).build().decode(idpToken);
		return new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList("SCOPE_openid"),
				jwt.getClaimAsString("email"));
	}

	static DefaultOAuth2User oauth2User(String email) {
		return new DefaultOAuth2User(AuthorityUtils.createAuthorityList("OIDC_USER"),
				Map.of("sub", email, "email", email), "sub");
	}

	static ClientRegistration oktaLogin() {
		return ClientRegistration.withRegistrationId("okta")
			.clientId("okta-login-client")
			.clientSecret("okta-login-secret")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope("openid", "email")
			.authorizationUri(ISSUER + "/oauth2/v1/authorize")
			.tokenUri(ISSUER + "/oauth2/v1/token")
			.userInfoUri(ISSUER + "/oauth2/v1/userinfo")
			.userNameAttributeName("sub")
			.clientName("Okta")
			.build();
	}

	/**
	 * What the stand-in's API saw on an authorized call and answered.
	 *
	 * @param token the bearer token
	 * @param clientId the client the token was issued to
	 * @param flow the flow the token was issued by
	 * @param subject the subject the token was issued for
	 */
	record Echo(String token, String clientId, String flow, String subject) {

		static Echo of(EgainStandIn egain, ApiEcho echo) {
			TestEgainApi.ApiCall call = TestEgainApi.seen(egain, echo);
			return new Echo(call.token(), echo.clientId(), echo.flow(), echo.subject());
		}

	}

	/**
	 * A servlet application: tokens come from the blocking manager, and the default
	 * subject from {@link SecurityContextHolder} (or, for {@code WebClient} calls, from
	 * {@link ReactiveSecurityContextHolder}).
	 */
	@Nested
	@SpringBootTest(classes = { TestEgainApplication.class, ServletConfiguration.class },
			properties = { SSO_FLOW, SSO_CLIENT_ID, SSO_CLIENT_SECRET, SSO_REGISTRATION_ID, SSO_SCOPES, UNSCOPED_FLOW,
					UNSCOPED_CLIENT_ID, UNSCOPED_CLIENT_SECRET, UNSCOPED_REGISTRATION_ID, LOG_EGAIN, LOG_WEB,
					LOG_SECURITY })
	@AutoConfigureEgainStandIn(tenantId = "TMPTEST1")
	class ServletApplication {

		@Autowired
		private EgainStandIn egain;

		@Autowired
		private EgainRestClients restClients;

		@Autowired
		private EgainWebClients webClients;

		@Autowired
		private EgainAccessTokens accessTokens;

		@Autowired
		private ReactiveEgainAccessTokens reactiveAccessTokens;

		@Autowired
		private EgainAuthorizedClientManager manager;

		@Autowired
		private OAuth2AuthorizedClientService loginClients;

		@Autowired
		@Qualifier("egainHealthIndicator")
		private HealthIndicator health;

		@BeforeEach
		void trustIdentityProvider() {
			this.egain.trustIdentityProvider("okta-sso", okta());
		}

		@AfterEach
		void clearPrincipal() {
			SecurityContextHolder.clearContext();
		}

		// (a) The identity provider's token named explicitly

		@Test
		void restClientWhenExternalTokenNamedThenExchangedForEgainTokenOfItsUser() {
			String idpToken = okta().accessToken(JANE);
			Echo echo = restCall("sso", EgainSubject.externalToken(idpToken));
			TokenRequest tokenRequest = onlyTokenRequest();
			assertThat(tokenRequest.parameters()).isEqualTo(ssoForm(idpToken));
			assertThat(tokenRequest.subject()).isEqualTo(EgainSubject.email(JANE));
			assertThat(echo)
				.isEqualTo(new Echo(tokenRequest.accessToken(), "sso-client", "token-exchange", "email:" + JANE));
		}

		@Test
		void webClientWhenExternalTokenNamedThenExchangedForEgainTokenOfItsUser() {
			String idpToken = okta().accessToken("00u1max", null, Duration.ofMinutes(30));
			Echo echo = webCall("sso", EgainSubject.externalToken(idpToken), Context.empty());
			TokenRequest tokenRequest = onlyTokenRequest();
			assertThat(tokenRequest.parameters()).isEqualTo(ssoForm(idpToken));
			assertThat(echo)
				.isEqualTo(new Echo(tokenRequest.accessToken(), "sso-client", "token-exchange", "username:00u1max"));
		}

		@Test
		void getTokenWhenExternalTokenNamedThenExchangedForEgainToken() {
			String idpToken = okta().accessToken(JANE);
			OAuth2AccessToken token = this.accessTokens.getToken("sso", EgainSubject.externalToken(idpToken));
			OAuth2AccessToken reactiveToken = this.reactiveAccessTokens
				.getToken("sso", EgainSubject.externalToken(idpToken))
				.block(TIMEOUT);
			TokenRequest tokenRequest = onlyTokenRequest();
			assertThat(token.getTokenValue()).isEqualTo(tokenRequest.accessToken());
			assertThat(reactiveToken.getTokenValue()).isEqualTo(tokenRequest.accessToken());
			assertThat(tokenRequest.parameters()).isEqualTo(ssoForm(idpToken));
		}

		@Test
		void getTokenWhenClientHasNoScopesThenFormHasNoScope() {
			String idpToken = okta().accessToken(JANE);
			Echo echo = restCall("sso-unscoped", EgainSubject.externalToken(idpToken));
			TokenRequest tokenRequest = onlyTokenRequest();
			assertThat(tokenRequest.parameters()).isEqualTo(Map.of("grant_type", GRANT, "client_id",
					"sso-unscoped-client", "client_secret", "sso-unscoped-secret", "subject_token", idpToken,
					"subject_token_type", ACCESS_TOKEN_TYPE, "registration_id", "okta-sso"));
			assertThat(tokenRequest.scopes()).isEmpty();
			assertThat(echo.subject()).isEqualTo("email:" + JANE);
		}

		// (b) The bearer token a resource server authenticated the caller with

		@Test
		void restClientWhenResourceServerPrincipalThenItsBearerTokenExchanged() {
			String idpToken = okta().accessToken(JANE);
			SecurityContextHolder.getContext().setAuthentication(bearer(idpToken));
			Echo echo = restCall("sso");
			TokenRequest tokenRequest = onlyTokenRequest();
			assertThat(tokenRequest.parameters()).isEqualTo(ssoForm(idpToken));
			assertThat(echo)
				.isEqualTo(new Echo(tokenRequest.accessToken(), "sso-client", "token-exchange", "email:" + JANE));
		}

		@Test
		void getTokenWhenResourceServerPrincipalThenItsBearerTokenExchanged() {
			String idpToken = okta().accessToken(JANE);
			SecurityContextHolder.getContext().setAuthentication(bearer(idpToken));
			OAuth2AccessToken token = this.accessTokens.getToken("sso");
			assertThat(token.getTokenValue()).isEqualTo(onlyTokenRequest().accessToken());
			assertThat(onlyTokenRequest().parameters()).isEqualTo(ssoForm(idpToken));
		}

		@Test
		void webClientWhenReactiveResourceServerPrincipalThenItsBearerTokenExchanged() {
			String idpToken = okta().accessToken("max@example.com");
			Echo echo = webCall("sso", null, ReactiveSecurityContextHolder.withAuthentication(bearer(idpToken)));
			TokenRequest tokenRequest = onlyTokenRequest();
			assertThat(tokenRequest.parameters()).isEqualTo(ssoForm(idpToken));
			assertThat(echo).isEqualTo(
					new Echo(tokenRequest.accessToken(), "sso-client", "token-exchange", "email:max@example.com"));
		}

		@Test
		void callsWhenPrincipalsOfTwoUsersThenEachGetsTokenOfItsOwnUser() {
			String janeToken = okta().accessToken(JANE);
			String maxToken = okta().accessToken("max@example.com");
			SecurityContextHolder.getContext().setAuthentication(bearer(janeToken));
			Echo jane = restCall("sso");
			SecurityContextHolder.getContext().setAuthentication(bearer(maxToken));
			Echo max = restCall("sso");
			assertThat(jane.subject()).isEqualTo("email:" + JANE);
			assertThat(max.subject()).isEqualTo("email:max@example.com");
			assertThat(jane.token()).isNotEqualTo(max.token());
			assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::subject)
				.containsExactly(EgainSubject.email(JANE), EgainSubject.email("max@example.com"));
		}

		// (c) The access token of the caller's OAuth2 login

		@Test
		void restClientWhenOAuth2LoginThenLoginsAccessTokenExchanged() {
			String idpToken = okta().accessToken("login-jane@example.com");
			OAuth2AuthenticationToken login = login("login-jane@example.com", idpToken);
			SecurityContextHolder.getContext().setAuthentication(login);
			try {
				Echo echo = restCall("sso");
				TokenRequest tokenRequest = onlyTokenRequest();
				assertThat(tokenRequest.parameters()).isEqualTo(ssoForm(idpToken));
				assertThat(echo).isEqualTo(new Echo(tokenRequest.accessToken(), "sso-client", "token-exchange",
						"email:login-jane@example.com"));
				assertThat(this.accessTokens.getToken("sso").getTokenValue()).isEqualTo(tokenRequest.accessToken());
				assertThat(this.egain.getTokenRequests()).hasSize(1);
			}
			finally {
				this.loginClients.removeAuthorizedClient("okta", login.getName());
			}
		}

		@Test
		void webClientWhenOAuth2LoginThenLoginsAccessTokenExchanged() {
			String idpToken = okta().accessToken("login-max@example.com");
			OAuth2AuthenticationToken login = login("login-max@example.com", idpToken);
			try {
				Echo echo = webCall("sso", null, ReactiveSecurityContextHolder.withAuthentication(login));
				TokenRequest tokenRequest = onlyTokenRequest();
				assertThat(tokenRequest.parameters()).isEqualTo(ssoForm(idpToken));
				assertThat(echo.subject()).isEqualTo("email:login-max@example.com");
			}
			finally {
				this.loginClients.removeAuthorizedClient("okta", login.getName());
			}
		}

		@Test
		void restClientWhenOAuth2LoginHasNoAuthorizedClientThenFailsWithoutTokenRequest() {
			OAuth2AuthenticationToken login = new OAuth2AuthenticationToken(oauth2User("gone@example.com"),
					AuthorityUtils.createAuthorityList("OIDC_USER"), "okta");
			SecurityContextHolder.getContext().setAuthentication(login);
			assertThatIllegalArgumentException().isThrownBy(() -> restCall("sso"))
				.withMessageContaining("eGain client 'sso'")
				.withMessageContaining("token-exchange");
			assertThat(this.egain.getTokenRequests()).isEmpty();
		}

		// (d) No subject at all

		@Test
		void callsWhenNoSubjectAndNoPrincipalThenFailNamingClientWithoutTokenRequest() {
			assertThatIllegalArgumentException().isThrownBy(() -> restCall("sso"))
				.withMessageContaining("eGain client 'sso'")
				.withMessageContaining("token-exchange");
			assertThatIllegalArgumentException().isThrownBy(() -> webCall("sso", null, Context.empty()))
				.withMessageContaining("eGain client 'sso'")
				.withMessageContaining("token-exchange");
			assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.getToken("sso"))
				.withMessageContaining("eGain client 'sso'")
				.withMessageContaining("token-exchange");
			assertThat(this.egain.getTokenRequests()).isEmpty();
			assertThat(this.egain.getRejections()).isEmpty();
		}

		@Test
		void callsWhenPrincipalHasNoBearerTokenThenFailNamingClientWithoutTokenRequest() {
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(JANE, "password", List.of()));
			assertThatIllegalArgumentException().isThrownBy(() -> restCall("sso"))
				.withMessageContaining("eGain client 'sso'")
				.withMessageContaining("token-exchange");
			assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.getToken("sso-unscoped"))
				.withMessageContaining("eGain client 'sso-unscoped'")
				.withMessageContaining("token-exchange");
			assertThat(this.egain.getTokenRequests()).isEmpty();
		}

		@Test
		void getTokenWhenSubjectOfAnotherKindThenFailsWithoutTokenRequest() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> this.accessTokens.getToken("sso", EgainSubject.email(JANE)))
				.withMessageContaining("'sso'");
			assertThat(this.egain.getTokenRequests()).isEmpty();
		}

		// (e) Caching and single flight

		@Test
		void callsWhenSameIdpTokenThenOneTokenRequest() {
			String idpToken = okta().accessToken(JANE);
			Echo first = restCall("sso", EgainSubject.externalToken(idpToken));
			Echo second = webCall("sso", EgainSubject.externalToken(idpToken), Context.empty());
			SecurityContextHolder.getContext().setAuthentication(bearer(idpToken));
			Echo third = restCall("sso");
			String token = this.accessTokens.getToken("sso").getTokenValue();
			TokenRequest tokenRequest = onlyTokenRequest();
			assertThat(List.of(first.token(), second.token(), third.token(), token))
				.containsOnly(tokenRequest.accessToken());
		}

		@Test
		void callsWhenTwoIdpTokensOfSameUserThenTwoTokenRequests() {
			String morning = okta().accessToken(JANE);
			String afternoon = okta().accessToken(JANE);
			Echo first = restCall("sso", EgainSubject.externalToken(morning));
			Echo second = restCall("sso", EgainSubject.externalToken(afternoon));
			Echo again = restCall("sso", EgainSubject.externalToken(morning));
			assertThat(this.egain.getTokenRequests()).hasSize(2)
				.extracting(TokenRequest::subject)
				.containsOnly(EgainSubject.email(JANE));
			assertThat(this.egain.getTokenRequests()).extracting((request) -> request.parameters().get("subject_token"))
				.containsExactly(morning, afternoon);
			assertThat(first.token()).isNotEqualTo(second.token()).isEqualTo(again.token());
		}

		@Test
		void callsWhen32ConcurrentCallersWithOneIdpTokenThenOneTokenRequest() throws Exception {
			String idpToken = okta().accessToken(JANE);
			int callers = 32;
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService executor = Executors.newFixedThreadPool(callers);
			try {
				List<Future<Echo>> calls = new ArrayList<>();
				for (int i = 0; i < callers; i++) {
					calls.add(executor.submit(() -> {
						start.await();
						return restCall("sso", EgainSubject.externalToken(idpToken));
					}));
				}
				start.countDown();
				List<String> tokens = new ArrayList<>();
				for (Future<Echo> call : calls) {
					tokens.add(call.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).token());
				}
				TokenRequest tokenRequest = onlyTokenRequest();
				assertThat(tokens).hasSize(callers).containsOnly(tokenRequest.accessToken());
				EgainTokenStatistics statistics = this.manager.getStatistics();
				assertThat(statistics.tokenRequests()).isEqualTo(1);
				assertThat(statistics.cacheHits() + statistics.waits()).isEqualTo(callers - 1);
			}
			finally {
				executor.shutdownNow();
			}
		}

		// (f) The eGain token expires with the identity provider's token

		@Test
		void authorizeWhenIdpTokenExpiresBeforeEgainTokenThenEgainTokenExpiresWithIt() {
			Instant issued = clock.instant();
			String idpToken = okta().accessToken(JANE, JANE, Duration.ofSeconds(90));
			OAuth2AuthorizedClient first = this.accessTokens.authorize("sso", EgainSubject.externalToken(idpToken));
			assertThat(first.getAccessToken().getExpiresAt()).isEqualTo(issued.plusSeconds(90));
			// Usable until the clock skew (60 s) before the identity provider's exp ...
			clock.set(issued.plusSeconds(30));
			OAuth2AuthorizedClient reused = this.accessTokens.authorize("sso", EgainSubject.externalToken(idpToken));
			assertThat(reused.getAccessToken().getTokenValue()).isEqualTo(first.getAccessToken().getTokenValue());
			assertThat(this.egain.getTokenRequests()).hasSize(1);
			// ... and not a second later, though eGain issued it for an hour.
			clock.set(issued.plusSeconds(31));
			OAuth2AuthorizedClient renewed = this.accessTokens.authorize("sso", EgainSubject.externalToken(idpToken));
			assertThat(this.egain.getTokenRequests()).hasSize(2);
			assertThat(renewed.getAccessToken().getTokenValue()).isNotEqualTo(first.getAccessToken().getTokenValue())
				.isEqualTo(this.egain.getTokenRequests().get(1).accessToken());
			assertThat(renewed.getAccessToken().getExpiresAt()).isEqualTo(issued.plusSeconds(90));
		}

		@Test
		void authorizeWhenIdpTokenOutlivesEgainTokenThenEgainTokensOwnExpiry() {
			Instant issued = clock.instant();
			String idpToken = okta().accessToken(JANE, JANE, Duration.ofHours(8));
			// eGain's expires_in counts from when its answer arrives.
			Instant before = Instant.now();
			OAuth2AuthorizedClient first = this.accessTokens.authorize("sso", EgainSubject.externalToken(idpToken));
			Instant after = Instant.now();
			assertThat(first.getAccessToken().getExpiresAt()).isBetween(
					before.plus(Duration.ofHours(1)).minusSeconds(1), after.plus(Duration.ofHours(1)).plusSeconds(1));
			clock.set(issued.plusSeconds(31));
			OAuth2AuthorizedClient reused = this.accessTokens.authorize("sso", EgainSubject.externalToken(idpToken));
			assertThat(reused.getAccessToken().getTokenValue()).isEqualTo(first.getAccessToken().getTokenValue());
			assertThat(this.egain.getTokenRequests()).hasSize(1);
		}

		@Test
		void restClientWhenIdpTokenWithinClockSkewOfExpiryThenNewTokenRequestPerCall() {
			Instant issued = clock.instant();
			String idpToken = okta().accessToken(JANE, JANE, Duration.ofSeconds(90));
			Echo first = restCall("sso", EgainSubject.externalToken(idpToken));
			clock.set(issued.plusSeconds(45));
			Echo second = restCall("sso", EgainSubject.externalToken(idpToken));
			assertThat(this.egain.getTokenRequests()).hasSize(2);
			assertThat(second.token()).isNotEqualTo(first.token());
		}

		// (g) Identity provider tokens eGain does not accept

		@Test
		void getTokenWhenIdpTokenExpiredThenInvalidGrantNamingClientAndFlowAndHealthUp() {
			String expired = okta().accessToken(JANE, JANE, Duration.ofSeconds(-5));
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> this.accessTokens.getToken("sso", EgainSubject.externalToken(expired)))
				.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"))
				.withMessageContaining("[invalid_grant]")
				.withMessageContaining("eGain client 'sso'")
				.withMessageContaining("token-exchange flow")
				.withMessageContaining("subject_token has expired")
				.withMessageNotContaining(expired);
			assertThat(this.egain.getRejections()).containsExactly("subject_token has expired");
			assertHealthUp();
		}

		@Test
		void restClientWhenIdpTokenSignedByForeignKeyThenInvalidGrantAndHealthUp() {
			String foreign = TestIdentityProvider.create(ISSUER, clock).accessToken(JANE);
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> restCall("sso", EgainSubject.externalToken(foreign)))
				.withMessageContaining("[invalid_grant]")
				.withMessageContaining("eGain client 'sso'")
				.withMessageContaining("token-exchange flow")
				.withMessageContaining("signature")
				.withMessageNotContaining(foreign);
			assertThat(this.egain.getTokenRequests()).isEmpty();
			assertHealthUp();
		}

		@Test
		void webClientWhenIdpTokenSignedByForeignKeyThenInvalidGrantAndHealthUp() {
			String foreign = TestIdentityProvider.create(ISSUER, clock).accessToken(JANE);
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> webCall("sso", EgainSubject.externalToken(foreign), Context.empty()))
				.withMessageContaining("[invalid_grant]")
				.withMessageContaining("eGain client 'sso'")
				.withMessageContaining("token-exchange flow")
				.withMessageNotContaining(foreign);
			assertHealthUp();
		}

		// (h) The identity provider's token is never shown

		@Test
		void idpTokenWhenExchangedOrRejectedThenNeverInMessagesToStringOrLogs(CapturedOutput output) {
			String idpToken = okta().accessToken(JANE);
			String signature = idpToken.substring(idpToken.lastIndexOf('.') + 1);
			String payload = idpToken.split("\\.")[1];
			EgainSubject subject = EgainSubject.externalToken(idpToken);
			restCall("sso", subject);
			webCall("sso", subject, Context.empty());
			OAuth2AuthorizedClient authorizedClient = this.accessTokens.authorize("sso", subject);
			SecurityContextHolder.getContext().setAuthentication(bearer(idpToken));
			this.accessTokens.getToken("sso-unscoped");
			String expired = okta().accessToken(JANE, JANE, Duration.ofSeconds(-5));
			ClientAuthorizationException failure = null;
			try {
				this.accessTokens.getToken("sso", EgainSubject.externalToken(expired));
			}
			catch (ClientAuthorizationException ex) {
				failure = ex;
			}
			assertThat(failure).isNotNull();
			assertThat(this.egain.getTokenRequests()).hasSize(2);
			assertThat(List.of(subject.toString(), authorizedClient.toString(),
					authorizedClient.getAccessToken().toString(), String.valueOf(authorizedClient.getPrincipalName()),
					failure.toString(), failure.getError().toString(), this.egain.getTokenRequests().toString()))
				.allSatisfy((text) -> assertThat(text).doesNotContain(signature).doesNotContain(payload));
			assertThat(failure.toString()).doesNotContain(expired.split("\\.")[1]);
			// The capture saw the application's logging: the failure was logged.
			assertThat(output.getAll()).contains("subject_token has expired");
			assertThat(output.getAll()).doesNotContain(signature)
				.doesNotContain(payload)
				.doesNotContain(expired.split("\\.")[1])
				.doesNotContain("sso-secret");
		}

		private Echo restCall(String client) {
			return echo(this.restClients.client(client)
				.get()
				.uri(TestEgainApi.ARTICLES_PATH)
				.retrieve()
				.body(ApiEcho.class));
		}

		private Echo restCall(String client, EgainSubject subject) {
			return echo(this.restClients.client(client)
				.get()
				.uri(TestEgainApi.ARTICLES_PATH)
				.attributes(EgainRequestAttributes.subject(subject))
				.retrieve()
				.body(ApiEcho.class));
		}

		private Echo webCall(String client, EgainSubject subject, Context context) {
			return TokenExchangeIntegrationTests.webCall(this.webClients, client, subject, context, this.egain);
		}

		private Echo echo(ApiEcho echo) {
			return Echo.of(this.egain, echo);
		}

		private TokenRequest onlyTokenRequest() {
			return TokenExchangeIntegrationTests.onlyTokenRequest(this.egain);
		}

		private void assertHealthUp() {
			Health health = this.health.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails().get("clients")).asInstanceOf(map(String.class, Object.class))
				.containsEntry("sso", "ok");
		}

		/**
		 * Returns a user signed in with OAuth2 login whose authorized client, holding the
		 * identity provider's token, the application's authorized-client service keeps.
		 */
		private OAuth2AuthenticationToken login(String email, String idpToken) {
			OAuth2AuthenticationToken login = new OAuth2AuthenticationToken(oauth2User(email),
					AuthorityUtils.createAuthorityList("OIDC_USER"), "okta");
			OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, idpToken,
					clock.instant(), clock.instant().plus(Duration.ofHours(1)));
			this.loginClients.saveAuthorizedClient(new OAuth2AuthorizedClient(oktaLogin(), email, accessToken), login);
			return login;
		}

		private JwtAuthenticationToken bearer(String idpToken) {
			return TokenExchangeIntegrationTests.bearer(okta(), idpToken);
		}

	}

	/**
	 * The same application, reactive: tokens come from the reactive manager, and the
	 * default subject from {@link ReactiveSecurityContextHolder}.
	 */
	@Nested
	@SpringBootTest(classes = { TestEgainApplication.class, ReactiveConfiguration.class },
			properties = { REACTIVE, SSO_FLOW, SSO_CLIENT_ID, SSO_CLIENT_SECRET, SSO_REGISTRATION_ID, SSO_SCOPES,
					UNSCOPED_FLOW, UNSCOPED_CLIENT_ID, UNSCOPED_CLIENT_SECRET, UNSCOPED_REGISTRATION_ID, LOG_EGAIN,
					LOG_WEB, LOG_SECURITY })
	@AutoConfigureEgainStandIn(tenantId = "TMPTEST2")
	class ReactiveApplication {

		@Autowired
		private EgainStandIn egain;

		@Autowired
		private EgainWebClients webClients;

		@Autowired
		private ReactiveEgainAccessTokens accessTokens;

		@Autowired
		private EgainReactiveAuthorizedClientManager manager;

		@Autowired
		private ReactiveOAuth2AuthorizedClientService loginClients;

		@Autowired
		@Qualifier("egainHealthIndicator")
		private HealthIndicator health;

		@BeforeEach
		void trustIdentityProvider() {
			this.egain.trustIdentityProvider("okta-sso", okta());
		}

		@Test
		void webClientWhenExternalTokenNamedThenExchanged() {
			String idpToken = okta().accessToken(JANE);
			Echo echo = webCall(this.webClients, "sso", EgainSubject.externalToken(idpToken), Context.empty(),
					this.egain);
			TokenRequest tokenRequest = onlyTokenRequest(this.egain);
			assertThat(tokenRequest.parameters()).isEqualTo(ssoForm(idpToken));
			assertThat(echo)
				.isEqualTo(new Echo(tokenRequest.accessToken(), "sso-client", "token-exchange", "email:" + JANE));
			String token = this.accessTokens.getToken("sso", EgainSubject.externalToken(idpToken))
				.map(OAuth2AccessToken::getTokenValue)
				.block(TIMEOUT);
			assertThat(token).isEqualTo(tokenRequest.accessToken());
			assertThat(this.egain.getTokenRequests()).hasSize(1);
		}

		@Test
		void webClientWhenResourceServerPrincipalThenItsBearerTokenExchanged() {
			String idpToken = okta().accessToken("max@example.com");
			Echo echo = webCall(this.webClients, "sso", null,
					ReactiveSecurityContextHolder.withAuthentication(bearer(okta(), idpToken)), this.egain);
			TokenRequest tokenRequest = onlyTokenRequest(this.egain);
			assertThat(tokenRequest.parameters()).isEqualTo(ssoForm(idpToken));
			assertThat(echo.subject()).isEqualTo("email:max@example.com");
		}

		@Test
		void getTokenWhenOAuth2LoginThenLoginsAccessTokenExchanged() {
			String idpToken = okta().accessToken("login-jane@example.com");
			OAuth2AuthenticationToken login = new OAuth2AuthenticationToken(oauth2User("login-jane@example.com"),
					AuthorityUtils.createAuthorityList("OIDC_USER"), "okta");
			OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, idpToken,
					clock.instant(), clock.instant().plus(Duration.ofHours(1)));
			this.loginClients
				.saveAuthorizedClient(new OAuth2AuthorizedClient(oktaLogin(), login.getName(), accessToken), login)
				.block(TIMEOUT);
			try {
				String token = this.accessTokens.getToken("sso")
					.map(OAuth2AccessToken::getTokenValue)
					.contextWrite(ReactiveSecurityContextHolder.withAuthentication(login))
					.block(TIMEOUT);
				Echo echo = webCall(this.webClients, "sso", null,
						ReactiveSecurityContextHolder.withAuthentication(login), this.egain);
				TokenRequest tokenRequest = onlyTokenRequest(this.egain);
				assertThat(tokenRequest.parameters()).isEqualTo(ssoForm(idpToken));
				assertThat(List.of(token, echo.token())).containsOnly(tokenRequest.accessToken());
				assertThat(echo.subject()).isEqualTo("email:login-jane@example.com");
			}
			finally {
				this.loginClients.removeAuthorizedClient("okta", login.getName()).block(TIMEOUT);
			}
		}

		@Test
		void callsWhenNoSubjectThenFailNamingClientWithoutTokenRequest() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> webCall(this.webClients, "sso", null, Context.empty(), this.egain))
				.withMessageContaining("eGain client 'sso'")
				.withMessageContaining("token-exchange");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> this.accessTokens.getToken("sso")
					.contextWrite(ReactiveSecurityContextHolder.withAuthentication(
							UsernamePasswordAuthenticationToken.authenticated(JANE, "password", List.of())))
					.block(TIMEOUT))
				.withMessageContaining("eGain client 'sso'")
				.withMessageContaining("token-exchange");
			assertThat(this.egain.getTokenRequests()).isEmpty();
		}

		@Test
		void getTokenWhen32ConcurrentSubscribersWithOneIdpTokenThenOneTokenRequest() {
			String idpToken = okta().accessToken(JANE);
			int callers = 32;
			List<String> tokens = Flux.range(0, callers)
				.flatMap((i) -> this.accessTokens.getToken("sso", EgainSubject.externalToken(idpToken))
					.map(OAuth2AccessToken::getTokenValue)
					.subscribeOn(Schedulers.parallel()), callers)
				.collectList()
				.block(TIMEOUT);
			TokenRequest tokenRequest = onlyTokenRequest(this.egain);
			assertThat(tokens).hasSize(callers).containsOnly(tokenRequest.accessToken());
			// One request reached eGain, and the statistics say so: a subscriber that
			// found no token stored yet and started its own attempt just after the first
			// one completed finds the stored token then, sends nothing and counts a hit.
			EgainTokenStatistics statistics = this.manager.getStatistics();
			assertThat(statistics.tokenRequests()).isEqualTo(1);
			assertThat(statistics.cacheHits() + statistics.waits()).isEqualTo(callers - 1);
		}

		@Test
		void getTokenWhenIdpTokenExpiresBeforeEgainTokenThenEgainTokenExpiresWithIt() {
			Instant issued = clock.instant();
			String idpToken = okta().accessToken(JANE, JANE, Duration.ofSeconds(90));
			OAuth2AccessToken first = this.accessTokens.getToken("sso", EgainSubject.externalToken(idpToken))
				.block(TIMEOUT);
			assertThat(first.getExpiresAt()).isEqualTo(issued.plusSeconds(90));
			clock.set(issued.plusSeconds(31));
			OAuth2AccessToken renewed = this.accessTokens.getToken("sso", EgainSubject.externalToken(idpToken))
				.block(TIMEOUT);
			assertThat(this.egain.getTokenRequests()).hasSize(2);
			assertThat(renewed.getTokenValue()).isNotEqualTo(first.getTokenValue());
		}

		@Test
		void getTokenWhenIdpTokenExpiredThenInvalidGrantAndHealthUp() {
			String expired = okta().accessToken(JANE, JANE, Duration.ofSeconds(-5));
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> this.accessTokens.getToken("sso", EgainSubject.externalToken(expired)).block(TIMEOUT))
				.withMessageContaining("[invalid_grant]")
				.withMessageContaining("eGain client 'sso'")
				.withMessageContaining("token-exchange flow")
				.withMessageNotContaining(expired);
			Health health = this.health.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails().get("clients")).asInstanceOf(map(String.class, Object.class))
				.containsEntry("sso", "ok");
		}

	}

	/**
	 * A clock that stands still until a test sets it.
	 */
	static final class TestClock extends Clock {

		private volatile Instant instant = Instant.now();

		void set(Instant instant) {
			this.instant = instant;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.instant;
		}

	}

	/**
	 * The reactive application's clock and the authorized-client service of its OAuth2
	 * logins.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ReactiveConfiguration {

		@Bean
		EgainTokenExpiry egainTokenExpiry() {
			return new EgainTokenExpiry(clock, EgainTokenExpiry.DEFAULT_CLOCK_SKEW);
		}

		@Bean
		ReactiveOAuth2AuthorizedClientService loginAuthorizedClientService() {
			return new InMemoryReactiveOAuth2AuthorizedClientService(
					new InMemoryReactiveClientRegistrationRepository(oktaLogin()));
		}

	}

	/**
	 * The servlet application's clock and the authorized-client service of its OAuth2
	 * logins.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ServletConfiguration {

		@Bean
		EgainTokenExpiry egainTokenExpiry() {
			return new EgainTokenExpiry(clock, EgainTokenExpiry.DEFAULT_CLOCK_SKEW);
		}

		@Bean
		OAuth2AuthorizedClientService loginAuthorizedClientService() {
			return new InMemoryOAuth2AuthorizedClientService(new InMemoryClientRegistrationRepository(oktaLogin()));
		}

	}

}
