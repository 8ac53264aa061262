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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link EgainAccessTokenResponseConverter}.
 *
 * @author egain-auth authors
 */
class EgainAccessTokenResponseConverterTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private EgainAccessTokenResponseConverter converter;

	@BeforeEach
	void setUp() {
		this.converter = new EgainAccessTokenResponseConverter();
		this.converter.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void convertWhenParametersNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.converter.convert(null))
			.withMessage("parameters cannot be null");
	}

	@Test
	void convertWhenNoAccessTokenThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.converter.convert(Map.of("token_type", "Bearer", "expires_in", 3600)))
			.withMessage("Missing required parameter: access_token");
	}

	@Test
	void convertWhenBlankAccessTokenThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.converter.convert(Map.of("access_token", " ", "token_type", "Bearer")))
			.withMessage("Missing required parameter: access_token");
	}

	@Test
	void convertWhenExpiresInThenLifetimeIsExpiresIn() {
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", "opaque-token", "token_type", "Bearer", "expires_in", 1800));
		TestEgainTokenResponses.assertBearerToken(response, "opaque-token", Duration.ofSeconds(1800));
	}

	@Test
	void convertWhenExpiresInIsStringThenLifetimeIsExpiresIn() {
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", "opaque-token", "token_type", "Bearer", "expires_in", "1800"));
		TestEgainTokenResponses.assertBearerToken(response, "opaque-token", Duration.ofSeconds(1800));
	}

	@Test
	void convertWhenExpiresInAndJwtWithExpThenLifetimeIsExpiresIn() {
		String jwt = TestEgainTokens.jwt(NOW.plus(Duration.ofHours(8)));
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", jwt, "token_type", "Bearer", "expires_in", 300));
		TestEgainTokenResponses.assertBearerToken(response, jwt, Duration.ofSeconds(300));
	}

	@Test
	void convertWhenNoExpiresInAndJwtWithExpThenLifetimeRunsFromClockToExp() {
		Instant exp = NOW.plusSeconds(5400);
		String jwt = TestEgainTokens.jwt(exp);
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", jwt, "token_type", "Bearer"));
		TestEgainTokenResponses.assertBearerToken(response, jwt, Duration.between(NOW, exp));
		assertThat(Duration.between(NOW, exp)).isEqualTo(Duration.ofSeconds(5400));
	}

	@Test
	void convertWhenNoExpiresInAndJwtWithExpThenLifetimeFollowsInjectedClock() {
		Instant exp = NOW.plusSeconds(5400);
		this.converter.setClock(Clock.fixed(NOW.plusSeconds(400), ZoneOffset.UTC));
		String jwt = TestEgainTokens.jwt(exp);
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", jwt, "token_type", "Bearer"));
		TestEgainTokenResponses.assertBearerToken(response, jwt, Duration.ofSeconds(5000));
	}

	@Test
	void convertWhenNoExpiresInAndJwtWithoutExpThenDefaultLifetime() {
		String jwt = TestEgainTokens.jwtWithoutExpiry();
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", jwt, "token_type", "Bearer"));
		TestEgainTokenResponses.assertBearerToken(response, jwt, Duration.ofHours(1));
	}

	@Test
	void convertWhenNoExpiresInAndNotJwtThenDefaultLifetimeOfOneHourNotOneSecond() {
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", "opaque-token", "token_type", "Bearer"));
		TestEgainTokenResponses.assertBearerToken(response, "opaque-token", Duration.ofHours(1));
		assertThat(lifetime(response)).isNotEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void convertWhenDefaultLifetimeSetAndNoExpiryThenUsesIt() {
		this.converter.setDefaultLifetime(Duration.ofMinutes(15));
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", "opaque-token", "token_type", "Bearer"));
		TestEgainTokenResponses.assertBearerToken(response, "opaque-token", Duration.ofMinutes(15));
		assertThat(lifetime(response)).isNotEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void convertWhenDefaultLifetimeSetAndExpiresInThenExpiresInWins() {
		this.converter.setDefaultLifetime(Duration.ofMinutes(15));
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", "opaque-token", "token_type", "Bearer", "expires_in", 60));
		TestEgainTokenResponses.assertBearerToken(response, "opaque-token", Duration.ofSeconds(60));
	}

	@Test
	void convertWhenNoTokenTypeThenBearer() {
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", "opaque-token", "expires_in", 3600));
		TestEgainTokenResponses.assertBearerToken(response, "opaque-token", Duration.ofSeconds(3600));
	}

	@Test
	void convertWhenRefreshTokenScopeAndExtraParametersThenKept() {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("access_token", "opaque-token");
		parameters.put("token_type", "Bearer");
		parameters.put("refresh_token", "refresh-token");
		parameters.put("scope", "core.aiservices.read knowledge.portalmgr.read");
		parameters.put("tenant", "TMPRODB88619984");
		OAuth2AccessTokenResponse response = this.converter.convert(parameters);
		TestEgainTokenResponses.assertBearerToken(response, "opaque-token", Duration.ofHours(1));
		assertThat(response.getRefreshToken()).isNotNull();
		assertThat(response.getRefreshToken().getTokenValue()).isEqualTo("refresh-token");
		assertThat(response.getAccessToken().getScopes()).containsExactlyInAnyOrder("core.aiservices.read",
				"knowledge.portalmgr.read");
		assertThat(response.getAdditionalParameters()).containsExactly(entry("tenant", "TMPRODB88619984"));
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1, -3600 })
	void convertWhenExpiresInNotPositiveThenThrowsExpiredTokenException(long expiresIn) {
		assertThatExceptionOfType(EgainAccessTokenResponseConverter.ExpiredTokenException.class)
			.isThrownBy(() -> this.converter
				.convert(Map.of("access_token", "opaque-token", "token_type", "Bearer", "expires_in", expiresIn)))
			.withMessage("expires_in " + expiresIn);
	}

	@Test
	void convertWhenExpiresInIsZeroStringThenThrowsExpiredTokenException() {
		assertThatExceptionOfType(EgainAccessTokenResponseConverter.ExpiredTokenException.class)
			.isThrownBy(() -> this.converter
				.convert(Map.of("access_token", "opaque-token", "token_type", "Bearer", "expires_in", "0")))
			.withMessage("expires_in 0");
	}

	@Test
	void convertWhenExpiresInZeroAndJwtWithFutureExpThenThrowsExpiredTokenException() {
		String jwt = TestEgainTokens.jwt(NOW.plus(Duration.ofHours(8)));
		assertThatExceptionOfType(EgainAccessTokenResponseConverter.ExpiredTokenException.class)
			.isThrownBy(
					() -> this.converter.convert(Map.of("access_token", jwt, "token_type", "Bearer", "expires_in", 0)))
			.withMessage("expires_in 0")
			.withMessageNotContaining(jwt);
	}

	@Test
	void convertWhenExpiresInNotNumberThenIgnoredLikeMissing() {
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", "opaque-token", "token_type", "Bearer", "expires_in", "soon"));
		TestEgainTokenResponses.assertBearerToken(response, "opaque-token", Duration.ofHours(1));
	}

	@Test
	void convertWhenNoExpiresInAndJwtExpiredThenThrowsExpiredTokenException() {
		Instant exp = NOW.minusSeconds(3600);
		String jwt = TestEgainTokens.jwt(exp);
		assertThatExceptionOfType(EgainAccessTokenResponseConverter.ExpiredTokenException.class)
			.isThrownBy(() -> this.converter.convert(Map.of("access_token", jwt, "token_type", "Bearer")))
			.withMessage("its JWT exp claim is 2029-12-31T23:00:00Z, the current time 2030-01-01T00:00:00Z")
			.withMessageNotContaining(jwt);
	}

	@Test
	void convertWhenNoExpiresInAndJwtExpiresNowThenThrowsExpiredTokenException() {
		String jwt = TestEgainTokens.jwt(NOW);
		assertThatExceptionOfType(EgainAccessTokenResponseConverter.ExpiredTokenException.class)
			.isThrownBy(() -> this.converter.convert(Map.of("access_token", jwt, "token_type", "Bearer")));
	}

	@Test
	void convertWhenNoExpiresInAndJwtExpiresInOneSecondThenLifetimeOneSecond() {
		String jwt = TestEgainTokens.jwt(NOW.plusSeconds(1));
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", jwt, "token_type", "Bearer"));
		TestEgainTokenResponses.assertBearerToken(response, jwt, Duration.ofSeconds(1));
	}

	@Test
	void convertWhenExpiresInAndJwtExpiredThenExpiresInWins() {
		String jwt = TestEgainTokens.jwt(NOW.minusSeconds(3600));
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", jwt, "token_type", "Bearer", "expires_in", 300));
		TestEgainTokenResponses.assertBearerToken(response, jwt, Duration.ofSeconds(300));
	}

	@Test
	void setClockWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.converter.setClock(null))
			.withMessage("clock cannot be null");
	}

	@Test
	void setDefaultLifetimeWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.converter.setDefaultLifetime(null))
			.withMessage("defaultLifetime cannot be null");
	}

	@Test
	void setDefaultLifetimeWhenLessThanOneSecondThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.converter.setDefaultLifetime(Duration.ofMillis(999)))
			.withMessage("defaultLifetime must be at least 1 second");
		assertThatIllegalArgumentException().isThrownBy(() -> this.converter.setDefaultLifetime(Duration.ZERO))
			.withMessage("defaultLifetime must be at least 1 second");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.converter.setDefaultLifetime(Duration.ofSeconds(-60)))
			.withMessage("defaultLifetime must be at least 1 second");
	}

	private static Duration lifetime(OAuth2AccessTokenResponse response) {
		OAuth2AccessToken accessToken = response.getAccessToken();
		return Duration.between(accessToken.getIssuedAt(), accessToken.getExpiresAt());
	}

	@Test
	void convertWhenTokenTypeGivenThenKeepsIt() {
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", "opaque-token", "token_type", "DPoP", "expires_in", 3600));
		assertThat(response.getAccessToken().getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.DPOP);
	}

	@Test
	void convertWhenExpiresInIsFractionalNumberThenLifetimeIsItsWholeSeconds() {
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", "opaque-token", "token_type", "Bearer", "expires_in", 1800.0));
		assertThat(lifetime(response)).isEqualTo(Duration.ofSeconds(1800));
	}

	@Test
	void setDefaultLifetimeWhenOneSecondThenUsesIt() {
		this.converter.setDefaultLifetime(Duration.ofSeconds(1));
		OAuth2AccessTokenResponse response = this.converter
			.convert(Map.of("access_token", "opaque-token", "token_type", "Bearer"));
		assertThat(lifetime(response)).isEqualTo(Duration.ofSeconds(1));
	}

}
