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

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.egainauth.EgainSubject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TestIdentityProvider}.
 *
 * @author egain-auth authors
 */
class TestIdentityProviderTests {

	private static final String ISSUER = "https://okta.example.com";

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	private final TestEgainClock clock = new TestEgainClock(NOW);

	private final TestIdentityProvider okta = TestIdentityProvider.create(ISSUER, this.clock);

	@Test
	void accessTokenWhenEmailThenSignedJwtForEmailValidForOneHour() throws Exception {
		SignedJWT jwt = SignedJWT.parse(this.okta.accessToken("jane@example.com"));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(onlyKey(this.okta).getKeyID()).isNotBlank();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(ISSUER);
		assertThat(claims.getSubject()).isEqualTo("jane@example.com");
		assertThat(claims.getStringClaim("email")).isEqualTo("jane@example.com");
		assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(1))));
		assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW.minus(Duration.ofMinutes(1))));
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(jwt.verify(new RSASSAVerifier(onlyKey(this.okta)))).isTrue();
	}

	@Test
	void accessTokenWhenSubjectWithoutEmailThenNoEmailClaim() throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(this.okta.accessToken("00u1jane", null, Duration.ofMinutes(5)))
			.getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("00u1jane");
		assertThat(claims.getClaims()).doesNotContainKey("email");
		assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(5))));
	}

	@Test
	void accessTokenWhenNegativeLifetimeThenAlreadyExpired() throws Exception {
		JWTClaimsSet claims = SignedJWT
			.parse(this.okta.accessToken("jane", "jane@example.com", Duration.ofSeconds(-30)))
			.getJWTClaimsSet();
		assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.minusSeconds(30)));
	}

	@Test
	void accessTokenWhenCalledTwiceThenDifferentTokens() throws Exception {
		String first = this.okta.accessToken("jane@example.com");
		String second = this.okta.accessToken("jane@example.com");
		assertThat(first).isNotEqualTo(second);
		assertThat(SignedJWT.parse(first).getJWTClaimsSet().getJWTID())
			.isNotEqualTo(SignedJWT.parse(second).getJWTClaimsSet().getJWTID());
	}

	@Test
	void accessTokenWhenClockMovesThenDatedByClock() throws Exception {
		this.clock.advance(Duration.ofMinutes(10));
		JWTClaimsSet claims = SignedJWT.parse(this.okta.accessToken("jane@example.com")).getJWTClaimsSet();
		assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(70))));
	}

	@Test
	void accessTokenWhenReadAsExternalSubjectThenExpiryIsJwtExp() {
		String token = this.okta.accessToken("jane", "jane@example.com", Duration.ofSeconds(90));
		assertThat(EgainSubject.externalToken(token).getExpiresAt()).isEqualTo(NOW.plusSeconds(90));
	}

	@Test
	void getPublicKeysThenOnlyPublicPartOfSigningKey() {
		assertThat(this.okta.getPublicKeys().getKeys()).singleElement().satisfies((key) -> {
			assertThat(key.isPrivate()).isFalse();
			assertThat(key).isInstanceOf(RSAKey.class);
		});
		assertThat(this.okta.getPublicKeys().toString()).doesNotContain("\"d\"");
	}

	@Test
	void createWhenTwoProvidersThenDifferentKeys() throws Exception {
		TestIdentityProvider other = TestIdentityProvider.create(ISSUER, this.clock);
		assertThat(onlyKey(other).getKeyID()).isNotEqualTo(onlyKey(this.okta).getKeyID());
		SignedJWT jwt = SignedJWT.parse(other.accessToken("jane@example.com"));
		assertThat(jwt.verify(new RSASSAVerifier(onlyKey(this.okta)))).isFalse();
	}

	@Test
	void verifyWhenOwnValidTokenThenClaims() {
		String token = this.okta.accessToken("jane@example.com");
		JWTClaimsSet claims = this.okta.verify(token, NOW.plus(Duration.ofMinutes(59)));
		assertThat(claims.getSubject()).isEqualTo("jane@example.com");
		assertThat(claims.getClaim("email")).isEqualTo("jane@example.com");
	}

	@Test
	void verifyWhenAtOrAfterExpiryThenExpired() {
		String token = this.okta.accessToken("jane", "jane@example.com", Duration.ofSeconds(90));
		assertThat(this.okta.verify(token, NOW.plusSeconds(89)).getSubject()).isEqualTo("jane");
		assertThatIllegalArgumentException().isThrownBy(() -> this.okta.verify(token, NOW.plusSeconds(90)))
			.withMessage("subject_token has expired");
		assertThatIllegalArgumentException().isThrownBy(() -> this.okta.verify(token, NOW.plusSeconds(91)))
			.withMessage("subject_token has expired");
	}

	@Test
	void verifyWhenNoExpiryThenExpired() throws Exception {
		String token = EgainStandInTokenExchangeTests.signedBy(this.okta,
				new JWTClaimsSet.Builder().issuer(ISSUER).subject("jane").build());
		assertThatIllegalArgumentException().isThrownBy(() -> this.okta.verify(token, NOW))
			.withMessage("subject_token has expired");
	}

	@Test
	void verifyWhenOtherProvidersTokenWithSameIssuerThenSignatureFails() {
		String token = TestIdentityProvider.create(ISSUER, this.clock).accessToken("jane@example.com");
		assertThatIllegalArgumentException().isThrownBy(() -> this.okta.verify(token, NOW))
			.withMessage("subject_token's signature does not verify with the keys of " + ISSUER);
	}

	@Test
	void verifyWhenOwnKeyButOtherIssuerThenIssuerFails() throws Exception {
		String token = EgainStandInTokenExchangeTests.signedBy(this.okta,
				new JWTClaimsSet.Builder().issuer("https://evil.example.com")
					.subject("jane")
					.expirationTime(Date.from(NOW.plusSeconds(60)))
					.build());
		assertThatIllegalArgumentException().isThrownBy(() -> this.okta.verify(token, NOW))
			.withMessage("subject_token was issued by 'https://evil.example.com', not by " + ISSUER);
	}

	@Test
	void verifyWhenNotJwtThenNotSignedJwt() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.okta.verify("opaque", NOW))
			.withMessage("subject_token is not a signed JWT");
	}

	@Test
	void verifyWhenTamperedPayloadThenSignatureFails() throws Exception {
		String[] parts = this.okta.accessToken("jane@example.com").split("\\.");
		String otherPayload = this.okta.accessToken("admin@example.com").split("\\.")[1];
		String tampered = parts[0] + "." + otherPayload + "." + parts[2];
		assertThatIllegalArgumentException().isThrownBy(() -> this.okta.verify(tampered, NOW))
			.withMessage("subject_token's signature does not verify with the keys of " + ISSUER);
	}

	@Test
	void createWhenArgumentsMissingThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> TestIdentityProvider.create(" "))
			.withMessage("issuer cannot be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> TestIdentityProvider.create(ISSUER, null))
			.withMessage("clock cannot be null");
	}

	@Test
	void accessTokenWhenArgumentsMissingThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.okta.accessToken(""))
			.withMessage("subject cannot be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> this.okta.accessToken("jane", null, null))
			.withMessage("lifetime cannot be null");
	}

	@Test
	void getIssuerAndToStringThenIssuerOnly() {
		assertThat(this.okta.getIssuer()).isEqualTo(ISSUER);
		assertThat(this.okta).hasToString("TestIdentityProvider[issuer=" + ISSUER + "]");
	}

	private static RSAKey onlyKey(TestIdentityProvider identityProvider) {
		JWK key = identityProvider.getPublicKeys().getKeys().get(0);
		return key.toRSAKey();
	}

}
