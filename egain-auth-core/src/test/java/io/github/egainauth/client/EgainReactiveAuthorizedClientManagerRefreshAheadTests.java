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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EgainReactiveAuthorizedClientManager} renewing tokens ahead of their
 * expiry and serving a token whose renewal failed until it expires. Tokens live 3600 s
 * with a 60 s clock skew: due for renewal from 3180 s, usable until 3540 s, expired at
 * 3600 s.
 *
 * @author egain-auth authors
 */
class EgainReactiveAuthorizedClientManagerRefreshAheadTests {

	private static final String INVALID_CLIENT = "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}";

	private final TestEgainClock clock = new TestEgainClock();

	private final ExecutorService renewals = Executors.newSingleThreadExecutor();

	private TestEgainTokenEndpoint tokenEndpoint;

	private final CaffeineOAuth2AuthorizedClientService store = new CaffeineOAuth2AuthorizedClientService();

	private EgainReactiveAuthorizedClientManager manager;

	private final OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));

	@BeforeEach
	void setUp() throws Exception {
		this.tokenEndpoint = TestEgainTokenEndpoint.start();
		EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(
				List.of(this.tokenEndpoint.registration("agent", EgainFlow.ON_BEHALF_OF_USER)));
		EgainTokenExpiry tokenExpiry = new EgainTokenExpiry(this.clock, Duration.ofSeconds(60));
		OnBehalfOfReactiveOAuth2AuthorizedClientProvider provider = new OnBehalfOfReactiveOAuth2AuthorizedClientProvider();
		provider.setTokenExpiry(tokenExpiry);
		this.manager = new EgainReactiveAuthorizedClientManager(registrations,
				new CaffeineReactiveOAuth2AuthorizedClientService(this.store));
		this.manager.setAuthorizedClientProvider(provider);
		this.manager.setTokenExpiry(tokenExpiry);
		this.manager.setRenewalExecutor(this.renewals);
		this.manager.setRenewalBackoff(Duration.ofSeconds(10));
	}

	@AfterEach
	void tearDown() {
		this.renewals.shutdownNow();
		this.tokenEndpoint.close();
	}

	@Test
	void authorizeWhenTokenUsedAfterRenewalPointThenRenewsInBackgroundWhileCallerGetsCurrentToken() {
		OAuth2AuthorizedClient first = authorize();
		this.clock.advance(Duration.ofSeconds(3200));
		CountDownLatch answer = this.tokenEndpoint.holdAnswers();
		// The renewal's answer is held: the caller got the current token without waiting.
		assertThat(tokenValue(authorize())).isEqualTo(tokenValue(first));
		assertThat(answer.getCount()).isOne();
		answer.countDown();
		// Read from the store: a token issued now looks old to the clock moved on.
		await().until(() -> !tokenValue(stored()).equals(tokenValue(first)));
		assertThat(this.tokenEndpoint.requestCount("username:u1")).isEqualTo(2);
		assertThat(this.manager.getStatistics().renewalsAhead()).isOne();
		assertThat(this.manager.getStatistics().waits()).isZero();
	}

	@Test
	void authorizeWhenTokenEntersClockSkewWhileItsRenewalIsInFlightThenServedWithoutWaiting() {
		OAuth2AuthorizedClient first = authorize();
		this.clock.advance(Duration.ofSeconds(3200));
		CountDownLatch answer = this.tokenEndpoint.holdAnswers();
		authorize();
		// Within the clock skew of its expiry, not expired, its renewal still held at
		// the token endpoint: the caller gets it at once and sends no request of its own.
		this.clock.advance(Duration.ofSeconds(370));
		assertThat(tokenValue(authorize())).isEqualTo(tokenValue(first));
		assertThat(answer.getCount()).isOne();
		assertThat(this.manager.getStatistics().waits()).isZero();
		assertThat(this.manager.getStatistics().staleServes()).isOne();
		answer.countDown();
		await().until(() -> !tokenValue(stored()).equals(tokenValue(first)));
		assertThat(this.tokenEndpoint.requestCount("username:u1")).isEqualTo(2);
	}

	@Test
	void authorizeWhenManyCallersUseTokenAfterRenewalPointThenOneRenewalRequest() throws Exception {
		OAuth2AuthorizedClient first = authorize();
		this.clock.advance(Duration.ofSeconds(3200));
		CountDownLatch arrived = this.tokenEndpoint.holdAnswersUntilArrived(64);
		List<String> tokens = TestEgainConcurrentCallers.call(64, arrived, (caller) -> tokenValue(authorize()));
		// Read from the store: a token issued now looks old to the clock moved on.
		await().until(() -> !tokenValue(stored()).equals(tokenValue(first)));
		// The renewal is answered once the last caller has arrived, which may be just
		// before that caller looks: it may get the renewed token, never a third one.
		assertThat(tokens).hasSize(64).contains(tokenValue(first)).isSubsetOf(tokenValue(first), tokenValue(stored()));
		assertThat(this.tokenEndpoint.requestCount("username:u1")).isEqualTo(2);
		assertThat(this.manager.getStatistics().renewalsAhead()).isOne();
	}

	@Test
	void authorizeWhenTokenExpiredWhileItsRenewalWaitsInTheQueueThenSubscriberRunsItInstead() {
		List<Runnable> queue = new CopyOnWriteArrayList<>();
		this.manager.setRenewalExecutor(queue::add);
		OAuth2AuthorizedClient first = authorize();
		this.clock.advance(Duration.ofSeconds(3200));
		assertThat(tokenValue(authorize())).isEqualTo(tokenValue(first));
		assertThat(queue).hasSize(1);
		this.clock.advance(Duration.ofSeconds(500));
		// The executor never gets to it: the subscriber must not wait for the queue.
		assertThat(tokenValue(authorize())).isNotEqualTo(tokenValue(first));
		queue.forEach(Runnable::run);
		assertThat(this.tokenEndpoint.requestCount("username:u1")).isEqualTo(2);
		assertThat(this.manager.getStatistics().renewalsAhead()).isOne();
	}

	@Test
	void authorizeWhenTokenIdlePastRenewalPointThenItIsNotRenewed() {
		this.manager.setRenewalExecutor(Runnable::run);
		authorize();
		this.clock.advance(Duration.ofSeconds(3500));
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(this.manager.getStatistics().renewalsAhead()).isZero();
	}

	@Test
	void authorizeWhenRenewalFailsThenServesCurrentTokenUntilItExpiresThenFails() {
		this.manager.setRenewalExecutor(Runnable::run);
		OAuth2AuthorizedClient first = authorize();
		this.tokenEndpoint.failWith(401, INVALID_CLIENT);
		this.clock.advance(Duration.ofSeconds(3200));
		assertThat(tokenValue(authorize())).isEqualTo(tokenValue(first));
		// The token request completes after the call, on the token client's threads.
		awaitClientFailures(1);
		assertThat(this.manager.getFailingClients()).containsOnlyKeys("agent");
		assertThat(this.manager.getFailingClients().get("agent").error().getErrorCode()).isEqualTo("invalid_client");
		// Within the clock skew: still served, though no longer usable by the policy.
		this.clock.advance(Duration.ofSeconds(370));
		assertThat(tokenValue(authorize())).isEqualTo(tokenValue(first));
		assertThat(this.manager.getStatistics().staleServes()).isOne();
		assertThat(this.manager.getFailingClients()).containsOnlyKeys("agent");
		this.clock.advance(Duration.ofSeconds(31));
		assertThatExceptionOfType(ClientAuthorizationException.class).isThrownBy(this::authorize)
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client"));
	}

	@Test
	void authorizeWhenTokenEntersClockSkewAndRenewalFailsThenServesCurrentToken() {
		OAuth2AuthorizedClient first = authorize();
		this.tokenEndpoint.failWith(401, INVALID_CLIENT);
		this.clock.advance(Duration.ofSeconds(3570));
		assertThat(tokenValue(authorize())).isEqualTo(tokenValue(first));
		assertThat(this.manager.getStatistics().staleServes()).isOne();
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void authorizeWhenRenewalsFailThenAttemptsAtMostOncePerBackoffInterval() {
		this.manager.setRenewalExecutor(Runnable::run);
		authorize();
		this.tokenEndpoint.failWith(401, INVALID_CLIENT);
		this.clock.advance(Duration.ofSeconds(3200));
		for (int i = 0; i < 10; i++) {
			authorize();
		}
		awaitClientFailures(1);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(9));
		for (int i = 0; i < 10; i++) {
			authorize();
		}
		awaitClientFailures(1);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(1));
		for (int i = 0; i < 10; i++) {
			authorize();
		}
		awaitClientFailures(2);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(3);
		this.tokenEndpoint.succeed();
		this.clock.advance(Duration.ofSeconds(10));
		authorize();
		await().until(() -> this.manager.getFailingClients().isEmpty());
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(4);
	}

	@Test
	void authorizeWhenRefreshAheadDisabledThenRenewsOnlyWithinClockSkew() {
		this.manager.setRefreshAhead(false);
		authorize();
		this.clock.advance(Duration.ofSeconds(3500));
		authorize();
		assertThat(this.tokenEndpoint.requestCount()).isOne();
	}

	private void awaitClientFailures(long count) {
		await().until(() -> this.manager.getStatistics().clientFailures().getOrDefault("agent", 0L) == count);
	}

	private OAuth2AuthorizedClient authorize() {
		return this.manager.authorize(this.request).block(Duration.ofSeconds(30));
	}

	private OAuth2AuthorizedClient stored() {
		return this.store.loadAuthorizedClient("agent",
				EgainAuthorizeRequests.storageName(EgainSubject.username("u1")));
	}

	private static String tokenValue(OAuth2AuthorizedClient authorizedClient) {
		return authorizedClient.getAccessToken().getTokenValue();
	}

}
