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
import java.time.Instant;
import java.util.Map;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.CaffeineReactiveOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.TestEgainAuthorizedClientManagers;
import io.github.egainauth.client.TestEgainClock;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.ClientAuthorizationException;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.ANONYMOUS_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.APPLICATION_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.CUSTOMER_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.USER_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.InstanceOfAssertFactories.map;

/**
 * Tests for {@link EgainHealthIndicator}, fed by managers that made real token requests.
 *
 * @author egain-auth authors
 */
class EgainHealthIndicatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final EgainSubject SUBJECT = EgainSubject.username("pa");

	private static final EgainSubject GHOST = EgainSubject.username("ghost");

	private static final String GHOST_EMAIL = "ghost@example.com";

	private static final Map<String, Object> ALL_OK = Map.of(USER_CLIENT, "ok", CUSTOMER_CLIENT, "ok",
			APPLICATION_CLIENT, "ok", ANONYMOUS_CLIENT, "ok");

	private final TestEgainClock clock = new TestEgainClock();

	private MockWebServer server;

	private EgainClientRegistrationRepository registrations;

	@BeforeEach
	void setUp() throws IOException {
		this.server = TestEgainTokenServer.start();
		this.registrations = TestEgainAuthorizedClientManagers.registrations(this.server.url("/").toString());
	}

	@AfterEach
	void tearDown() {
		this.server.close();
	}

	@Test
	void healthWhenNoTokenRequestedYetThenUpWithEveryClientOk() {
		EgainAuthorizedClientManager manager = manager();
		var health = healthIndicator(manager).health();
		assertThat(health.getStatus().getCode()).isEqualTo("UP");
		assertThat(health.getDetails()).containsEntry("clients", ALL_OK)
			.containsEntry("cacheHits", 0L)
			.containsEntry("tokenRequests", 0L)
			.containsEntry("store", "local");
	}

	@Test
	void healthWhenClientRejectedThenDownWithErrorCodeAndTimeOnly() {
		EgainAuthorizedClientManager manager = manager();
		EgainHealthIndicator healthIndicator = healthIndicator(manager);
		this.server.enqueue(TestEgainTokenResponses.error(401, "invalid_client", "Client authentication failed"));
		Instant failedAt = this.clock.instant();
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)));
		var health = healthIndicator.health();
		assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
		assertThat(health.getDetails()).extractingByKey("clients")
			.asInstanceOf(map(String.class, Object.class))
			.containsExactly(entry(USER_CLIENT, failure("invalid_client", failedAt)), entry(CUSTOMER_CLIENT, "ok"),
					entry(APPLICATION_CLIENT, "ok"), entry(ANONYMOUS_CLIENT, "ok"));
		assertThat(health.toString()).doesNotContain("Client authentication failed")
			.doesNotContain(TestEgainClientRegistrations.CLIENT_SECRET);
	}

	@Test
	void healthWhenTokenRequestSucceedsAfterFailureThenUpAgain() {
		EgainAuthorizedClientManager manager = manager();
		EgainHealthIndicator healthIndicator = healthIndicator(manager);
		this.server.enqueue(TestEgainTokenResponses.error(401, "invalid_client", "Client authentication failed"));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)));
		assertThat(healthIndicator.health().getStatus().getCode()).isEqualTo("DOWN");
		this.server.enqueue(TestEgainTokenResponses.accessToken("user-token", 3600));
		manager.authorize(request(USER_CLIENT, SUBJECT));
		manager.authorize(request(USER_CLIENT, SUBJECT));
		var health = healthIndicator.health();
		assertThat(health.getStatus().getCode()).isEqualTo("UP");
		assertThat(health.getDetails()).containsEntry("clients", ALL_OK)
			.containsEntry("cacheHits", 1L)
			.containsEntry("tokenRequests", 2L);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void healthWhenSubjectRejectedThenUpAndNeitherSubjectNorDescriptionShown() {
		EgainAuthorizedClientManager manager = manager();
		EgainHealthIndicator healthIndicator = healthIndicator(manager);
		// eGain may echo what it knows of the subject, e.g. its email address.
		this.server.enqueue(TestEgainTokenResponses.error(400, "invalid_grant", "Unknown user " + GHOST_EMAIL));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, GHOST)))
			.withMessageContaining("[invalid_grant]");
		var health = healthIndicator.health();
		assertThat(health.getStatus().getCode()).isEqualTo("UP");
		assertThat(health.getDetails()).containsEntry("clients", ALL_OK);
		assertThat(health.toString()).doesNotContain(GHOST_EMAIL).doesNotContain("ghost");
		assertThat(manager.getFailingClients()).isEmpty();
		assertThat(manager.getStatistics().subjectFailures()).containsExactly(entry(USER_CLIENT, 1L));
		assertThat(manager.getStatistics().clientFailures()).isEmpty();
	}

	@Test
	void healthWhenCustomerRejectedThenUp() {
		EgainAuthorizedClientManager manager = manager();
		this.server.enqueue(TestEgainTokenResponses.error(400, "invalid_grant", "Unknown customer " + GHOST_EMAIL));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(CUSTOMER_CLIENT, EgainSubject.email(GHOST_EMAIL))));
		var health = healthIndicator(manager).health();
		assertThat(health.getStatus().getCode()).isEqualTo("UP");
		assertThat(health.toString()).doesNotContain(GHOST_EMAIL);
	}

	@Test
	void healthWhenSubjectRejectedAfterClientFailureThenStillDownWithClientFailure() {
		EgainAuthorizedClientManager manager = manager();
		EgainHealthIndicator healthIndicator = healthIndicator(manager);
		this.server.enqueue(TestEgainTokenResponses.error(400, "invalid_scope", "Scope not granted"));
		Instant failedAt = this.clock.instant();
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)));
		this.clock.advance(Duration.ofMinutes(5));
		this.server.enqueue(TestEgainTokenResponses.error(400, "invalid_grant", "Unknown user " + GHOST_EMAIL));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, GHOST)));
		var health = healthIndicator.health();
		assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
		assertThat(health.getDetails()).extractingByKey("clients")
			.asInstanceOf(map(String.class, Object.class))
			.containsEntry(USER_CLIENT, failure("invalid_scope", failedAt));
		assertThat(health.toString()).doesNotContain(GHOST_EMAIL);
	}

	@Test
	void healthWhenApplicationClientGetsInvalidGrantThenDown() {
		EgainAuthorizedClientManager manager = manager();
		this.server.enqueue(TestEgainTokenResponses.error(400, "invalid_grant", "Grant not allowed"));
		Instant failedAt = this.clock.instant();
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(APPLICATION_CLIENT, null)));
		var health = healthIndicator(manager).health();
		assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
		assertThat(health.getDetails()).extractingByKey("clients")
			.asInstanceOf(map(String.class, Object.class))
			.containsEntry(APPLICATION_CLIENT, failure("invalid_grant", failedAt));
	}

	@Test
	void healthWhenTokenEndpointFailsAfterRetriesThenDownWithInvalidTokenResponse() {
		EgainAuthorizedClientManager manager = manager();
		this.server.enqueue(TestEgainTokenResponses.html(503));
		Instant failedAt = this.clock.instant();
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)));
		var health = healthIndicator(manager).health();
		assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
		assertThat(health.getDetails()).extractingByKey("clients")
			.asInstanceOf(map(String.class, Object.class))
			.containsEntry(USER_CLIENT, failure("invalid_token_response", failedAt));
	}

	@Test
	void healthWhenReactiveTokenRequestFailsThenDownUntilSuccess() {
		EgainReactiveAuthorizedClientManager manager = reactiveManager();
		EgainHealthIndicator healthIndicator = new EgainHealthIndicator(this.registrations, manager);
		this.server.enqueue(TestEgainTokenResponses.error(401, "invalid_client", "Client authentication failed"));
		Instant failedAt = this.clock.instant();
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT));
		var down = healthIndicator.health();
		assertThat(down.getStatus().getCode()).isEqualTo("DOWN");
		assertThat(down.getDetails()).extractingByKey("clients")
			.asInstanceOf(map(String.class, Object.class))
			.containsEntry(USER_CLIENT, failure("invalid_client", failedAt));
		this.server.enqueue(TestEgainTokenResponses.accessToken("user-token", 3600));
		manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT);
		assertThat(healthIndicator.health().getStatus().getCode()).isEqualTo("UP");
	}

	@Test
	void healthWhenReactiveSubjectRejectedThenUp() {
		EgainReactiveAuthorizedClientManager manager = reactiveManager();
		EgainHealthIndicator healthIndicator = new EgainHealthIndicator(this.registrations, manager);
		this.server.enqueue(TestEgainTokenResponses.error(400, "invalid_grant", "Unknown user " + GHOST_EMAIL));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, GHOST)).block(TIMEOUT));
		var health = healthIndicator.health();
		assertThat(health.getStatus().getCode()).isEqualTo("UP");
		assertThat(health.getDetails()).containsEntry("clients", ALL_OK);
		assertThat(health.toString()).doesNotContain(GHOST_EMAIL);
		assertThat(manager.getStatistics().subjectFailures()).containsExactly(entry(USER_CLIENT, 1L));
	}

	private static Map<String, Object> failure(String errorCode, Instant time) {
		return Map.of("error", errorCode, "time", time.toString());
	}

	private EgainAuthorizedClientManager manager() {
		EgainAuthorizedClientManager manager = TestEgainAuthorizedClientManagers.manager(this.registrations,
				new CaffeineOAuth2AuthorizedClientService(),
				(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE));
		manager.setClock(this.clock);
		return manager;
	}

	private EgainReactiveAuthorizedClientManager reactiveManager() {
		EgainReactiveAuthorizedClientManager manager = TestEgainAuthorizedClientManagers.reactiveManager(
				this.registrations, new CaffeineReactiveOAuth2AuthorizedClientService(),
				(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE));
		manager.setClock(this.clock);
		return manager;
	}

	private EgainHealthIndicator healthIndicator(EgainAuthorizedClientManager manager) {
		return new EgainHealthIndicator(this.registrations, manager);
	}

}
