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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.TestEgainClock;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisReactiveOAuth2AuthorizedClientService} used directly, as any
 * {@code ReactiveOAuth2AuthorizedClientService}, against a real {@code redis-server}.
 *
 * @author egain-auth authors
 */
class RedisReactiveOAuth2AuthorizedClientServiceStoreTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String NAME = "username:pa";

	private static LocalRedisServer server;

	private final ClientRegistration registration = EgainClientRegistrations
		.withRegistrationId("agent", EgainFlow.ON_BEHALF_OF_USER)
		.clientId("client-id")
		.clientSecret("secret")
		.scope("knowledge.portalmgr.read")
		.tokenUri("http://localhost/token")
		.build();

	private final TestEgainClock clock = new TestEgainClock();

	private TestRedisStores stores;

	private StringRedisTemplate redis;

	@BeforeAll
	static void startRedis() {
		server = LocalRedisServer.startOnFreePort();
	}

	@AfterAll
	static void stopRedis() {
		server.close();
	}

	@BeforeEach
	void setUp() {
		if (server.command("PING") == null) {
			server.start();
		}
		this.stores = new TestRedisStores(server);
		this.stores.flush();
		this.redis = this.stores.redis();
	}

	@AfterEach
	void tearDown() {
		this.stores.close();
	}

	@Test
	void loadWhenAnotherInstanceSavedThenReadFromRedisAndKeptLocally() {
		store().saveAuthorizedClient(client("token-1", 3600), principal()).block(TIMEOUT);
		RedisReactiveOAuth2AuthorizedClientService other = store();
		assertThat(token(other.loadAuthorizedClient("agent", NAME))).isEqualTo("token-1");
		this.stores.flush();
		assertThat(token(other.loadAuthorizedClient("agent", NAME))).isEqualTo("token-1");
		assertThat(other.<OAuth2AuthorizedClient>loadAuthorizedClient("unknown", NAME).block(TIMEOUT)).isNull();
		assertThat(other.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:other").block(TIMEOUT))
			.isNull();
		assertThat(other.isAvailable()).isTrue();
	}

	@Test
	void saveWhenTokenHasExpiredThenKeptLocallyOnly() {
		RedisReactiveOAuth2AuthorizedClientService store = store();
		store.setClock(this.clock);
		OAuth2AuthorizedClient expiringNow = client("token-1", 0);
		this.clock.set(expiringNow.getAccessToken().getExpiresAt());
		store.saveAuthorizedClient(expiringNow, principal()).block(TIMEOUT);
		assertThat(this.stores.keys()).isEmpty();
		assertThat(store.getLocalCache().<OAuth2AuthorizedClient>loadAuthorizedClient("agent", NAME)).isNotNull();
		this.clock.set(expiringNow.getAccessToken().getExpiresAt().minusSeconds(60));
		store.saveAuthorizedClient(expiringNow, principal()).block(TIMEOUT);
		assertThat(this.stores.keys()).hasSize(1);
	}

	@Test
	void removeThenGoneFromRedisAndLocalCache() {
		RedisReactiveOAuth2AuthorizedClientService store = store();
		store.saveAuthorizedClient(client("token-1", 3600), principal()).block(TIMEOUT);
		store.removeAuthorizedClient("agent", NAME).block(TIMEOUT);
		assertThat(this.stores.keys()).isEmpty();
		assertThat(store.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", NAME).block(TIMEOUT)).isNull();
	}

	@Test
	void removeRejectedWhenValueIsUnreadableThenRemovedAndWhenNewerThenKept() {
		RedisReactiveOAuth2AuthorizedClientService store = store();
		OAuth2AuthorizedClient rejected = client("token-1", 3600);
		store.saveAuthorizedClient(rejected, principal()).block(TIMEOUT);
		String key = this.stores.keys().iterator().next();
		this.redis.opsForValue().set(key, "garbage");
		store.removeAuthorizedClient("agent", NAME, rejected).block(TIMEOUT);
		assertThat(this.stores.keys()).isEmpty();
		assertThat(store.getLocalCache().<OAuth2AuthorizedClient>loadAuthorizedClient("agent", NAME)).isNull();
		store().saveAuthorizedClient(client("token-2", 3600), principal()).block(TIMEOUT);
		store.removeAuthorizedClient("agent", NAME, rejected).block(TIMEOUT);
		assertThat(this.stores.keys()).hasSize(1);
	}

	@Test
	void obtainWhenAnotherInstanceStoredAnAcceptableTokenThenTakesItWithoutRequest() {
		store().saveAuthorizedClient(client("token-1", 3600), principal()).block(TIMEOUT);
		RedisReactiveOAuth2AuthorizedClientService other = store();
		AtomicBoolean requested = new AtomicBoolean();
		assertThat(token(other.obtain(this.registration, NAME, (candidate) -> true,
				Mono.fromRunnable(() -> requested.set(true)))))
			.isEqualTo("token-1");
		assertThat(requested).isFalse();
		assertThat(other.getLocalCache().<OAuth2AuthorizedClient>loadAuthorizedClient("agent", NAME)).isNotNull();
	}

	@Test
	void obtainWhenTokenStoredJustBeforeTheLockWasTakenThenTakesItAndReleasesTheLock() {
		store().saveAuthorizedClient(client("token-1", 3600), principal()).block(TIMEOUT);
		RedisReactiveOAuth2AuthorizedClientService store = store();
		AtomicInteger looks = new AtomicInteger();
		AtomicBoolean requested = new AtomicBoolean();
		assertThat(token(store.obtain(this.registration, NAME, (candidate) -> looks.incrementAndGet() > 1,
				Mono.fromRunnable(() -> requested.set(true)))))
			.isEqualTo("token-1");
		assertThat(requested).isFalse();
		assertThat(this.stores.keys()).singleElement().asString().startsWith("egain-auth:token:");
	}

	@Test
	void obtainWhenNoAcceptableTokenThenRequestsUnderTheLockAndReleasesIt() {
		RedisReactiveOAuth2AuthorizedClientService store = store();
		AtomicBoolean lockedWhileRequesting = new AtomicBoolean();
		Mono<OAuth2AuthorizedClient> request = Mono.fromSupplier(() -> {
			lockedWhileRequesting.set(this.stores.keys().stream().anyMatch((key) -> key.contains(":lock:")));
			return client("token-2", 3600);
		});
		assertThat(token(store.obtain(this.registration, NAME, (candidate) -> false, request))).isEqualTo("token-2");
		assertThat(lockedWhileRequesting).isTrue();
		assertThat(this.stores.keys()).isEmpty();
	}

	@Test
	void obtainWhenLockIsHeldAndItsHolderStoresNothingThenRequestsAfterTheLockTimeout() {
		RedisReactiveOAuth2AuthorizedClientService store = store();
		store.setLockTimeout(Duration.ofMillis(300));
		String lockKey = new RedisTokenCodec("egain-auth:", List.of(TestRedisStores.key(TestRedisStores.KEY)))
			.lockKey(this.registration, NAME);
		this.redis.opsForValue().set(lockKey, "another-instance", Duration.ofMinutes(1));
		assertThat(token(store.obtain(this.registration, NAME, (candidate) -> true,
				Mono.fromSupplier(() -> client("token-2", 3600)))))
			.isEqualTo("token-2");
		assertThat(this.redis.opsForValue().get(lockKey)).isEqualTo("another-instance");
	}

	@Test
	void callsWhenRedisIsDownThenEachFallsBackAndOneCallPerRetryIntervalTriesAgain() {
		RedisReactiveOAuth2AuthorizedClientService store = store();
		store.setClock(this.clock);
		store.setRetryInterval(Duration.ofHours(1));
		server.stop();
		assertThat(store.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", NAME).block(TIMEOUT)).isNull();
		assertThat(store.isAvailable()).isFalse();
		server.start();
		OAuth2AuthorizedClient client = client("token-1", 3600);
		store.saveAuthorizedClient(client, principal()).block(TIMEOUT);
		assertThat(token(store.obtain(this.registration, "username:other", (candidate) -> true,
				Mono.fromSupplier(() -> client("token-2", 3600)))))
			.isEqualTo("token-2");
		store.removeAuthorizedClient("agent", NAME).block(TIMEOUT);
		store.saveAuthorizedClient(client, principal()).block(TIMEOUT);
		assertThat(this.stores.keys()).isEmpty();
		assertThat(store.isAvailable()).isFalse();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			this.clock.advance(Duration.ofHours(1));
			store.saveAuthorizedClient(client, principal()).block(TIMEOUT);
			return store.isAvailable();
		});
		assertThat(this.stores.keys()).hasSize(1);
	}

	@Test
	void constructWhenArgumentsAreMissingThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisReactiveOAuth2AuthorizedClientService(null,
				(id) -> Mono.just(this.registration), List.of(TestRedisStores.key(TestRedisStores.KEY))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisReactiveOAuth2AuthorizedClientService(this.stores.connectionFactory(), null,
					List.of(TestRedisStores.key(TestRedisStores.KEY))));
	}

	private RedisReactiveOAuth2AuthorizedClientService store() {
		return new RedisReactiveOAuth2AuthorizedClientService(this.stores.connectionFactory(),
				(id) -> Mono.justOrEmpty("agent".equals(id) ? this.registration : null),
				List.of(TestRedisStores.key(TestRedisStores.KEY)));
	}

	private static String token(Mono<OAuth2AuthorizedClient> client) {
		OAuth2AuthorizedClient authorizedClient = client.block(TIMEOUT);
		assertThat(authorizedClient).isNotNull();
		return authorizedClient.getAccessToken().getTokenValue();
	}

	private OAuth2AuthorizedClient client(String token, long expiresIn) {
		Instant expiresAt = Instant.now().plusSeconds(expiresIn);
		return new OAuth2AuthorizedClient(this.registration, NAME, new OAuth2AccessToken(
				OAuth2AccessToken.TokenType.BEARER, token, expiresAt.minusSeconds(3600), expiresAt));
	}

	private static Authentication principal() {
		return UsernamePasswordAuthenticationToken.authenticated(NAME, null, List.of());
	}

}
