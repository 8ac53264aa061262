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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.TestEgainLogs;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.TestEgainClock;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
 * Tests for {@link RedisOAuth2AuthorizedClientService} used directly, as any
 * {@code OAuth2AuthorizedClientService}, against a real {@code redis-server}: what
 * reaches Redis, what the local cache keeps, the lock, and how an outage is entered and
 * left.
 *
 * @author egain-auth authors
 */
class RedisOAuth2AuthorizedClientServiceStoreTests {

	private static final String NAME = "username:pa";

	private static LocalRedisServer server;

	@RegisterExtension
	final TestEgainLogs logs = new TestEgainLogs();

	private final ClientRegistration registration = EgainClientRegistrations
		.withRegistrationId("agent", EgainFlow.ON_BEHALF_OF_USER)
		.clientId("client-id")
		.clientSecret("secret")
		.scope("knowledge.portalmgr.read")
		.tokenUri("http://localhost/token")
		.build();

	private final EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(
			List.of(this.registration));

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
		store().saveAuthorizedClient(client("token-1", 3600), principal());
		RedisOAuth2AuthorizedClientService other = store();
		OAuth2AuthorizedClient loaded = other.loadAuthorizedClient("agent", NAME);
		assertThat(loaded.getAccessToken().getTokenValue()).isEqualTo("token-1");
		assertThat(loaded.getPrincipalName()).isEqualTo(NAME);
		this.stores.flush();
		OAuth2AuthorizedClient local = other.loadAuthorizedClient("agent", NAME);
		assertThat(local.getAccessToken().getTokenValue()).isEqualTo("token-1");
		assertThat(other.getLocalCache().<OAuth2AuthorizedClient>loadAuthorizedClient("agent", NAME)).isNotNull();
	}

	@Test
	void loadWhenClientIsUnknownOrNothingStoredThenNull() {
		store().saveAuthorizedClient(client("token-1", 3600), principal());
		RedisOAuth2AuthorizedClientService other = store();
		assertThat(other.<OAuth2AuthorizedClient>loadAuthorizedClient("unknown", NAME)).isNull();
		assertThat(other.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:other")).isNull();
		assertThat(other.isAvailable()).isTrue();
	}

	@Test
	void saveWhenTokenHasExpiredOrHasNoExpiryThenKeptLocallyOnly() {
		RedisOAuth2AuthorizedClientService store = store();
		store.setClock(this.clock);
		OAuth2AuthorizedClient expiringNow = client("token-1", Instant.now());
		this.clock.set(expiringNow.getAccessToken().getExpiresAt());
		store.saveAuthorizedClient(expiringNow, principal());
		OAuth2AuthorizedClient noExpiry = new OAuth2AuthorizedClient(this.registration, "username:other",
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token-2", null, null));
		store.saveAuthorizedClient(noExpiry, principal("username:other"));
		assertThat(this.stores.keys()).isEmpty();
		assertThat(store.getLocalCache().<OAuth2AuthorizedClient>loadAuthorizedClient("agent", NAME)).isNotNull();
		this.clock.set(expiringNow.getAccessToken().getExpiresAt().minusSeconds(60));
		store.saveAuthorizedClient(expiringNow, principal());
		assertThat(this.stores.keys()).hasSize(1);
	}

	@Test
	void removeThenGoneFromRedisAndLocalCache() {
		RedisOAuth2AuthorizedClientService store = store();
		store.saveAuthorizedClient(client("token-1", 3600), principal());
		store.removeAuthorizedClient("agent", NAME);
		assertThat(this.stores.keys()).isEmpty();
		assertThat(store.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", NAME)).isNull();
		store.removeAuthorizedClient("unknown", NAME);
		assertThat(store.isAvailable()).isTrue();
	}

	@Test
	void removeRejectedWhenValueIsUnreadableThenRemoved() {
		RedisOAuth2AuthorizedClientService store = store();
		OAuth2AuthorizedClient rejected = client("token-1", 3600);
		store.saveAuthorizedClient(rejected, principal());
		String key = this.stores.keys().iterator().next();
		this.redis.opsForValue().set(key, "garbage");
		store.removeAuthorizedClient("agent", NAME, rejected);
		assertThat(this.stores.keys()).isEmpty();
		assertThat(store.getLocalCache().<OAuth2AuthorizedClient>loadAuthorizedClient("agent", NAME)).isNull();
	}

	@Test
	void obtainWhenAnotherInstanceStoredAnAcceptableTokenThenTakesItWithoutRequest() {
		store().saveAuthorizedClient(client("token-1", 3600), principal());
		RedisOAuth2AuthorizedClientService other = store();
		AtomicBoolean requested = new AtomicBoolean();
		OAuth2AuthorizedClient obtained = other.obtain(this.registration, NAME, (candidate) -> true, () -> {
			requested.set(true);
			return null;
		});
		assertThat(obtained.getAccessToken().getTokenValue()).isEqualTo("token-1");
		assertThat(requested).isFalse();
		assertThat(other.getLocalCache().<OAuth2AuthorizedClient>loadAuthorizedClient("agent", NAME)).isNotNull();
		assertThat(this.stores.keys()).noneMatch((key) -> key.contains(":lock:"));
	}

	@Test
	void obtainWhenNoAcceptableTokenThenRequestsUnderTheLockAndReleasesIt() {
		RedisOAuth2AuthorizedClientService store = store();
		store.saveAuthorizedClient(client("token-1", 3600), principal());
		Set<String> keysWhileRequesting = new HashSet<>();
		OAuth2AuthorizedClient obtained = store.obtain(this.registration, NAME, (candidate) -> false, () -> {
			keysWhileRequesting.addAll(this.stores.keys());
			OAuth2AuthorizedClient fresh = client("token-2", 3600);
			store.saveAuthorizedClient(fresh, principal());
			return fresh;
		});
		assertThat(obtained.getAccessToken().getTokenValue()).isEqualTo("token-2");
		assertThat(keysWhileRequesting).anyMatch((key) -> key.startsWith("egain-auth:lock:agent:"));
		assertThat(this.stores.keys()).singleElement().asString().startsWith("egain-auth:token:agent:");
	}

	@Test
	void obtainWhenTokenStoredJustBeforeTheLockWasTakenThenTakesItAndReleasesTheLock() {
		store().saveAuthorizedClient(client("token-1", 3600), principal());
		RedisOAuth2AuthorizedClientService store = store();
		AtomicInteger looks = new AtomicInteger();
		AtomicBoolean requested = new AtomicBoolean();
		// Not acceptable at the first look, acceptable at the look after locking: as if
		// the lock's previous holder stored it in between.
		OAuth2AuthorizedClient obtained = store.obtain(this.registration, NAME,
				(candidate) -> looks.incrementAndGet() > 1, () -> {
					requested.set(true);
					return null;
				});
		assertThat(obtained.getAccessToken().getTokenValue()).isEqualTo("token-1");
		assertThat(requested).isFalse();
		assertThat(this.stores.keys()).singleElement().asString().startsWith("egain-auth:token:");
	}

	@Test
	void obtainWhenLockIsHeldAndItsHolderStoresNothingThenRequestsAfterTheLockTimeout() {
		RedisOAuth2AuthorizedClientService store = store();
		store.setLockTimeout(Duration.ofMillis(300));
		String lockKey = new RedisTokenCodec("egain-auth:", List.of(TestRedisStores.key(TestRedisStores.KEY)))
			.lockKey(this.registration, NAME);
		this.redis.opsForValue().set(lockKey, "another-instance", Duration.ofMinutes(1));
		OAuth2AuthorizedClient obtained = store.obtain(this.registration, NAME, (candidate) -> true,
				() -> client("token-2", 3600));
		assertThat(obtained.getAccessToken().getTokenValue()).isEqualTo("token-2");
		// Another instance's lock is never released by this one.
		assertThat(this.redis.opsForValue().get(lockKey)).isEqualTo("another-instance");
	}

	@Test
	void callsWhenRedisIsDownThenEachFallsBackAndOneCallPerRetryIntervalTriesAgain() {
		RedisOAuth2AuthorizedClientService store = store();
		store.setClock(this.clock);
		store.setRetryInterval(Duration.ofHours(1));
		server.stop();
		assertThat(store.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", NAME)).isNull();
		assertThat(store.isAvailable()).isFalse();
		server.start();
		// Within the retry interval Redis is left alone: nothing is written there.
		OAuth2AuthorizedClient client = client("token-1", 3600);
		store.saveAuthorizedClient(client, principal());
		assertThat(
				store.obtain(this.registration, "username:other", (candidate) -> true, () -> client("token-2", 3600)))
			.extracting((obtained) -> obtained.getAccessToken().getTokenValue())
			.isEqualTo("token-2");
		store.removeAuthorizedClient("agent", NAME, client);
		store.saveAuthorizedClient(client, principal());
		assertThat(this.stores.keys()).isEmpty();
		assertThat(store.isAvailable()).isFalse();
		// Past it, one call tries Redis again, and sharing resumes.
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			this.clock.advance(Duration.ofHours(1));
			store.saveAuthorizedClient(client, principal());
			return store.isAvailable();
		});
		assertThat(this.stores.keys()).hasSize(1);
		assertThat(this.logs.lines()).filteredOn((line) -> line.contains("The Redis token store is unavailable"))
			.hasSize(1);
		assertThat(this.logs.lines()).filteredOn((line) -> line.contains("The Redis token store is available again"))
			.hasSize(1);
	}

	@Test
	void settersWhenValuesAreInvalidThenRefused() {
		RedisOAuth2AuthorizedClientService store = store();
		assertThatIllegalArgumentException().isThrownBy(() -> store.setLockTimeout(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> store.setLockTimeout(null));
		assertThatIllegalArgumentException().isThrownBy(() -> store.setRetryInterval(Duration.ofMillis(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> store.setLocalCache(null));
		assertThatIllegalArgumentException().isThrownBy(() -> store.setKeyPrefix(null));
		assertThatIllegalArgumentException().isThrownBy(() -> store.setClock(null));
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisOAuth2AuthorizedClientService(null,
				this.registrations::findByRegistrationId, List.of(TestRedisStores.key(TestRedisStores.KEY))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisOAuth2AuthorizedClientService(this.stores.connectionFactory(), null,
					List.of(TestRedisStores.key(TestRedisStores.KEY))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisOAuth2AuthorizedClientService(this.stores.connectionFactory(),
					this.registrations::findByRegistrationId, null));
	}

	@Test
	void saveWhenKeyPrefixAndLocalCacheAreSetThenUsed() {
		RedisOAuth2AuthorizedClientService store = store();
		CaffeineOAuth2AuthorizedClientService localCache = new CaffeineOAuth2AuthorizedClientService(5);
		store.setLocalCache(localCache);
		store.setKeyPrefix("tenant-b:");
		store.saveAuthorizedClient(client("token-1", 3600), principal());
		assertThat(store.getLocalCache()).isSameAs(localCache);
		assertThat(localCache.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", NAME)).isNotNull();
		assertThat(this.stores.keys()).singleElement().asString().startsWith("tenant-b:token:agent:");
	}

	private RedisOAuth2AuthorizedClientService store() {
		return new RedisOAuth2AuthorizedClientService(this.stores.connectionFactory(),
				this.registrations::findByRegistrationId, List.of(TestRedisStores.key(TestRedisStores.KEY)));
	}

	private OAuth2AuthorizedClient client(String token, long expiresIn) {
		return client(token, Instant.now().plusSeconds(expiresIn));
	}

	private OAuth2AuthorizedClient client(String token, Instant expiresAt) {
		return new OAuth2AuthorizedClient(this.registration, NAME, new OAuth2AccessToken(
				OAuth2AccessToken.TokenType.BEARER, token, expiresAt.minusSeconds(3600), expiresAt));
	}

	private static Authentication principal() {
		return principal(NAME);
	}

	private static Authentication principal(String name) {
		return UsernamePasswordAuthenticationToken.authenticated(name, null, List.of());
	}

}
