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

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A test identity provider (the Okta, Entra ID or Ping of a test): it signs JWT access
 * tokens with a fresh RSA key of its own, so an {@link EgainStandIn} told to
 * {@linkplain EgainStandIn#trustIdentityProvider(String, TestIdentityProvider) trust it}
 * exchanges them for eGain tokens, as eGain does for a tenant's SSO provider.
 *
 * <pre class="code">
 * TestIdentityProvider okta = TestIdentityProvider.create("https://okta.example.com");
 * egain.trustIdentityProvider("okta-sso", okta);
 * String idpToken = okta.accessToken("jane@example.com");
 * </pre>
 *
 * @author egain-auth authors
 */
public final class TestIdentityProvider {

	private final String issuer;

	private final RSAKey key;

	private final Clock clock;

	private TestIdentityProvider(String issuer, RSAKey key, Clock clock) {
		this.issuer = issuer;
		this.key = key;
		this.clock = clock;
	}

	/**
	 * Returns an identity provider with the given issuer and a fresh 2048-bit RSA key.
	 * @param issuer the issuer ({@code iss}) of its tokens, e.g.
	 * {@code https://idp.example.com}
	 * @return the identity provider
	 */
	public static TestIdentityProvider create(String issuer) {
		return create(issuer, Clock.systemUTC());
	}

	/**
	 * Returns an identity provider with the given issuer, a fresh 2048-bit RSA key and a
	 * clock that dates its tokens.
	 * @param issuer the issuer ({@code iss}) of its tokens
	 * @param clock the clock that dates its tokens
	 * @return the identity provider
	 */
	public static TestIdentityProvider create(String issuer, Clock clock) {
		Assert.hasText(issuer, "issuer cannot be empty");
		Assert.notNull(clock, "clock cannot be null");
		try {
			return new TestIdentityProvider(issuer,
					new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate(), clock);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate an RSA key", ex);
		}
	}

	/**
	 * Returns the issuer of its tokens.
	 * @return the issuer
	 */
	public String getIssuer() {
		return this.issuer;
	}

	/**
	 * Returns its public key as a JSON Web Key Set, as a JWKS endpoint would serve it.
	 * @return the public key set
	 */
	public JWKSet getPublicKeys() {
		return new JWKSet(this.key.toPublicJWK());
	}

	/**
	 * Returns an access token for a user known by email, valid for one hour: its
	 * {@code sub} and {@code email} claims are the email.
	 * @param email the user's email address
	 * @return the signed JWT
	 */
	public String accessToken(String email) {
		return accessToken(email, email, Duration.ofHours(1));
	}

	/**
	 * Returns an access token.
	 * @param subject the {@code sub} claim
	 * @param email the {@code email} claim, or {@code null} for none
	 * @param lifetime how long from now the token is valid ({@code exp}); may be negative
	 * for an expired token
	 * @return the signed JWT
	 */
	public String accessToken(String subject, @Nullable String email, Duration lifetime) {
		Assert.hasText(subject, "subject cannot be empty");
		Assert.notNull(lifetime, "lifetime cannot be null");
		Instant now = this.clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(subject)
			.issueTime(Date.from(now.minus(Duration.ofMinutes(1))))
			.expirationTime(Date.from(now.plus(lifetime)))
			.jwtID(UUID.randomUUID().toString());
		if (email != null) {
			claims.claim("email", email);
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
				claims.build());
		try {
			jwt.sign(new RSASSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a token", ex);
		}
		return jwt.serialize();
	}

	/**
	 * Returns the claims of a token this provider signed, if it is valid at the given
	 * instant.
	 * @param token the token
	 * @param now the current time
	 * @return the claims
	 * @throws IllegalArgumentException if the token is not a JWT this provider signed, or
	 * has expired
	 */
	JWTClaimsSet verify(String token, Instant now) {
		SignedJWT jwt;
		try {
			jwt = SignedJWT.parse(token);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("subject_token is not a signed JWT");
		}
		try {
			if (!jwt.verify(new RSASSAVerifier(this.key.toRSAPublicKey()))) {
				throw new IllegalArgumentException(
						"subject_token's signature does not verify with the keys of " + this.issuer);
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			if (!this.issuer.equals(claims.getIssuer())) {
				throw new IllegalArgumentException(
						"subject_token was issued by '" + claims.getIssuer() + "', not by " + this.issuer);
			}
			Date expiration = claims.getExpirationTime();
			if (expiration == null || !expiration.toInstant().isAfter(now)) {
				throw new IllegalArgumentException("subject_token has expired");
			}
			return claims;
		}
		catch (JOSEException | ParseException ex) {
			throw new IllegalArgumentException("subject_token cannot be verified: " + ex.getMessage());
		}
	}

	@Override
	public String toString() {
		return "TestIdentityProvider[issuer=" + this.issuer + "]";
	}

}
