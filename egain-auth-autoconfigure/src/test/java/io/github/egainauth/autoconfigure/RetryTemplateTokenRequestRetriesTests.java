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

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.EgainTokenRequestRetries;
import io.github.egainauth.client.endpoint.EgainTokenRequestRetriesContractTests;
import io.github.egainauth.client.endpoint.OnBehalfOfGrantRequest;
import io.github.egainauth.client.endpoint.RestClientOnBehalfOfTokenResponseClient;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RetryTemplateTokenRequestRetries}: every retries' contract, and a
 * blocking token client whose retries run on Spring Framework's {@code RetryTemplate},
 * against a token endpoint on loopback.
 *
 * @author egain-auth authors
 */
class RetryTemplateTokenRequestRetriesTests extends EgainTokenRequestRetriesContractTests {

	private MockWebServer server;

	private RestClientOnBehalfOfTokenResponseClient tokenClient;

	private OnBehalfOfGrantRequest grantRequest;

	@BeforeEach
	void setUp() throws IOException {
		this.server = TestEgainTokenServer.start();
		this.tokenClient = new RestClientOnBehalfOfTokenResponseClient();
		this.tokenClient.setRetries(new RetryTemplateTokenRequestRetries());
		this.tokenClient.setRetryPolicy(
				new EgainRetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(10)));
		this.grantRequest = new OnBehalfOfGrantRequest(TestEgainClientRegistrations
			.onBehalfOfUser(
					TestEgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, this.server.url("/").toString()))
			.build(), EgainSubject.username("pa"));
	}

	@Override
	protected EgainTokenRequestRetries retries() {
		return new RetryTemplateTokenRequestRetries();
	}

	@AfterEach
	void tearDown() {
		this.server.close();
	}

	@Test
	void executeWhenServiceUnavailableTwiceThenThirdAttemptAnswers() {
		this.server.enqueue(TestEgainTokenResponses.html(503));
		this.server.enqueue(TestEgainTokenResponses.html(503));
		this.server.enqueue(TestEgainTokenResponses.accessToken("third-time", 3600));
		assertThat(this.tokenClient.getTokenResponse(this.grantRequest).getAccessToken().getTokenValue())
			.isEqualTo("third-time");
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void executeWhenServiceUnavailableEveryTimeThenGivesUpAfterMaxAttempts() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(TestEgainTokenResponses.html(503));
		}
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.tokenClient.getTokenResponse(this.grantRequest))
			.extracting(OAuth2AuthorizationException::getError)
			.extracting(OAuth2Error::getDescription)
			.asString()
			.endsWith(
					"eGain answered HTTP 503 Service Unavailable without an OAuth 2.0 error (gave up after 3 attempts)");
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void executeWhenRejectedThenNotRetriedAndFailureNotWrapped() {
		this.server.enqueue(TestEgainTokenResponses.error(400, "invalid_grant", "Unknown user"));
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.tokenClient.getTokenResponse(this.grantRequest))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"))
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void executeWhenWaitWouldPassDeadlineThenGivesUpAtOnce() {
		this.tokenClient.setRetryPolicy(
				new EgainRetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(500)));
		this.server.enqueue(TestEgainTokenResponses.html(503));
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> this.tokenClient.getTokenResponse(this.grantRequest))
			.extracting(OAuth2AuthorizationException::getError)
			.extracting(OAuth2Error::getDescription)
			.asString()
			.matches(".* \\(gave up after 1 attempt: waiting \\d+ ms more would pass the 500 ms deadline\\)$");
		assertThat(this.server.getRequestCount()).isOne();
	}

	@Test
	void executeWhenInterruptedWhileWaitingThenGivesUpAndKeepsInterrupt() {
		this.tokenClient.setRetryPolicy(
				new EgainRetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30)));
		this.server.enqueue(TestEgainTokenResponses.html(503));
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(OAuth2AuthorizationException.class)
				.isThrownBy(() -> this.tokenClient.getTokenResponse(this.grantRequest))
				.extracting(OAuth2AuthorizationException::getError)
				.extracting(OAuth2Error::getDescription)
				.asString()
				.endsWith("(gave up after 1 attempt: interrupted while waiting to retry)");
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

}
