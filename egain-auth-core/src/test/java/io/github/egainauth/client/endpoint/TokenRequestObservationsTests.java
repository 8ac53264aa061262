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

package io.github.egainauth.client.endpoint;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.TestEgainAuthorizedClientManagers;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TokenRequestObservations}, as the blocking and reactive token clients
 * record them.
 *
 * @author egain-auth authors
 */
class TokenRequestObservationsTests {

	private static final String NAME = "egain.auth.token.requests";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * A subject distinctive enough that finding it in a key or value is never a
	 * coincidence.
	 */
	private static final EgainSubject SUBJECT = EgainSubject.username("jdoe-7731");

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private MockWebServer server;

	private String baseUrl;

	@BeforeEach
	void setUp() throws IOException {
		this.server = TestEgainTokenServer.start();
		this.baseUrl = this.server.url("/").toString();
	}

	@AfterEach
	void tearDown() {
		this.server.close();
	}

	@Test
	void getTokenResponseWhenSuccessThenObservedWithClientFlowAndSuccessOnly() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("user-token", 3600));
		restClient(EgainRetryPolicy.NONE).getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), SUBJECT));
		assertSuccessObserved("agent-assist", "on-behalf-of-user");
	}

	@Test
	void getTokenResponseWhenRetriedThenOneObservationForAllAttempts() {
		this.server.enqueue(TestEgainTokenResponses.html(503));
		this.server.enqueue(TestEgainTokenResponses.accessToken("user-token", 3600));
		restClient(TestEgainAuthorizedClientManagers.FAST_RETRIES)
			.getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), SUBJECT));
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertSuccessObserved("agent-assist", "on-behalf-of-user");
	}

	@Test
	void getTokenResponseWhenEgainRejectsThenObservedWithErrorCodeAndError() {
		this.server.enqueue(TestEgainTokenResponses.error(401, "invalid_client", "Client authentication failed"));
		RestClientOnBehalfOfTokenResponseClient tokenClient = restClient(EgainRetryPolicy.NONE);
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> tokenClient.getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), SUBJECT)));
		assertFailureObserved("agent-assist", "on-behalf-of-user", "invalid_client");
	}

	@Test
	void getTokenResponseWhenRetriesExhaustedThenObservedOnceWithErrorCode() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(TestEgainTokenResponses.error(500, "server_error", "Internal error"));
		}
		RestClientOnBehalfOfTokenResponseClient tokenClient = restClient(
				TestEgainAuthorizedClientManagers.FAST_RETRIES);
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> tokenClient.getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), SUBJECT)));
		assertThat(this.server.getRequestCount()).isEqualTo(3);
		assertFailureObserved("agent-assist", "on-behalf-of-user", "server_error");
	}

	@Test
	void getTokenResponseWhenClientCredentialsThenObservedWithItsFlow() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("application-token", 3600));
		RestClientEgainClientCredentialsTokenResponseClient tokenClient = new RestClientEgainClientCredentialsTokenResponseClient();
		tokenClient.setObservationRegistry(this.registry);
		tokenClient.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(TestEgainClientRegistrations
			.clientCredentials(TestEgainClientRegistrations.tokenUri(EgainFlow.CLIENT_CREDENTIALS, this.baseUrl))
			.build()));
		assertSuccessObserved("knowledge-sync", "client-credentials");
	}

	@Test
	void getTokenResponseWhenReactiveSuccessThenObservedWithClientFlowAndSuccessOnly() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("customer-token", 3600));
		webClient(EgainRetryPolicy.NONE)
			.getTokenResponse(new OnBehalfOfGrantRequest(TestEgainClientRegistrations
				.onBehalfOfCustomer(
						TestEgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_CUSTOMER, this.baseUrl))
				.build(), EgainSubject.email("jdoe-7731@example.com")))
			.block(TIMEOUT);
		assertSuccessObserved("customer-portal", "on-behalf-of-customer");
	}

	@Test
	void getTokenResponseWhenReactiveEgainRejectsThenObservedWithErrorCodeAndError() {
		this.server.enqueue(TestEgainTokenResponses.error(400, "invalid_grant", "Unknown user"));
		WebClientReactiveOnBehalfOfTokenResponseClient tokenClient = webClient(EgainRetryPolicy.NONE);
		assertThatExceptionOfType(OAuth2AuthorizationException.class)
			.isThrownBy(() -> tokenClient.getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), SUBJECT))
				.block(TIMEOUT));
		assertFailureObserved("agent-assist", "on-behalf-of-user", "invalid_grant");
	}

	@Test
	void getTokenResponseWhenReactiveRetriedThenOneObservationForAllAttempts() {
		this.server.enqueue(TestEgainTokenResponses.html(503));
		this.server.enqueue(TestEgainTokenResponses.accessToken("user-token", 3600));
		webClient(TestEgainAuthorizedClientManagers.FAST_RETRIES)
			.getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), SUBJECT))
			.block(TIMEOUT);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertSuccessObserved("agent-assist", "on-behalf-of-user");
	}

	@Test
	void getTokenResponseWhenReactiveAnonymousCustomerThenObservedWithItsFlow() {
		this.server.enqueue(TestEgainTokenResponses.accessToken("anonymous-token", 3600));
		WebClientReactiveEgainClientCredentialsTokenResponseClient tokenClient = new WebClientReactiveEgainClientCredentialsTokenResponseClient();
		tokenClient.setObservationRegistry(this.registry);
		tokenClient
			.getTokenResponse(
					new OAuth2ClientCredentialsGrantRequest(
							TestEgainClientRegistrations
								.anonymousCustomer(
										TestEgainClientRegistrations.tokenUri(EgainFlow.ANONYMOUS_CUSTOMER,
												this.baseUrl),
										EgainClientRegistrations.defaultScopePrefix(this.baseUrl))
								.build()))
			.block(TIMEOUT);
		assertSuccessObserved("chat-widget", "anonymous-customer");
	}

	@Test
	void getTokenResponseWhenReactiveCancelledThenObservedAsCancelled() throws InterruptedException {
		this.server.enqueue(TestEgainTokenResponses.delayed(TestEgainTokenResponses.accessToken("late", 3600),
				Duration.ofSeconds(2)));
		Disposable subscription = webClient(EgainRetryPolicy.NONE)
			.getTokenResponse(new OnBehalfOfGrantRequest(userRegistration(), SUBJECT))
			.subscribe();
		assertThat(this.server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
		subscription.dispose();
		assertThat(this.registry).hasSingleObservationThat()
			.hasNameEqualTo(NAME)
			.hasLowCardinalityKeyValue("client", "agent-assist")
			.hasLowCardinalityKeyValue("outcome", "cancelled")
			.hasBeenStopped();
	}

	private void assertSuccessObserved(String client, String flow) {
		assertThat(this.registry).hasSingleObservationThat()
			.hasNameEqualTo(NAME)
			.hasContextualNameEqualTo("egain token request")
			.hasLowCardinalityKeyValue("client", client)
			.hasLowCardinalityKeyValue("flow", flow)
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasOnlyKeys("client", "flow", "outcome")
			.doesNotHaveError()
			.hasBeenStopped();
		assertNoSubject();
	}

	private void assertFailureObserved(String client, String flow, String errorCode) {
		assertThat(this.registry).hasSingleObservationThat()
			.hasNameEqualTo(NAME)
			.hasLowCardinalityKeyValue("client", client)
			.hasLowCardinalityKeyValue("flow", flow)
			.hasLowCardinalityKeyValue("outcome", errorCode)
			.hasOnlyKeys("client", "flow", "outcome")
			.hasError()
			.hasBeenStopped()
			.assertThatError()
			.isInstanceOf(OAuth2AuthorizationException.class);
		assertNoSubject();
	}

	/**
	 * A subject in a key or value would make one time series per user.
	 */
	private void assertNoSubject() {
		assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> {
			assertThat(contexts).isNotEmpty();
			for (Observation.Context context : contexts) {
				assertThat(context.getAllKeyValues()).isNotEmpty();
				for (KeyValue keyValue : context.getAllKeyValues()) {
					assertThat(keyValue.getKey()).doesNotContain(SUBJECT.getValue());
					assertThat(keyValue.getValue()).doesNotContain(SUBJECT.getValue());
				}
				assertThat(context.getContextualName()).doesNotContain(SUBJECT.getValue());
			}
		});
	}

	private RestClientOnBehalfOfTokenResponseClient restClient(EgainRetryPolicy retryPolicy) {
		RestClientOnBehalfOfTokenResponseClient tokenClient = new RestClientOnBehalfOfTokenResponseClient();
		tokenClient.setObservationRegistry(this.registry);
		tokenClient.setRetryPolicy(retryPolicy);
		return tokenClient;
	}

	private WebClientReactiveOnBehalfOfTokenResponseClient webClient(EgainRetryPolicy retryPolicy) {
		WebClientReactiveOnBehalfOfTokenResponseClient tokenClient = new WebClientReactiveOnBehalfOfTokenResponseClient();
		tokenClient.setObservationRegistry(this.registry);
		tokenClient.setRetryPolicy(retryPolicy);
		return tokenClient;
	}

	private ClientRegistration userRegistration() {
		return TestEgainClientRegistrations
			.onBehalfOfUser(TestEgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, this.baseUrl))
			.build();
	}

}
