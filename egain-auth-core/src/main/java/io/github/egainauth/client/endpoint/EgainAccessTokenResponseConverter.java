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

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.Assert;

/**
 * Converts eGain's token response parameters to an {@link OAuth2AccessTokenResponse},
 * deciding the token's lifetime as eGain's rules require: {@code expires_in} when
 * present; else the {@code exp} claim when the token is a JWT; else a default lifetime
 * (one hour unless set). Spring Security's own converter would treat such a token as
 * expiring after one second.
 * <p>
 * A token that has already expired is refused rather than kept for a moment: an
 * {@code expires_in} of zero or less (eGain always sends a positive one, so zero can only
 * mean a token that is no longer valid), or, without {@code expires_in}, a JWT whose
 * {@code exp} is less than a second away. An {@code expires_in} that is not a whole
 * number of seconds is ignored, as Spring Security ignores it.
 *
 * @author egain-auth authors
 */
final class EgainAccessTokenResponseConverter implements Converter<Map<String, Object>, OAuth2AccessTokenResponse> {

	private final Converter<Map<String, Object>, OAuth2AccessTokenResponse> delegate = new DefaultMapOAuth2AccessTokenResponseConverter();

	private Clock clock = Clock.systemUTC();

	private Duration defaultLifetime = EgainClientRegistrations.DEFAULT_TOKEN_LIFETIME;

	/**
	 * Converts token response parameters.
	 * @param parameters the parameters of eGain's token response
	 * @return the token response
	 * @throws IllegalArgumentException if there is no access token, or the token has
	 * already expired
	 */
	@Override
	public OAuth2AccessTokenResponse convert(Map<String, Object> parameters) {
		Assert.notNull(parameters, "parameters cannot be null");
		Object accessToken = parameters.get(OAuth2ParameterNames.ACCESS_TOKEN);
		if (accessToken == null || accessToken.toString().isBlank()) {
			throw new IllegalArgumentException("Missing required parameter: " + OAuth2ParameterNames.ACCESS_TOKEN);
		}
		OAuth2AccessTokenResponse response = this.delegate.convert(withTokenType(parameters));
		Assert.state(response != null, "response cannot be null");
		Long expiresIn = expiresIn(parameters);
		if (expiresIn != null && expiresIn <= 0) {
			throw new ExpiredTokenException("expires_in " + expiresIn);
		}
		long lifetime = (expiresIn != null) ? expiresIn : lifetimeSeconds(response.getAccessToken());
		return OAuth2AccessTokenResponse.withResponse(response).expiresIn(lifetime).build();
	}

	/**
	 * Sets the lifetime given to a token whose response has no {@code expires_in} and
	 * that is not a JWT with an {@code exp} claim. The default is one hour.
	 * @param defaultLifetime the default lifetime, at least one second
	 */
	void setDefaultLifetime(Duration defaultLifetime) {
		Assert.notNull(defaultLifetime, "defaultLifetime cannot be null");
		Assert.isTrue(defaultLifetime.getSeconds() >= 1, "defaultLifetime must be at least 1 second");
		this.defaultLifetime = defaultLifetime;
	}

	/**
	 * Sets the {@link Clock} used to turn a JWT's {@code exp} claim into a lifetime.
	 * @param clock the clock
	 */
	void setClock(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	private long lifetimeSeconds(OAuth2AccessToken accessToken) {
		Instant expiresAt = jwtExpiresAt(accessToken.getTokenValue());
		if (expiresAt == null) {
			return this.defaultLifetime.getSeconds();
		}
		Instant now = this.clock.instant();
		long lifetime = Duration.between(now, expiresAt).getSeconds();
		if (lifetime < 1) {
			throw new ExpiredTokenException("its JWT exp claim is " + expiresAt + ", the current time " + now);
		}
		return lifetime;
	}

	private static @Nullable Instant jwtExpiresAt(String tokenValue) {
		try {
			JWT jwt = JWTParser.parse(tokenValue);
			Date expirationTime = jwt.getJWTClaimsSet().getExpirationTime();
			return (expirationTime != null) ? expirationTime.toInstant() : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

	private static @Nullable Long expiresIn(Map<String, Object> parameters) {
		Object value = parameters.get(OAuth2ParameterNames.EXPIRES_IN);
		if (value instanceof Number number) {
			return number.longValue();
		}
		if (value != null) {
			try {
				return Long.parseLong(value.toString().trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private static Map<String, Object> withTokenType(Map<String, Object> parameters) {
		if (parameters.get(OAuth2ParameterNames.TOKEN_TYPE) != null) {
			return parameters;
		}
		// eGain issues Bearer tokens; a response that omits token_type means Bearer.
		Map<String, Object> withTokenType = new LinkedHashMap<>(parameters);
		withTokenType.put(OAuth2ParameterNames.TOKEN_TYPE, OAuth2AccessToken.TokenType.BEARER.getValue());
		return withTokenType;
	}

	/**
	 * Thrown for a token response whose token has already expired; its message says why,
	 * never quoting the token.
	 */
	static final class ExpiredTokenException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		ExpiredTokenException(String reason) {
			super(reason);
		}

	}

}
