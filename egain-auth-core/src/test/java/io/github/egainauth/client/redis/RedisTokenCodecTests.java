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

package io.github.egainauth.client.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RedisTokenCodec}.
 *
 * @author egain-auth authors
 */
class RedisTokenCodecTests {

	private final ClientRegistration registration = EgainClientRegistrations
		.withRegistrationId("agent", EgainFlow.ON_BEHALF_OF_USER)
		.clientId("client-id")
		.clientSecret("secret")
		.scope("knowledge.portalmgr.read", "core.read")
		.tokenUri("https://ai.egain.cloud/system/auth/TENANT/oauth2/token")
		.build();

	private final RedisTokenCodec codec = new RedisTokenCodec("egain-auth:",
			List.of(TestRedisStores.key(TestRedisStores.KEY)));

	private final String key = this.codec.tokenKey(this.registration, "username:pa");

	@Test
	void decodeWhenEncodedThenEveryFieldIsKept() {
		Instant issuedAt = Instant.parse("2026-11-28T10:00:00Z");
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-token",
				issuedAt, issuedAt.plus(Duration.ofHours(1)), Set.of("knowledge.portalmgr.read", "core.read"));
		OAuth2RefreshToken refreshToken = new OAuth2RefreshToken("refresh-token", issuedAt, null);
		OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(this.registration, "username:pa", accessToken,
				refreshToken);
		OAuth2AuthorizedClient decoded = this.codec.decode(this.key, this.codec.encode(this.key, client, "username:pa"),
				this.registration, "username:pa");
		assertThat(decoded).isNotNull();
		assertThat(decoded.getPrincipalName()).isEqualTo("username:pa");
		assertThat(decoded.getClientRegistration()).isSameAs(this.registration);
		assertThat(decoded.getAccessToken().getTokenValue()).isEqualTo("access-token");
		assertThat(decoded.getAccessToken().getIssuedAt()).isEqualTo(issuedAt);
		assertThat(decoded.getAccessToken().getExpiresAt()).isEqualTo(issuedAt.plus(Duration.ofHours(1)));
		assertThat(decoded.getAccessToken().getScopes()).containsExactlyInAnyOrder("knowledge.portalmgr.read",
				"core.read");
		assertThat(decoded.getRefreshToken().getTokenValue()).isEqualTo("refresh-token");
		assertThat(decoded.getRefreshToken().getExpiresAt()).isNull();
	}

	@Test
	void encodeWhenSameTokenTwiceThenValuesDiffer() {
		OAuth2AuthorizedClient client = client("access-token");
		assertThat(this.codec.encode(this.key, client, "username:pa"))
			.isNotEqualTo(this.codec.encode(this.key, client, "username:pa"));
	}

	@Test
	void decodeWhenReadUnderAnotherKeyThenNull() {
		String otherKey = this.codec.tokenKey(this.registration, "username:other");
		String value = this.codec.encode(this.key, client("access-token"), "username:pa");
		assertThat(this.codec.decode(otherKey, value, this.registration, "username:other")).isNull();
	}

	@Test
	void decodeWhenStoredForAnotherPrincipalThenNull() {
		String value = this.codec.encode(this.key, client("access-token"), "username:pa");
		assertThat(this.codec.decode(this.key, value, this.registration, "username:other")).isNull();
	}

	@Test
	void decodeWhenAnyByteIsChangedThenNull() {
		byte[] value = Base64.getDecoder().decode(this.codec.encode(this.key, client("access-token"), "username:pa"));
		for (int i = 0; i < value.length; i++) {
			byte[] tampered = value.clone();
			tampered[i] ^= 1;
			assertThat(this.codec.decode(this.key, Base64.getEncoder().encodeToString(tampered), this.registration,
					"username:pa"))
				.as("byte %d changed", i)
				.isNull();
		}
	}

	@Test
	void decodeWhenValueIsNotOneOfOursThenNull() {
		assertThat(this.codec.decode(this.key, "not base64!", this.registration, "username:pa")).isNull();
		assertThat(this.codec.decode(this.key, "AQID", this.registration, "username:pa")).isNull();
		assertThat(this.codec.decode(this.key, "", this.registration, "username:pa")).isNull();
	}

	@Test
	void decodeWhenKeysRotateThenTheOldKeyStillDecryptsAndTheNewKeyEncrypts() {
		String old = this.codec.encode(this.key, client("old"), "username:pa");
		RedisTokenCodec rotated = new RedisTokenCodec("egain-auth:",
				List.of(TestRedisStores.key(TestRedisStores.OTHER_KEY), TestRedisStores.key(TestRedisStores.KEY)));
		assertThat(rotated.decode(this.key, old, this.registration, "username:pa").getAccessToken().getTokenValue())
			.isEqualTo("old");
		String fresh = rotated.encode(this.key, client("new"), "username:pa");
		assertThat(this.codec.decode(this.key, fresh, this.registration, "username:pa")).isNull();
		RedisTokenCodec newKeyOnly = new RedisTokenCodec("egain-auth:",
				List.of(TestRedisStores.key(TestRedisStores.OTHER_KEY)));
		assertThat(newKeyOnly.decode(this.key, fresh, this.registration, "username:pa")).isNotNull();
	}

	@Test
	void tokenKeyWhenClientSettingsDifferThenKeysDiffer() {
		ClientRegistration otherClientId = ClientRegistration.withClientRegistration(this.registration)
			.clientId("other")
			.build();
		ClientRegistration otherScopes = ClientRegistration.withClientRegistration(this.registration)
			.scope("core.read")
			.build();
		ClientRegistration otherTokenUri = ClientRegistration.withClientRegistration(this.registration)
			.tokenUri("https://ai.egain.cloud/system/auth/OTHER/oauth2/token")
			.build();
		ClientRegistration reorderedScopes = ClientRegistration.withClientRegistration(this.registration)
			.scope("core.read", "knowledge.portalmgr.read")
			.build();
		assertThat(this.codec.tokenKey(otherClientId, "username:pa")).isNotEqualTo(this.key);
		assertThat(this.codec.tokenKey(otherScopes, "username:pa")).isNotEqualTo(this.key);
		assertThat(this.codec.tokenKey(otherTokenUri, "username:pa")).isNotEqualTo(this.key);
		assertThat(this.codec.tokenKey(reorderedScopes, "username:pa")).isEqualTo(this.key);
		assertThat(this.key).matches("egain-auth:token:agent:[A-Za-z0-9_-]{43}");
		assertThat(this.codec.lockKey(this.registration, "username:pa"))
			.isEqualTo(this.key.replace("egain-auth:token:", "egain-auth:lock:"));
	}

	@Test
	void constructWhenKeyIsNot32BytesThenFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisTokenCodec("p:", List.of(new byte[16])));
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisTokenCodec("p:", List.of()));
	}

	private OAuth2AuthorizedClient client(String token) {
		Instant now = Instant.now();
		return new OAuth2AuthorizedClient(this.registration, "username:pa", new OAuth2AccessToken(
				OAuth2AccessToken.TokenType.BEARER, token, now, now.plusSeconds(3600), Set.of("core.read")));
	}

}
