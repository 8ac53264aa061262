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
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.TestEgainAuthorizedClientManagers;
import io.github.egainauth.client.TestEgainConcurrentCallers;
import io.github.egainauth.client.TestEgainTokenEndpoint;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisReactiveOAuth2AuthorizedClientService} with the
 * {@link EgainReactiveAuthorizedClientManager}: several managers, each with its own Redis
 * connection and local cache, share one real {@code redis-server} and one token endpoint.
 *
 * @author egain-auth authors
 */
class RedisReactiveOAuth2AuthorizedClientServiceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
	void authorizeWhenSubscribersOfManyInstancesNeedTheSameTokenThenOneTokenRequestBetweenThem() {
		List<EgainReactiveAuthorizedClientManager> instances = List.of(instance(), instance(), instance(), instance());
		CountDownLatch arrived = this.tokenEndpoint.holdAnswersUntilArrived(64);
		List<Signal<String>> outcomes = TestEgainConcurrentCallers.subscribe(64, arrived,
				(caller) -> token(instances.get(caller % 4), "u1"));
		List<String> tokens = outcomes.stream().map(Signal::get).toList();
		assertThat(tokens).hasSize(64).doesNotContainNull().containsOnly(tokens.get(0));
		assertThat(this.tokenEndpoint.requestCount()).isOne();
	}

	@Test
	void authorizeWhenAnotherInstanceStoredTheTokenThenUsesItWithoutTokenRequest() {
		String token = token(instance(), "u1").block(TIMEOUT);
		EgainReactiveAuthorizedClientManager second = instance();
		assertThat(token(second, "u1").block(TIMEOUT)).isEqualTo(token);
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(second.getStatistics().tokenRequests()).isZero();
		assertThat(second.getStatistics().cacheHits()).isOne();
		assertThat(this.stores.keys()).singleElement().asString().startsWith("egain-auth:token:agent:");
	}

	@Test
	void authorizeWhenAnotherSubjectsValueIsCopiedUnderASubjectsKeyThenItIsNotServed() {
		EgainReactiveAuthorizedClientManager instance = instance();
		String victim = token(instance, "victim").block(TIMEOUT);
		token(instance, "attacker").block(TIMEOUT);
		RedisTokenCodec codec = new RedisTokenCodec("egain-auth:", List.of(TestRedisStores.key(TestRedisStores.KEY)));
		String victimKey = codec.tokenKey(this.registration, "username:victim");
		String attackerKey = codec.tokenKey(this.registration, "username:attacker");
		this.stores.redis()
			.opsForValue()
			.set(attackerKey, this.stores.redis().opsForValue().get(victimKey), Duration.ofMinutes(5));
		assertThat(token(instance(), "attacker").block(TIMEOUT)).isNotEqualTo(victim);
		assertThat(this.tokenEndpoint.requestCount("username:attacker")).isEqualTo(2);
	}

	@Test
	void evictWhenTokenIsRejectedThenItLeavesRedisUnlessReplaced() {
		EgainReactiveAuthorizedClientManager first = instance();
		EgainReactiveAuthorizedClientManager second = instance();
		OAuth2AuthorizedClient rejected = first.authorize(request("agent", EgainSubject.username("u1"))).block(TIMEOUT);
		second.evict(rejected).block(TIMEOUT);
		assertThat(this.stores.keys()).isEmpty();
		String newer = token(second, "u1").block(TIMEOUT);
		first.evict(rejected).block(TIMEOUT);
		assertThat(token(instance(), "u1").block(TIMEOUT)).isEqualTo(newer);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void authorizeWhenRedisIsDownThenCallsSucceedAndSharingResumesWhenItIsBack() {
		EgainReactiveAuthorizedClientManager first = instance();
		String u1 = token(first, "u1").block(TIMEOUT);
		server.stop();
		assertThat(token(first, "u1").block(TIMEOUT)).isEqualTo(u1);
		assertThat(token(first, "u2").block(TIMEOUT)).isNotEqualTo(u1);
		EgainReactiveAuthorizedClientManager second = instance();
		assertThat(token(second, "u1").block(TIMEOUT)).isNotEqualTo(u1);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(3);
		server.start();
		String u3 = token(first, "u3").block(TIMEOUT);
		assertThat(token(second, "u3").block(TIMEOUT)).isEqualTo(u3);
		assertThat(this.tokenEndpoint.requestCount("username:u3")).isOne();
	}

	private EgainReactiveAuthorizedClientManager instance() {
		EgainClientRegistrationRepository registrations = TestRedisStores.registrations(this.registration);
		RedisReactiveOAuth2AuthorizedClientService store = new RedisReactiveOAuth2AuthorizedClientService(
				this.stores.connectionFactory(), (id) -> Mono.fromFuture(registrations.findByRegistrationIdAsync(id)),
				List.of(TestRedisStores.key(TestRedisStores.KEY)));
		store.setRetryInterval(Duration.ZERO);
		return TestEgainAuthorizedClientManagers.reactiveManager(registrations, store, (tokenClient) -> {
		});
	}

	private static Mono<String> token(EgainReactiveAuthorizedClientManager instance, String username) {
		return instance.authorize(request("agent", EgainSubject.username(username)))
			.map((client) -> client.getAccessToken().getTokenValue());
	}

}
