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

package io.github.egainauth.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link EgainStandIn}'s token exchange (eGain's RFC 8693 variant), sending raw
 * requests so that every header and form field is the test's choice.
 *
 * @author egain-auth authors
 */
class EgainStandInTokenExchangeTests {

	private static final String TENANT_ID = EgainStandIn.DEFAULT_TENANT_ID;

	private static final String USER_PATH = "/system/auth/" + TENANT_ID + "-U/oauth2/token";

	private static final String CUSTOMER_PATH = "/system/auth/" + TENANT_ID + "-C/oauth2/token";

	private static final String ANONYMOUS_PATH = "/core/authmgr/v3/oauth2/v2.0/anonymous/token";

	private static final String ANONYMOUS_QUERY = "?user_type=customer&domain_hint=" + TENANT_ID;

	private static final String ARTICLES_PATH = "/knowledge/portalmgr/v4/articles";

	private static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";

	private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	private static final String OKTA_ISSUER = "https://okta.example.com";

	private static final String SCOPE = "knowledge.portalmgr.onbehalfof.read";

	private static final String USER_FIELDS = "grant_type=password with exactly one of subject_username and "
			+ "subject_userid, or grant_type=client_credentials, each with client_id, client_secret and scope only; "
			+ "or grant_type=" + GRANT + " with client_id, client_secret, subject_token, subject_token_type, "
			+ "registration_id and optionally scope";

	private final TestIdentityProvider okta = TestIdentityProvider.create(OKTA_ISSUER);

	private EgainStandIn egain = EgainStandIn.start();

	@AfterEach
	void stopEgain() {
		this.egain.close();
	}

	@Test
	void tokenWhenExchangeWithScopeThenIssuesTokenForEmailOfIdpToken() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String idpToken = this.okta.accessToken("jane@example.com");
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", SCOPE));
		assertThat(response.statusCode()).isEqualTo(200);
		TokenRequest tokenRequest = onlyTokenRequest();
		assertThat(TestEgainHttp.json(response)).containsOnly(entry("access_token", tokenRequest.accessToken()),
				entry("token_type", "Bearer"), entry("expires_in", 3600L), entry("scope", SCOPE));
		assertThat(tokenRequest.flow()).isEqualTo(EgainFlow.TOKEN_EXCHANGE);
		assertThat(tokenRequest.clientId()).isEqualTo("sso-client");
		assertThat(tokenRequest.subject()).isEqualTo(EgainSubject.email("jane@example.com"));
		assertThat(tokenRequest.scopes()).containsExactly(SCOPE);
		assertThat(tokenRequest.parameters()).containsOnly(entry("grant_type", GRANT), entry("client_id", "sso-client"),
				entry("client_secret", "sso-secret"), entry("subject_token", idpToken),
				entry("subject_token_type", ACCESS_TOKEN_TYPE), entry("registration_id", "okta-sso"),
				entry("scope", SCOPE));
		assertThat(this.egain.getRejections()).isEmpty();
	}

	@Test
	void tokenWhenExchangeWithoutScopeThenIssuesTokenWithoutScope() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String idpToken = this.okta.accessToken("jane@example.com");
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", null));
		assertThat(response.statusCode()).isEqualTo(200);
		TokenRequest tokenRequest = onlyTokenRequest();
		assertThat(TestEgainHttp.json(response)).containsOnly(entry("access_token", tokenRequest.accessToken()),
				entry("token_type", "Bearer"), entry("expires_in", 3600L));
		assertThat(tokenRequest.flow()).isEqualTo(EgainFlow.TOKEN_EXCHANGE);
		assertThat(tokenRequest.subject()).isEqualTo(EgainSubject.email("jane@example.com"));
		assertThat(tokenRequest.scopes()).isEmpty();
		assertThat(tokenRequest.parameters()).containsOnlyKeys("grant_type", "client_id", "client_secret",
				"subject_token", "subject_token_type", "registration_id");
	}

	@Test
	void tokenWhenIdpTokenHasNoEmailThenIssuesTokenForSubAsUsername() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String idpToken = this.okta.accessToken("00u1jane", null, Duration.ofMinutes(5));
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", SCOPE));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(onlyTokenRequest().subject()).isEqualTo(EgainSubject.username("00u1jane"));
	}

	@Test
	void tokenWhenIdpTokenHasBlankEmailThenIssuesTokenForSubAsUsername() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String idpToken = signedBy(this.okta,
				claims(OKTA_ISSUER, Instant.now().plusSeconds(300)).subject("00u1jane").claim("email", " ").build());
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", SCOPE));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(onlyTokenRequest().subject()).isEqualTo(EgainSubject.username("00u1jane"));
	}

	@Test
	void apiWhenTokenFromExchangeThenEchoesExchangedSubjectAndFlow() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		HttpResponse<String> token = postToken(USER_PATH,
				exchangeForm(this.okta.accessToken("jane@example.com"), "okta-sso", SCOPE));
		String accessToken = (String) TestEgainHttp.json(token).get("access_token");
		HttpResponse<String> response = TestEgainHttp.get(this.egain.getBaseUrl() + ARTICLES_PATH, "Authorization",
				"Bearer " + accessToken, "Accept-Language", "en-US");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestEgainHttp.json(response)).containsEntry("clientId", "sso-client")
			.containsEntry("flow", "token-exchange")
			.containsEntry("subject", "email:jane@example.com");
		assertThat(this.egain.getApiRequests()).singleElement()
			.satisfies((request) -> assertThat(request.authorized()).isTrue());
	}

	@Test
	void apiWhenIdpTokenItselfIsSentThenUnauthorized() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String idpToken = this.okta.accessToken("jane@example.com");
		HttpResponse<String> response = TestEgainHttp.get(this.egain.getBaseUrl() + ARTICLES_PATH, "Authorization",
				"Bearer " + idpToken);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(TestEgainHttp.json(response)).containsEntry("code", "401-101");
	}

	@Test
	void toStringOfTokenRequestWhenExchangeThenNeverContainsIdpToken() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String idpToken = this.okta.accessToken("jane@example.com");
		postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", SCOPE));
		TokenRequest tokenRequest = onlyTokenRequest();
		assertThat(tokenRequest.parameters()).containsEntry("subject_token", idpToken);
		String[] parts = idpToken.split("\\.");
		assertThat(tokenRequest.toString()).contains("token-exchange")
			.contains("email:jane@example.com")
			.doesNotContain(idpToken)
			.doesNotContain(parts[1])
			.doesNotContain(parts[2])
			.doesNotContain("sso-secret");
	}

	@Test
	void tokenWhenRuntimeTrustedAndResetThenProviderForgotten() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String idpToken = this.okta.accessToken("jane@example.com");
		assertThat(postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", SCOPE)).statusCode()).isEqualTo(200);
		this.egain.reset();
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", SCOPE));
		assertRejected(response, "invalid_request",
				"No identity provider is registered as 'okta-sso' for tenant " + TENANT_ID);
	}

	@Test
	void tokenWhenBuilderTrustedAndResetThenProviderStillTrusted() throws Exception {
		this.egain.close();
		this.egain = EgainStandIn.builder().trustIdentityProvider("okta-sso", this.okta).start();
		String idpToken = this.okta.accessToken("jane@example.com");
		assertThat(postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", SCOPE)).statusCode()).isEqualTo(200);
		this.egain.reset();
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", SCOPE));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(onlyTokenRequest().subject()).isEqualTo(EgainSubject.email("jane@example.com"));
	}

	@Test
	void tokenWhenRuntimeTrustOverridesBuilderTrustThenOnlyRuntimeProviderUntilReset() throws Exception {
		TestIdentityProvider entra = TestIdentityProvider.create("https://login.microsoftonline.com/tenant/v2.0");
		this.egain.close();
		this.egain = EgainStandIn.builder().trustIdentityProvider("sso", this.okta).start();
		this.egain.trustIdentityProvider("sso", entra);
		assertThat(postToken(USER_PATH, exchangeForm(entra.accessToken("jane@example.com"), "sso", null)).statusCode())
			.isEqualTo(200);
		HttpResponse<String> okta = postToken(USER_PATH,
				exchangeForm(this.okta.accessToken("jane@example.com"), "sso", null));
		assertThat(okta.statusCode()).isEqualTo(400);
		assertThat(TestEgainHttp.json(okta)).containsEntry("error", "invalid_grant");
		this.egain.reset();
		assertThat(
				postToken(USER_PATH, exchangeForm(this.okta.accessToken("jane@example.com"), "sso", null)).statusCode())
			.isEqualTo(200);
		assertThat(postToken(USER_PATH, exchangeForm(entra.accessToken("jane@example.com"), "sso", null)).statusCode())
			.isEqualTo(400);
	}

	@Test
	void tokenWhenTwoProvidersTrustedThenEachAcceptsOnlyItsOwnTokens() throws Exception {
		TestIdentityProvider entra = TestIdentityProvider.create("https://login.microsoftonline.com/tenant/v2.0");
		this.egain.trustIdentityProvider("okta-sso", this.okta).trustIdentityProvider("entra-sso", entra);
		assertThat(postToken(USER_PATH, exchangeForm(entra.accessToken("max@example.com"), "entra-sso", null))
			.statusCode()).isEqualTo(200);
		assertThat(postToken(USER_PATH, exchangeForm(this.okta.accessToken("jane@example.com"), "okta-sso", null))
			.statusCode()).isEqualTo(200);
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::subject)
			.containsExactly(EgainSubject.email("max@example.com"), EgainSubject.email("jane@example.com"));
		HttpResponse<String> crossed = postToken(USER_PATH,
				exchangeForm(entra.accessToken("max@example.com"), "okta-sso", null));
		assertThat(crossed.statusCode()).isEqualTo(400);
		assertThat(TestEgainHttp.json(crossed)).containsExactly(entry("error", "invalid_grant"), entry(
				"error_description", "subject_token's signature does not verify with the keys of " + OKTA_ISSUER));
		assertThat(this.egain.getTokenRequests()).hasSize(2);
	}

	@Test
	void tokenWhenUnknownRegistrationIdThenInvalidRequest() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		HttpResponse<String> response = postToken(USER_PATH,
				exchangeForm(this.okta.accessToken("jane@example.com"), "entra-sso", SCOPE));
		assertRejected(response, "invalid_request",
				"No identity provider is registered as 'entra-sso' for tenant " + TENANT_ID);
	}

	@Test
	void tokenWhenNoProviderTrustedThenInvalidRequest() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH,
				exchangeForm(this.okta.accessToken("jane@example.com"), "okta-sso", SCOPE));
		assertRejected(response, "invalid_request",
				"No identity provider is registered as 'okta-sso' for tenant " + TENANT_ID);
	}

	@Test
	void tokenWhenSubjectTokenTypeIsNotAccessTokenThenInvalidRequest() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String idToken = "urn:ietf:params:oauth:token-type:id_token";
		HttpResponse<String> response = postToken(USER_PATH,
				TestEgainHttp.form("grant_type", GRANT, "client_id", "sso-client", "client_secret", "sso-secret",
						"subject_token", this.okta.accessToken("jane@example.com"), "subject_token_type", idToken,
						"registration_id", "okta-sso"));
		assertRejected(response, "invalid_request", "subject_token_type '" + idToken + "' is not " + ACCESS_TOKEN_TYPE);
	}

	@Test
	void tokenWhenSubjectTokenTypeMissingThenInvalidRequest() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		HttpResponse<String> response = postToken(USER_PATH,
				TestEgainHttp.form("grant_type", GRANT, "client_id", "sso-client", "client_secret", "sso-secret",
						"subject_token", this.okta.accessToken("jane@example.com"), "registration_id", "okta-sso"));
		assertRejected(response, "invalid_request", notAccepted(
				"[grant_type, client_id, client_secret, subject_token, registration_id]", USER_PATH, USER_FIELDS));
	}

	@Test
	void tokenWhenRegistrationIdMissingThenInvalidRequest() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		HttpResponse<String> response = postToken(USER_PATH,
				TestEgainHttp.form("grant_type", GRANT, "client_id", "sso-client", "client_secret", "sso-secret",
						"subject_token", this.okta.accessToken("jane@example.com"), "subject_token_type",
						ACCESS_TOKEN_TYPE, "scope", SCOPE));
		assertRejected(response, "invalid_request",
				notAccepted("[grant_type, client_id, client_secret, subject_token, subject_token_type, scope]",
						USER_PATH, USER_FIELDS));
	}

	@Test
	void tokenWhenSubjectTokenMissingThenInvalidRequest() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		HttpResponse<String> response = postToken(USER_PATH,
				TestEgainHttp.form("grant_type", GRANT, "client_id", "sso-client", "client_secret", "sso-secret",
						"subject_token_type", ACCESS_TOKEN_TYPE, "registration_id", "okta-sso"));
		assertRejected(response, "invalid_request", notAccepted(
				"[grant_type, client_id, client_secret, subject_token_type, registration_id]", USER_PATH, USER_FIELDS));
	}

	@Test
	void tokenWhenClientSecretMissingThenInvalidRequest() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		HttpResponse<String> response = postToken(USER_PATH,
				TestEgainHttp.form("grant_type", GRANT, "client_id", "sso-client", "subject_token",
						this.okta.accessToken("jane@example.com"), "subject_token_type", ACCESS_TOKEN_TYPE,
						"registration_id", "okta-sso"));
		assertRejected(response, "invalid_request", notAccepted(
				"[grant_type, client_id, subject_token, subject_token_type, registration_id]", USER_PATH, USER_FIELDS));
	}

	@Test
	void tokenWhenExtraSubjectFieldThenInvalidRequest() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String form = exchangeForm(this.okta.accessToken("jane@example.com"), "okta-sso", SCOPE)
				+ "&subject_username=jane";
		HttpResponse<String> response = postToken(USER_PATH, form);
		assertRejected(response, "invalid_request",
				notAccepted(
						"[grant_type, client_id, client_secret, "
								+ "subject_token, subject_token_type, registration_id, scope, subject_username]",
						USER_PATH, USER_FIELDS));
	}

	@Test
	void tokenWhenSubjectTokenEmptyThenInvalidRequest() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm("", "okta-sso", SCOPE));
		assertRejected(response, "invalid_request", "Form field 'subject_token' is empty");
	}

	@Test
	void tokenWhenScopeEmptyThenInvalidRequest() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		HttpResponse<String> response = postToken(USER_PATH,
				exchangeForm(this.okta.accessToken("jane@example.com"), "okta-sso", ""));
		assertRejected(response, "invalid_request", "Form field 'scope' is empty");
	}

	@Test
	void tokenWhenExchangeAtCustomerEndpointThenInvalidRequest() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		HttpResponse<String> response = postToken(CUSTOMER_PATH,
				exchangeForm(this.okta.accessToken("jane@example.com"), "okta-sso", SCOPE));
		assertRejected(response, "invalid_request",
				notAccepted(
						"[grant_type, client_id, client_secret, subject_token, subject_token_type, "
								+ "registration_id, scope]",
						CUSTOMER_PATH,
						"grant_type=password with client_id, client_secret, scope and subject_email only"));
	}

	@Test
	void tokenWhenExchangeAtAnonymousEndpointThenInvalidRequest() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		HttpResponse<String> response = postToken(ANONYMOUS_PATH + ANONYMOUS_QUERY,
				exchangeForm(this.okta.accessToken("jane@example.com"), "okta-sso", SCOPE));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestEgainHttp.json(response)).containsEntry("error", "invalid_request");
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void tokenWhenPasswordGrantCarriesExchangeFieldsThenInvalidRequest() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		HttpResponse<String> response = postToken(USER_PATH,
				TestEgainHttp.form("grant_type", "password", "client_id", "sso-client", "client_secret", "sso-secret",
						"subject_token", this.okta.accessToken("jane@example.com"), "subject_token_type",
						ACCESS_TOKEN_TYPE, "registration_id", "okta-sso", "scope", SCOPE));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestEgainHttp.json(response)).containsEntry("error", "invalid_request");
		assertThat(this.egain.getRejections()).singleElement().asString().startsWith("grant_type 'password' with");
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void tokenWhenIdpTokenExpiredThenInvalidGrant() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String expired = this.okta.accessToken("jane@example.com", "jane@example.com", Duration.ofSeconds(-5));
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(expired, "okta-sso", SCOPE));
		assertRejected(response, "invalid_grant", "subject_token has expired");
	}

	@Test
	void tokenWhenIdpTokenExpiresPerStandInClockThenInvalidGrantFromExpiryOn() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		TestEgainClock clock = new TestEgainClock(now);
		TestIdentityProvider idp = TestIdentityProvider.create(OKTA_ISSUER, clock);
		this.egain.close();
		this.egain = EgainStandIn.builder().clock(clock).trustIdentityProvider("okta-sso", idp).start();
		String idpToken = idp.accessToken("jane@example.com", "jane@example.com", Duration.ofSeconds(90));
		clock.advance(Duration.ofSeconds(89));
		assertThat(postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", null)).statusCode()).isEqualTo(200);
		clock.advance(Duration.ofSeconds(1));
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", null));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestEgainHttp.json(response)).containsExactly(entry("error", "invalid_grant"),
				entry("error_description", "subject_token has expired"));
		assertThat(this.egain.getTokenRequests()).hasSize(1);
	}

	@Test
	void tokenWhenIdpTokenHasNoExpiryThenInvalidGrant() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String idpToken = signedBy(this.okta,
				new JWTClaimsSet.Builder().issuer(OKTA_ISSUER)
					.subject("jane")
					.claim("email", "jane@example.com")
					.build());
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", SCOPE));
		assertRejected(response, "invalid_grant", "subject_token has expired");
	}

	@Test
	void tokenWhenIdpTokenSignedByAnotherKeyThenInvalidGrant() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		TestIdentityProvider impostor = TestIdentityProvider.create(OKTA_ISSUER);
		HttpResponse<String> response = postToken(USER_PATH,
				exchangeForm(impostor.accessToken("jane@example.com"), "okta-sso", SCOPE));
		assertRejected(response, "invalid_grant",
				"subject_token's signature does not verify with the keys of " + OKTA_ISSUER);
	}

	@Test
	void tokenWhenIdpTokenFromAnotherIssuerThenInvalidGrant() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String idpToken = signedBy(this.okta,
				claims("https://evil.example.com", Instant.now().plusSeconds(300)).subject("jane").build());
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", SCOPE));
		assertRejected(response, "invalid_grant",
				"subject_token was issued by 'https://evil.example.com', not by " + OKTA_ISSUER);
	}

	@Test
	void tokenWhenIdpTokenNamesNoUserThenInvalidGrant() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String idpToken = signedBy(this.okta, claims(OKTA_ISSUER, Instant.now().plusSeconds(300)).build());
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(idpToken, "okta-sso", SCOPE));
		assertRejected(response, "invalid_grant", "subject_token names no user: it has neither email nor sub");
	}

	@Test
	void tokenWhenSubjectTokenIsNotJwtThenInvalidGrant() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm("opaque-idp-token", "okta-sso", SCOPE));
		assertRejected(response, "invalid_grant", "subject_token is not a signed JWT");
	}

	@Test
	void tokenWhenSubjectTokenIsUnsignedJwtThenInvalidGrant() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String unsigned = new PlainJWT(claims(OKTA_ISSUER, Instant.now().plusSeconds(300)).subject("jane")
			.claim("email", "jane@example.com")
			.build()).serialize();
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(unsigned, "okta-sso", SCOPE));
		assertRejected(response, "invalid_grant", "subject_token is not a signed JWT");
	}

	@Test
	void tokenWhenSubjectTokenIsHmacSignedThenInvalidGrant() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
				claims(OKTA_ISSUER, Instant.now().plusSeconds(300)).subject("jane")
					.claim("email", "jane@example.com")
					.build());
		hmac.sign(new MACSigner("a-shared-secret-of-at-least-256-bits-for-hs256!"));
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm(hmac.serialize(), "okta-sso", SCOPE));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestEgainHttp.json(response)).containsEntry("error", "invalid_grant");
		assertThat(this.egain.getRejections()).singleElement()
			.asString()
			.startsWith("subject_token cannot be verified: ");
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void rejectionsWhenIdpTokenRejectedThenNeverContainIdpToken() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta);
		String expired = this.okta.accessToken("jane@example.com", "jane@example.com", Duration.ofSeconds(-5));
		String foreign = TestIdentityProvider.create(OKTA_ISSUER).accessToken("jane@example.com");
		String unknownProvider = this.okta.accessToken("jane@example.com");
		postToken(USER_PATH, exchangeForm(expired, "okta-sso", SCOPE));
		postToken(USER_PATH, exchangeForm(foreign, "okta-sso", SCOPE));
		postToken(USER_PATH, exchangeForm(unknownProvider, "entra-sso", SCOPE));
		postToken(USER_PATH, exchangeForm(unknownProvider, "okta-sso", SCOPE) + "&subject_email=jane%40example.com");
		assertThat(this.egain.getRejections()).hasSize(4).allSatisfy((rejection) -> {
			for (String token : new String[] { expired, foreign, unknownProvider }) {
				assertThat(rejection).doesNotContain(token).doesNotContain(token.split("\\.")[1]);
			}
		});
	}

	@Test
	void tokenWhenClientsRegisteredAndSecretWrongThenInvalidClientBeforeIdpTokenChecked() throws Exception {
		this.egain.close();
		this.egain = EgainStandIn.builder()
			.client("sso-client", "rotated-secret")
			.trustIdentityProvider("okta-sso", this.okta)
			.start();
		HttpResponse<String> response = postToken(USER_PATH, exchangeForm("not-even-a-jwt", "okta-sso", SCOPE));
		assertRejected(response, 401, "invalid_client", "Client authentication failed");
	}

	@Test
	void tokenWhenExchangedSubjectRejectedThenInvalidGrantNamingUser() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta).rejectSubject(EgainSubject.email("ghost@example.com"));
		HttpResponse<String> response = postToken(USER_PATH,
				exchangeForm(this.okta.accessToken("ghost@example.com"), "okta-sso", SCOPE));
		assertRejected(response, "invalid_grant",
				"No customer with subject_email 'ghost@example.com' in tenant " + TENANT_ID);
	}

	@Test
	void tokenWhenExchangedSubjectRefusedThenRefusal() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta)
			.refuseTokens(EgainSubject.username("00u1jane"), 403, "access_denied", "Token exchange is not enabled");
		HttpResponse<String> response = postToken(USER_PATH,
				exchangeForm(this.okta.accessToken("00u1jane", null, Duration.ofMinutes(5)), "okta-sso", SCOPE));
		assertRejected(response, 403, "access_denied", "Token exchange is not enabled");
	}

	@Test
	void apiWhenExchangedSubjectRefusedThenRefusal() throws Exception {
		this.egain.trustIdentityProvider("okta-sso", this.okta)
			.refuseApiCalls(EgainSubject.email("jane@example.com"), 403, "403-197", "Scope not granted");
		HttpResponse<String> token = postToken(USER_PATH,
				exchangeForm(this.okta.accessToken("jane@example.com"), "okta-sso", SCOPE));
		HttpResponse<String> response = TestEgainHttp.get(this.egain.getBaseUrl() + ARTICLES_PATH, "Authorization",
				"Bearer " + TestEgainHttp.json(token).get("access_token"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(TestEgainHttp.json(response)).containsExactly(entry("code", "403-197"),
				entry("developerMessage", "Scope not granted"));
	}

	@Test
	void trustIdentityProviderWhenArgumentsMissingThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.egain.trustIdentityProvider(" ", this.okta))
			.withMessage("registrationId cannot be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> this.egain.trustIdentityProvider("okta-sso", null))
			.withMessage("identityProvider cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainStandIn.builder().trustIdentityProvider("", this.okta))
			.withMessage("registrationId cannot be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainStandIn.builder().trustIdentityProvider("okta-sso", null))
			.withMessage("identityProvider cannot be null");
	}

	private HttpResponse<String> postToken(String path, String form) throws Exception {
		return TestEgainHttp.postToken(this.egain.getBaseUrl() + path, form);
	}

	private TokenRequest onlyTokenRequest() {
		assertThat(this.egain.getTokenRequests()).hasSize(1);
		return this.egain.getTokenRequests().get(0);
	}

	private void assertRejected(HttpResponse<String> response, String error, String description) {
		assertRejected(response, 400, error, description);
	}

	private void assertRejected(HttpResponse<String> response, int status, String error, String description) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(TestEgainHttp.json(response)).containsExactly(entry("error", error),
				entry("error_description", description));
		assertThat(this.egain.getRejections()).containsExactly(description);
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	private static String exchangeForm(String subjectToken, String registrationId, String scope) {
		String form = TestEgainHttp.form("grant_type", GRANT, "client_id", "sso-client", "client_secret", "sso-secret",
				"subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE, "registration_id",
				registrationId);
		return (scope != null) ? form + "&" + TestEgainHttp.form("scope", scope) : form;
	}

	private static String notAccepted(String fields, String path, String expected) {
		return "grant_type '" + GRANT + "' with fields " + fields + " is not accepted at " + path + "; expected "
				+ expected;
	}

	private static JWTClaimsSet.Builder claims(String issuer, Instant expiresAt) {
		return new JWTClaimsSet.Builder().issuer(issuer).expirationTime(Date.from(expiresAt));
	}

	/**
	 * Signs claims with an identity provider's own key, for tokens its
	 * {@code accessToken} methods do not make.
	 */
	static String signedBy(TestIdentityProvider identityProvider, JWTClaimsSet claims) throws Exception {
		RSAKey key = (RSAKey) ReflectionTestUtils.getField(identityProvider, "key");
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
