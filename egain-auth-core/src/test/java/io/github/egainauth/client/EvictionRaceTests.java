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

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races the eviction of a rejected token against the storing of its successor: however
 * the two interleave, the successor survives. Each round starts both at a barrier; a
 * check-then-remove that is not atomic loses the successor in some of them.
 *
 * @author egain-auth authors
 */
class EvictionRaceTests {

	private static final int ROUNDS = 2_000;

	private static final EgainSubject SUBJECT = EgainSubject.username("pa");

	private static final String STORAGE_NAME = SUBJECT.toString();

	private final ClientRegistration registration = TestEgainAuthorizedClients.registration("agent",
			EgainFlow.ON_BEHALF_OF_USER);

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	@AfterEach
	void tearDown() {
		this.executor.shutdownNow();
	}

	@Test
	void evictWhenManagerStoresSuccessorConcurrentlyInDefaultStoreThenSuccessorKept() throws Exception {
		assertSuccessorKept(new CaffeineOAuth2AuthorizedClientService());
	}

	@Test
	void evictWhenManagerStoresSuccessorConcurrentlyInAnyStoreThenSuccessorKept() throws Exception {
		assertSuccessorKept(new InMemoryOAuth2AuthorizedClientService((id) -> this.registration));
	}

	@Test
	void evictWhenReactiveManagerStoresSuccessorConcurrentlyInDefaultStoreThenSuccessorKept() {
		CaffeineReactiveOAuth2AuthorizedClientService store = new CaffeineReactiveOAuth2AuthorizedClientService();
		EgainReactiveAuthorizedClientManager manager = new EgainReactiveAuthorizedClientManager(
				(id) -> this.registration, store);
		Authentication principal = EgainAuthorizeRequests.storagePrincipal(STORAGE_NAME);
		for (int round = 0; round < ROUNDS; round++) {
			OAuth2AuthorizedClient rejected = client("rejected-" + round, Duration.ofSeconds(10));
			OAuth2AuthorizedClient successor = client("successor-" + round, Duration.ofHours(1));
			manager.setAuthorizedClientProvider((context) -> Mono.just(successor));
			store.saveAuthorizedClient(rejected, principal).block();
			race(() -> manager.evict(rejected).block(), () -> manager.authorize(request()).block());
			OAuth2AuthorizedClient stored = store.loadAuthorizedClient("agent", STORAGE_NAME).block();
			assertThat(stored).as("token stored after round %d", round).isNotNull();
			assertThat(stored.getAccessToken().getTokenValue()).isEqualTo(successor.getAccessToken().getTokenValue());
		}
	}

	/**
	 * The rejected token is also expiring, so that the manager asks the provider, which
	 * issues the successor, and stores it while the eviction runs.
	 */
	private void assertSuccessorKept(OAuth2AuthorizedClientService store) {
		EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager((id) -> this.registration, store);
		Authentication principal = EgainAuthorizeRequests.storagePrincipal(STORAGE_NAME);
		for (int round = 0; round < ROUNDS; round++) {
			OAuth2AuthorizedClient rejected = client("rejected-" + round, Duration.ofSeconds(10));
			OAuth2AuthorizedClient successor = client("successor-" + round, Duration.ofHours(1));
			manager.setAuthorizedClientProvider((context) -> successor);
			store.saveAuthorizedClient(rejected, principal);
			race(() -> manager.evict(rejected), () -> manager.authorize(request()));
			assertSuccessorStored(store, successor, round);
		}
	}

	private static OAuth2AuthorizeRequest request() {
		return OAuth2AuthorizeRequest.withClientRegistrationId("agent")
			.principal(TestEgainAuthorizedClients.principal("scheduler"))
			.attribute(EgainSubject.ATTRIBUTE_NAME, SUBJECT)
			.build();
	}

	private void race(Runnable first, Runnable second) {
		CyclicBarrier start = new CyclicBarrier(2);
		Future<?> one = this.executor.submit(() -> {
			start.await();
			first.run();
			return null;
		});
		Future<?> two = this.executor.submit(() -> {
			start.await();
			second.run();
			return null;
		});
		try {
			one.get(10, TimeUnit.SECONDS);
			two.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("A racer failed", ex);
		}
	}

	private static void assertSuccessorStored(OAuth2AuthorizedClientService store, OAuth2AuthorizedClient successor,
			int round) {
		OAuth2AuthorizedClient stored = store.loadAuthorizedClient("agent", STORAGE_NAME);
		assertThat(stored).as("token stored after round %d", round).isNotNull();
		assertThat(stored.getAccessToken().getTokenValue()).isEqualTo(successor.getAccessToken().getTokenValue());
	}

	private OAuth2AuthorizedClient client(String tokenValue, Duration lifetime) {
		Instant issuedAt = Instant.now();
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, tokenValue, issuedAt,
				issuedAt.plus(lifetime));
		return new EgainAuthorizedClient(this.registration, STORAGE_NAME, SUBJECT, accessToken, null);
	}

}
