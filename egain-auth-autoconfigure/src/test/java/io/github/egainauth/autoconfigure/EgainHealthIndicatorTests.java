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
import java.util.Map;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.CaffeineReactiveOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.TestEgainAuthorizedClientManagers;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
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

	private static final String INVALID_CLIENT = "invalid_client: Token request for eGain client 'agent-assist' "
			+ "(on-behalf-of-user flow) failed: eGain answered HTTP 401 Unauthorized with error 'invalid_client': "
			+ "Client authentication failed";

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
		Health health = healthIndicator(manager).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails())
			.containsEntry("clients",
					Map.of(USER_CLIENT, "ok", CUSTOMER_CLIENT, "ok", APPLICATION_CLIENT, "ok", ANONYMOUS_CLIENT, "ok"))
			.containsEntry("cacheHits", 0L)
			.containsEntry("tokenRequests", 0L);
	}

	@Test
	void healthWhenTokenRequestFailsThenDownWithFailingClientsError() {
		EgainAuthorizedClientManager manager = manager();
		EgainHealthIndicator healthIndicator = healthIndicator(manager);
		this.server.enqueue(TestEgainTokenResponses.error(401, "invalid_client", "Client authentication failed"));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)));
		Health health = healthIndicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).extractingByKey("clients")
			.asInstanceOf(map(String.class, Object.class))
			.containsExactly(entry(USER_CLIENT, INVALID_CLIENT), entry(CUSTOMER_CLIENT, "ok"),
					entry(APPLICATION_CLIENT, "ok"), entry(ANONYMOUS_CLIENT, "ok"));
		assertThat(health.toString()).doesNotContain(TestEgainClientRegistrations.CLIENT_SECRET);
	}

	@Test
	void healthWhenTokenRequestSucceedsAfterFailureThenUpAgain() {
		EgainAuthorizedClientManager manager = manager();
		EgainHealthIndicator healthIndicator = healthIndicator(manager);
		this.server.enqueue(TestEgainTokenResponses.error(401, "invalid_client", "Client authentication failed"));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)));
		assertThat(healthIndicator.health().getStatus()).isEqualTo(Status.DOWN);
		this.server.enqueue(TestEgainTokenResponses.accessToken("user-token", 3600));
		manager.authorize(request(USER_CLIENT, SUBJECT));
		manager.authorize(request(USER_CLIENT, SUBJECT));
		Health health = healthIndicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails())
			.containsEntry("clients",
					Map.of(USER_CLIENT, "ok", CUSTOMER_CLIENT, "ok", APPLICATION_CLIENT, "ok", ANONYMOUS_CLIENT, "ok"))
			.containsEntry("cacheHits", 1L)
			.containsEntry("tokenRequests", 2L);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void healthWhenReactiveTokenRequestFailsThenDownUntilSuccess() {
		EgainReactiveAuthorizedClientManager manager = TestEgainAuthorizedClientManagers.reactiveManager(
				this.registrations, new CaffeineReactiveOAuth2AuthorizedClientService(),
				(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE));
		EgainHealthIndicator healthIndicator = new EgainHealthIndicator(this.registrations, manager::getFailingClients,
				manager::getStatistics);
		this.server.enqueue(TestEgainTokenResponses.error(401, "invalid_client", "Client authentication failed"));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT));
		Health down = healthIndicator.health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).extractingByKey("clients")
			.asInstanceOf(map(String.class, Object.class))
			.containsEntry(USER_CLIENT, INVALID_CLIENT);
		this.server.enqueue(TestEgainTokenResponses.accessToken("user-token", 3600));
		manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT);
		assertThat(healthIndicator.health().getStatus()).isEqualTo(Status.UP);
	}

	private EgainAuthorizedClientManager manager() {
		return TestEgainAuthorizedClientManagers.manager(this.registrations,
				new CaffeineOAuth2AuthorizedClientService(),
				(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE));
	}

	private EgainHealthIndicator healthIndicator(EgainAuthorizedClientManager manager) {
		return new EgainHealthIndicator(this.registrations, manager::getFailingClients, manager::getStatistics);
	}

}
