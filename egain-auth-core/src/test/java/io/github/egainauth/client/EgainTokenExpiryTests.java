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

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainTokenExpiry}.
 *
 * @author egain-auth authors
 */
class EgainTokenExpiryTests {

	private static final Instant EXPIRES_AT = Instant.parse("2026-11-28T11:00:00Z");

	@Test
	void isUsableWhenAuthorizedClientNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainTokenExpiry.defaults().isUsable(null))
			.withMessage("authorizedClient cannot be null");
	}

	@Test
	void isUsableWhenExactlyClockSkewBeforeExpiryThenUsable() {
		assertThat(expiryAt(EXPIRES_AT.minusSeconds(60)).isUsable(authorizedClient(EXPIRES_AT))).isTrue();
	}

	@Test
	void isUsableWhenOneMillisecondIntoClockSkewThenNotUsable() {
		assertThat(expiryAt(EXPIRES_AT.minusSeconds(60).plusMillis(1)).isUsable(authorizedClient(EXPIRES_AT)))
			.isFalse();
	}

	@Test
	void isUsableWhenNoExpiryThenUsable() {
		assertThat(expiryAt(EXPIRES_AT.plusSeconds(3600)).isUsable(authorizedClient(null))).isTrue();
	}

	@Test
	void toStringThenShowsClockSkew() {
		assertThat(EgainTokenExpiry.defaults()).hasToString("EgainTokenExpiry[clockSkew=PT1M]");
	}

	private static EgainTokenExpiry expiryAt(Instant now) {
		return new EgainTokenExpiry(Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(60));
	}

	private static OAuth2AuthorizedClient authorizedClient(Instant expiresAt) {
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token",
				(expiresAt != null) ? expiresAt.minusSeconds(3600) : null, expiresAt);
		return new OAuth2AuthorizedClient(
				TestEgainAuthorizedClients.registration("application", EgainFlow.CLIENT_CREDENTIALS), "application",
				token);
	}

}
