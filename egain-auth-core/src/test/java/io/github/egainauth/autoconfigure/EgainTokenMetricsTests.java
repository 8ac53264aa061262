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

package io.github.egainauth.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.CaffeineReactiveOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.EgainTokenStatistics;
import io.github.egainauth.client.TestEgainAuthorizedClientManagers;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.TestEgainTokenRequests;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.ClientAuthorizationException;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.APPLICATION_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.CUSTOMER_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.USER_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EgainTokenMetrics}, fed by managers that made real token requests.
 *
 * @author egain-auth authors
 */
class EgainTokenMetricsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ExecutorService executor = Executors.newFixedThreadPool(3);

	private final CountDownLatch release = new CountDownLatch(1);

	private MockWebServer server;

	private EgainClientRegistrationRepository registrations;

	@BeforeEach
	void setUp() throws IOException {
		this.server = TestEgainTokenServer.start();
		this.registrations = TestEgainAuthorizedClientManagers.registrations(this.server.url("/").toString());
		// Each subject's token names it; a subject called "slow" waits for the test.
		this.server.setDispatcher(TestEgainTokenServer.answering(this::token));
	}

	@AfterEach
	void tearDown() {
		this.release.countDown();
		this.executor.shutdownNow();
		this.server.close();
	}

	@Test
	void bindToWhenNoCallsThenAllCountersZero() {
		EgainAuthorizedClientManager manager = manager(new CaffeineOAuth2AuthorizedClientService(2));
		new EgainTokenMetrics(this.registrations, manager::getStatistics).bindTo(this.registry);
		assertThat(count("egain.auth.token.cache.hits")).isZero();
		assertThat(count("egain.auth.token.cache.misses")).isZero();
		assertThat(count("egain.auth.token.cache.evictions")).isZero();
		assertThat(count("egain.auth.token.single-flight.waits")).isZero();
	}

	@Test
	void bindToWhenTokensRequestedThenCountersMatchManagerStatistics() throws Exception {
		CaffeineOAuth2AuthorizedClientService store = new CaffeineOAuth2AuthorizedClientService(2);
		EgainAuthorizedClientManager manager = manager(store);
		new EgainTokenMetrics(this.registrations, manager::getStatistics).bindTo(this.registry);
		authorize(manager, "pa");
		authorize(manager, "pa");
		authorize(manager, "pb");
		authorize(manager, "pb");
		// A third subject in a store bounded to two evicts one.
		authorize(manager, "pc");
		assertThat(store.subjectCount()).isEqualTo(2);
		// Three callers for one subject while its token request hangs: one asks, two
		// wait.
		List<Future<String>> slow = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			slow.add(this.executor.submit(() -> authorize(manager, "slow")));
		}
		await().atMost(TIMEOUT).until(() -> manager.getStatistics().waits() == 2);
		this.release.countDown();
		for (Future<String> token : slow) {
			assertThat(token.get(10, TimeUnit.SECONDS)).isEqualTo("token-for-slow");
		}
		assertThat(this.server.getRequestCount()).isEqualTo(4);
		EgainTokenStatistics statistics = manager.getStatistics();
		assertThat(statistics).isEqualTo(new EgainTokenStatistics(2, 4, 2, 2));
		assertCountersMatch(statistics);
	}

	@Test
	void bindToWhenReactiveManagerThenCountersMatchManagerStatistics() {
		EgainReactiveAuthorizedClientManager manager = TestEgainAuthorizedClientManagers.reactiveManager(
				this.registrations,
				new CaffeineReactiveOAuth2AuthorizedClientService(new CaffeineOAuth2AuthorizedClientService(2)),
				(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE));
		new EgainTokenMetrics(this.registrations, manager::getStatistics).bindTo(this.registry);
		for (String subject : List.of("pa", "pa", "pb", "pc")) {
			manager.authorize(request(USER_CLIENT, EgainSubject.username(subject))).block(TIMEOUT);
		}
		assertThat(this.server.getRequestCount()).isEqualTo(3);
		EgainTokenStatistics statistics = manager.getStatistics();
		assertThat(statistics).isEqualTo(new EgainTokenStatistics(1, 3, 0, 1));
		assertCountersMatch(statistics);
	}

	@Test
	void bindToWhenBoundThenCountersDescribed() {
		EgainAuthorizedClientManager manager = manager(new CaffeineOAuth2AuthorizedClientService(2));
		new EgainTokenMetrics(this.registrations, manager::getStatistics).bindTo(this.registry);
		assertThat(this.registry.get("egain.auth.token.cache.hits").functionCounter().getId().getDescription())
			.isEqualTo("Calls served with a stored, still valid token");
		assertThat(this.registry.get("egain.auth.token.cache.misses").functionCounter().getId().getDescription())
			.isEqualTo("Calls that went on to obtain a token");
		assertThat(this.registry.get("egain.auth.token.cache.evictions").functionCounter().getId().getDescription())
			.isEqualTo("Tokens evicted to keep the store within its bound");
		assertThat(this.registry.get("egain.auth.token.single-flight.waits").functionCounter().getId().getDescription())
			.isEqualTo("Calls that waited for another caller's token request");
	}

	@Test
	void bindToWhenTokenRequestsFailThenFailuresCountedByClientFlowAndCause() {
		EgainAuthorizedClientManager manager = manager(new CaffeineOAuth2AuthorizedClientService(2));
		new EgainTokenMetrics(this.registrations, manager::getStatistics).bindTo(this.registry);
		assertRejected(manager, "ghost");
		assertRejected(manager, "ghost@example.com");
		assertRejected(manager, "locked-out");
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(APPLICATION_CLIENT, null)));
		assertThat(failures(USER_CLIENT, "on-behalf-of-user", "subject")).isEqualTo(2);
		assertThat(failures(USER_CLIENT, "on-behalf-of-user", "client")).isEqualTo(1);
		assertThat(failures(APPLICATION_CLIENT, "client-credentials", "client")).isEqualTo(1);
		assertThat(failures(CUSTOMER_CLIENT, "on-behalf-of-customer", "subject")).isZero();
		assertThat(this.registry.find("egain.auth.token.failures").tag("cause", "subject").functionCounters())
			.extracting((counter) -> counter.getId().getTag("client"))
			.containsExactlyInAnyOrder(USER_CLIENT, CUSTOMER_CLIENT);
		assertThat(this.registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
			.noneSatisfy((tag) -> assertThat(tag.getValue()).contains("ghost")));
		assertThat(this.registry.get("egain.auth.token.failures").functionCounter().getId().getDescription())
			.isEqualTo("Token requests that failed, by cause: the subject (eGain did not accept it) or the client");
	}

	private double failures(String client, String flow, String cause) {
		return this.registry.get("egain.auth.token.failures")
			.tags("client", client, "flow", flow, "cause", cause)
			.functionCounter()
			.count();
	}

	private void assertCountersMatch(EgainTokenStatistics statistics) {
		assertThat(count("egain.auth.token.cache.hits")).isEqualTo(statistics.cacheHits());
		assertThat(count("egain.auth.token.cache.misses")).isEqualTo(statistics.tokenRequests());
		assertThat(count("egain.auth.token.cache.evictions")).isEqualTo(statistics.evictions());
		assertThat(count("egain.auth.token.single-flight.waits")).isEqualTo(statistics.waits());
	}

	private long count(String name) {
		return (long) this.registry.get(name).functionCounter().count();
	}

	private EgainAuthorizedClientManager manager(CaffeineOAuth2AuthorizedClientService store) {
		return TestEgainAuthorizedClientManagers.manager(this.registrations, store,
				(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE));
	}

	private static String authorize(EgainAuthorizedClientManager manager, String subject) {
		return manager.authorize(request(USER_CLIENT, EgainSubject.username(subject))).getAccessToken().getTokenValue();
	}

	private static void assertRejected(EgainAuthorizedClientManager manager, String subject) {
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, EgainSubject.username(subject))));
	}

	private MockResponse token(RecordedRequest request) {
		String subject = TestEgainTokenRequests.form(request).get("subject_username");
		if (subject == null) {
			return TestEgainTokenResponses.error(401, "invalid_client", "Client authentication failed");
		}
		if (subject.startsWith("ghost")) {
			return TestEgainTokenResponses.error(400, "invalid_grant", "Unknown user " + subject);
		}
		if ("locked-out".equals(subject)) {
			return TestEgainTokenResponses.error(400, "unauthorized_client", "Client may not act for users");
		}
		if ("slow".equals(subject)) {
			await().atMost(TIMEOUT).until(() -> this.release.getCount() == 0);
		}
		return TestEgainTokenResponses.accessToken("token-for-" + subject, 3600);
	}

}
