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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.EgainTokenStatistics;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.TestEgainClock;
import io.github.egainauth.client.TestEgainConcurrentCallers;
import io.github.egainauth.client.TestEgainTokenEndpoint;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisOAuth2AuthorizedClientService} with the
 * {@link EgainAuthorizedClientManager}: several managers, each with its own Redis
 * connection and local cache as separate instances of an application would have, share
 * one real {@code redis-server} and one token endpoint.
 *
 * @author egain-auth authors
 */
class RedisOAuth2AuthorizedClientServiceTests {

	private static LocalRedisServer server;

	private TestRedisStores stores;

	private TestEgainTokenEndpoint tokenEndpoint;

	private ClientRegistration registration;

	@BeforeAll
	static void startRedis() {
		server = LocalRedisServer.startOnFreePort();
	}

	@AfterAll
	static void stopRedis() {
		server.close();
	}

	@BeforeEach
	void setUp() throws Exception {
		if (server.command("PING") == null) {
			server.start();
		}
		this.stores = new TestRedisStores(server);
		this.stores.flush();
		this.tokenEndpoint = TestEgainTokenEndpoint.start();
		this.registration = this.tokenEndpoint.registration("agent", EgainFlow.ON_BEHALF_OF_USER);
	}

	@AfterEach
	void tearDown() {
		this.tokenEndpoint.close();
		this.stores.close();
	}

	@Test
	void authorizeWhenCallersOfManyInstancesNeedTheSameTokenThenOneTokenRequestBetweenThem() throws Exception {
		List<EgainAuthorizedClientManager> instances = List.of(instance(), instance(), instance(), instance());
		CountDownLatch arrived = this.tokenEndpoint.holdAnswersUntilArrived(64);
		List<String> tokens = TestEgainConcurrentCallers.call(64, arrived,
				(caller) -> token(instances.get(caller % 4), "u1"));
		assertThat(tokens).hasSize(64).containsOnly(tokens.get(0));
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		List<EgainTokenStatistics> statistics = instances.stream()
			.map(EgainAuthorizedClientManager::getStatistics)
			.toList();
		assertThat(statistics).extracting(EgainTokenStatistics::tokenRequests).containsOnly(0L, 1L).contains(1L);
		assertThat(statistics.stream().mapToLong(EgainTokenStatistics::tokenRequests).sum()).isOne();
		assertThat(statistics.stream()
			.mapToLong((counts) -> counts.cacheHits() + counts.waits() + counts.tokenRequests())
			.sum()).isEqualTo(64);
	}

	@Test
	void authorizeWhenAnotherInstanceStoredTheTokenThenUsesItWithoutTokenRequest() {
		String token = token(instance(), "u1");
		EgainAuthorizedClientManager second = instance();
		assertThat(token(second, "u1")).isEqualTo(token);
		assertThat(token(instance(), "u1")).isEqualTo(token);
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(second.getStatistics().tokenRequests()).isZero();
		assertThat(second.getStatistics().cacheHits()).isOne();
	}

	@Test
	void authorizeWhenSubjectsDifferThenEachHasItsOwnToken() {
		EgainAuthorizedClientManager first = instance();
		EgainAuthorizedClientManager second = instance();
		String u1 = token(first, "u1");
		String u2 = token(second, "u2");
		assertThat(u1).isNotEqualTo(u2);
		assertThat(token(second, "u1")).isEqualTo(u1);
		assertThat(token(first, "u2")).isEqualTo(u2);
		assertThat(this.tokenEndpoint.requestCount("username:u1")).isOne();
		assertThat(this.tokenEndpoint.requestCount("username:u2")).isOne();
	}

	@Test
	void tokenInRedisIsEncryptedAndItsKeyNamesNoSubject() {
		OAuth2AuthorizedClient client = instance()
			.authorize(request("agent", EgainSubject.username("alice@example.com")));
		Set<String> keys = this.stores.keys();
		assertThat(keys).hasSize(1);
		String key = keys.iterator().next();
		assertThat(key).startsWith("egain-auth:token:agent:").doesNotContain("alice").doesNotContain("example");
		String value = this.stores.redis().opsForValue().get(key);
		String token = client.getAccessToken().getTokenValue();
		assertThat(value).doesNotContain(token).doesNotContain("alice");
		String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.ISO_8859_1);
		assertThat(decoded).doesNotContain(token).doesNotContain("alice").doesNotContain("username");
	}

	@Test
	void tokenInRedisExpiresWithTheToken() {
		this.tokenEndpoint.expiresIn(120);
		instance().authorize(request("agent", EgainSubject.username("u1")));
		StringRedisTemplate redis = this.stores.redis();
		String key = this.stores.keys().iterator().next();
		Long timeToLive = redis.getExpire(key, java.util.concurrent.TimeUnit.MILLISECONDS);
		assertThat(timeToLive).isPositive().isLessThanOrEqualTo(120_000);
	}

	@Test
	void authorizeWhenAnotherSubjectsValueIsCopiedUnderASubjectsKeyThenItIsNotServed() {
		EgainAuthorizedClientManager instance = instance();
		String victim = token(instance, "victim");
		token(instance, "attacker");
		StringRedisTemplate redis = this.stores.redis();
		String victimKey = keyOf(instance, "victim");
		String attackerKey = keyOf(instance, "attacker");
		// Someone with write access to Redis puts the victim's value under the
		// attacker's key.
		redis.opsForValue().set(attackerKey, redis.opsForValue().get(victimKey), Duration.ofMinutes(5));
		String served = token(instance(), "attacker");
		assertThat(served).isNotEqualTo(victim);
		assertThat(this.tokenEndpoint.requestCount("username:attacker")).isEqualTo(2);
	}

	@Test
	void authorizeWhenAnotherApplicationHasAClientOfTheSameNameThenTokensAreNotShared() {
		String ours = token(instance(), "u1");
		EgainClientRegistrationRepository otherRegistrations = TestRedisStores
			.registrations(TestRedisStores.withClientId(this.registration, "other-client-id"));
		EgainAuthorizedClientManager other = instance(otherRegistrations, List.of(TestRedisStores.KEY));
		assertThat(token(other, "u1")).isNotEqualTo(ours);
		assertThat(this.tokenEndpoint.requestCount("username:u1")).isEqualTo(2);
	}

	@Test
	void authorizeWhenKeysRotateThenTokensWrittenWithTheOldKeyAreRead() {
		String old = token(instance(List.of(TestRedisStores.KEY)), "u1");
		EgainAuthorizedClientManager rotated = instance(List.of(TestRedisStores.OTHER_KEY, TestRedisStores.KEY));
		assertThat(token(rotated, "u1")).isEqualTo(old);
		// New writes use the first key: an instance without it cannot read them.
		String fresh = token(rotated, "u2");
		EgainAuthorizedClientManager withOldKeyOnly = instance(List.of(TestRedisStores.KEY));
		assertThat(token(withOldKeyOnly, "u2")).isNotEqualTo(fresh);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(3);
	}

	@Test
	void authorizeWhenKeyIsUnknownThenTokensAreNotRead() {
		String token = token(instance(List.of(TestRedisStores.KEY)), "u1");
		assertThat(token(instance(List.of(TestRedisStores.OTHER_KEY)), "u1")).isNotEqualTo(token);
	}

	@Test
	void evictWhenTokenIsRejectedThenItLeavesRedis() {
		EgainAuthorizedClientManager instance = instance();
		OAuth2AuthorizedClient client = instance.authorize(request("agent", EgainSubject.username("u1")));
		instance.evict(client);
		assertThat(this.stores.keys()).isEmpty();
		assertThat(token(instance(), "u1")).isNotEqualTo(client.getAccessToken().getTokenValue());
	}

	@Test
	void evictWhenAnotherInstanceStoredANewerTokenThenTheNewerTokenStays() {
		EgainAuthorizedClientManager first = instance();
		EgainAuthorizedClientManager second = instance();
		OAuth2AuthorizedClient rejected = first.authorize(request("agent", EgainSubject.username("u1")));
		second.evict(second.authorize(request("agent", EgainSubject.username("u1"))));
		String newer = token(second, "u1");
		first.evict(rejected);
		assertThat(token(instance(), "u1")).isEqualTo(newer);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void authorizeWhenRedisIsDownThenCallsSucceedAndSharingResumesWhenItIsBack() {
		EgainAuthorizedClientManager first = instance();
		String u1 = token(first, "u1");
		server.stop();
		// Served from the local cache, or requested by each instance itself.
		assertThat(token(first, "u1")).isEqualTo(u1);
		String u2 = token(first, "u2");
		assertThat(u2).isNotEqualTo(u1);
		EgainAuthorizedClientManager second = instance();
		assertThat(token(second, "u1")).isNotEqualTo(u1);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(3);
		server.start();
		String u3 = token(first, "u3");
		assertThat(token(second, "u3")).isEqualTo(u3);
		assertThat(this.tokenEndpoint.requestCount("username:u3")).isOne();
	}

	@Test
	void authorizeWhenAnotherInstanceRenewedAheadThenTakesItsTokenWithoutTokenRequest() {
		TestEgainClock clock = new TestEgainClock();
		EgainAuthorizedClientManager first = instance(clock);
		EgainAuthorizedClientManager second = instance(clock);
		String initial = token(first, "u1");
		assertThat(token(second, "u1")).isEqualTo(initial);
		clock.advance(Duration.ofSeconds(3200));
		// Renewed ahead, in the calling thread here: the caller still gets the current
		// token.
		assertThat(token(first, "u1")).isEqualTo(initial);
		assertThat(token(second, "u1")).isEqualTo(initial);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
		assertThat(token(second, "u1")).isEqualTo(token(first, "u1")).isNotEqualTo(initial);
	}

	private String keyOf(EgainAuthorizedClientManager instance, String username) {
		return new RedisTokenCodec("egain-auth:", List.of(TestRedisStores.key(TestRedisStores.KEY)))
			.tokenKey(this.registration, EgainSubject.username(username).toString());
	}

	private EgainAuthorizedClientManager instance() {
		return instance(TestRedisStores.registrations(this.registration), List.of(TestRedisStores.KEY));
	}

	private EgainAuthorizedClientManager instance(List<String> keys) {
		return instance(TestRedisStores.registrations(this.registration), keys);
	}

	private EgainAuthorizedClientManager instance(TestEgainClock clock) {
		EgainAuthorizedClientManager manager = instance();
		EgainTokenExpiry tokenExpiry = new EgainTokenExpiry(clock, Duration.ofSeconds(60));
		OnBehalfOfOAuth2AuthorizedClientProvider provider = new OnBehalfOfOAuth2AuthorizedClientProvider();
		provider.setTokenExpiry(tokenExpiry);
		manager.setAuthorizedClientProvider(provider);
		manager.setTokenExpiry(tokenExpiry);
		return manager;
	}

	private EgainAuthorizedClientManager instance(EgainClientRegistrationRepository registrations, List<String> keys) {
		RedisOAuth2AuthorizedClientService store = new RedisOAuth2AuthorizedClientService(
				this.stores.connectionFactory(), registrations::findByRegistrationId,
				keys.stream().map(TestRedisStores::key).toList());
		store.setRetryInterval(Duration.ZERO);
		return new EgainAuthorizedClientManager(registrations::findByRegistrationId, store);
	}

	private static String token(EgainAuthorizedClientManager instance, String username) {
		return instance.authorize(request("agent", EgainSubject.username(username))).getAccessToken().getTokenValue();
	}

}
