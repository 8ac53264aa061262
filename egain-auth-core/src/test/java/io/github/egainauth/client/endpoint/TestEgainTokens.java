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

import java.time.Instant;
import java.util.Date;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;

/**
 * Access token values for tests: unsigned JWTs ({@code "alg":"none"}) with or without an
 * {@code exp} claim.
 *
 * @author egain-auth authors
 */
public final class TestEgainTokens {

	private TestEgainTokens() {
	}

	/**
	 * Returns an unsigned JWT that expires at the given instant.
	 * @param expiresAt the {@code exp} claim, to the second
	 * @return the serialized JWT
	 */
	public static String jwt(Instant expiresAt) {
		return new PlainJWT(new JWTClaimsSet.Builder().subject("pa").expirationTime(Date.from(expiresAt)).build())
			.serialize();
	}

	/**
	 * Returns an unsigned JWT without an {@code exp} claim.
	 * @return the serialized JWT
	 */
	public static String jwtWithoutExpiry() {
		return new PlainJWT(new JWTClaimsSet.Builder().subject("pa").build()).serialize();
	}

}
