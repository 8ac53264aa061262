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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the managers' statistics count a token request only when one is sent: a
 * caller that found no token, then, on its way to request one, finds the token another
 * caller's request has just stored, counts a cache hit.
 *
 * @author egain-auth authors
 */
class TokenRequestStatisticsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private TestEgainTokenEndpoint tokenEndpoint;

	private EgainClientRegistrationRepository registrations;

	@BeforeEach
	void setUp() throws Exception {
		this.tokenEndpoint = TestEgainTokenEndpoint.start();
		this.registrations = new EgainClientRegistrationRepository(
				List.of(this.tokenEndpoint.registration("agent", EgainFlow.ON_BEHALF_OF_USER)));
	}

	@AfterEach
	void tearDown() {
		this.tokenEndpoint.close();
	}

	@Test
	void authorizeWhenTokenStoredJustAfterCallerLookedThenCountsHitNotTokenRequest() {
		LateStore store = new LateStore();
		EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(
				this.registrations::findByRegistrationId, store);
		String first = manager.authorize(request("agent", EgainSubject.username("u1")))
			.getAccessToken()
			.getTokenValue();
		store.missNextLoad();
		String second = manager.authorize(request("agent", EgainSubject.username("u1")))
			.getAccessToken()
			.getTokenValue();
		assertThat(second).isEqualTo(first);
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(manager.getStatistics().tokenRequests()).isOne();
		assertThat(manager.getStatistics().cacheHits()).isOne();
	}

	@Test
	void reactiveAuthorizeWhenTokenStoredJustAfterCallerLookedThenCountsHitNotTokenRequest() {
		LateStore store = new LateStore();
		EgainReactiveAuthorizedClientManager manager = TestEgainAuthorizedClientManagers
			.reactiveManager(this.registrations, store.reactive(), (tokenClient) -> {
			});
		String first = manager.authorize(request("agent", EgainSubject.username("u1")))
			.block(TIMEOUT)
			.getAccessToken()
			.getTokenValue();
		store.missNextLoad();
		String second = manager.authorize(request("agent", EgainSubject.username("u1")))
			.block(TIMEOUT)
			.getAccessToken()
			.getTokenValue();
		assertThat(second).isEqualTo(first);
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(manager.getStatistics().tokenRequests()).isOne();
		assertThat(manager.getStatistics().cacheHits()).isOne();
	}

	/**
	 * A store whose next read can be made to miss, as a read made just before another
	 * caller's token request stored its token would.
	 */
	static final class LateStore implements OAuth2AuthorizedClientService {

		private final CaffeineOAuth2AuthorizedClientService delegate = new CaffeineOAuth2AuthorizedClientService();

		private final AtomicBoolean missNext = new AtomicBoolean();

		void missNextLoad() {
			this.missNext.set(true);
		}

		@Override
		public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
				String principalName) {
			return this.missNext.compareAndSet(true, false) ? null
					: this.delegate.loadAuthorizedClient(clientRegistrationId, principalName);
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
			this.delegate.saveAuthorizedClient(authorizedClient, principal);
		}

		@Override
		public void removeAuthorizedClient(String clientRegistrationId, String principalName) {
			this.delegate.removeAuthorizedClient(clientRegistrationId, principalName);
		}

		ReactiveOAuth2AuthorizedClientService reactive() {
			return new ReactiveOAuth2AuthorizedClientService() {

				@Override
				public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String clientRegistrationId,
						String principalName) {
					return Mono
						.fromSupplier(() -> LateStore.this.loadAuthorizedClient(clientRegistrationId, principalName));
				}

				@Override
				public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient,
						Authentication principal) {
					return Mono.fromRunnable(() -> LateStore.this.saveAuthorizedClient(authorizedClient, principal));
				}

				@Override
				public Mono<Void> removeAuthorizedClient(String clientRegistrationId, String principalName) {
					return Mono
						.fromRunnable(() -> LateStore.this.removeAuthorizedClient(clientRegistrationId, principalName));
				}

			};
		}

	}

}
