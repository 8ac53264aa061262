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
import java.util.function.Consumer;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.endpoint.AbstractRestClientEgainTokenResponseClient;
import io.github.egainauth.client.endpoint.AbstractWebClientReactiveEgainTokenResponseClient;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.RestClientEgainClientCredentialsTokenResponseClient;
import io.github.egainauth.client.endpoint.RestClientOnBehalfOfTokenResponseClient;
import io.github.egainauth.client.endpoint.WebClientReactiveEgainClientCredentialsTokenResponseClient;
import io.github.egainauth.client.endpoint.WebClientReactiveOnBehalfOfTokenResponseClient;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.DelegatingOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;

/**
 * Builds eGain authorized-client managers wired as the auto-configuration wires them,
 * with real token clients pointed at a local server.
 *
 * @author egain-auth authors
 */
public final class TestEgainAuthorizedClientManagers {

	/**
	 * The on-behalf-of-user client of {@link #registrations(String)}.
	 */
	public static final String USER_CLIENT = "agent-assist";

	/**
	 * The on-behalf-of-customer client of {@link #registrations(String)}.
	 */
	public static final String CUSTOMER_CLIENT = "customer-portal";

	/**
	 * The client-credentials client of {@link #registrations(String)}.
	 */
	public static final String APPLICATION_CLIENT = "knowledge-sync";

	/**
	 * The anonymous-customer client of {@link #registrations(String)}.
	 */
	public static final String ANONYMOUS_CLIENT = "chat-widget";

	/**
	 * Three attempts, 10 ms then at most 50 ms apart, within 5 seconds: retries as the
	 * default policy makes them, only faster.
	 */
	public static final EgainRetryPolicy FAST_RETRIES = new EgainRetryPolicy(3, Duration.ofMillis(10),
			Duration.ofMillis(50), Duration.ofSeconds(5));

	private TestEgainAuthorizedClientManagers() {
	}

	/**
	 * Returns one client of each flow, all with their token endpoints on the given
	 * server.
	 * @param baseUrl the auth and API base URL, e.g. a {@code MockWebServer}'s
	 * @return the registrations
	 */
	public static EgainClientRegistrationRepository registrations(String baseUrl) {
		return new EgainClientRegistrationRepository(List.of(
				TestEgainClientRegistrations
					.onBehalfOfUser(TestEgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, baseUrl))
					.build(),
				TestEgainClientRegistrations
					.onBehalfOfCustomer(TestEgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_CUSTOMER, baseUrl))
					.build(),
				TestEgainClientRegistrations
					.clientCredentials(TestEgainClientRegistrations.tokenUri(EgainFlow.CLIENT_CREDENTIALS, baseUrl))
					.build(),
				TestEgainClientRegistrations
					.anonymousCustomer(TestEgainClientRegistrations.tokenUri(EgainFlow.ANONYMOUS_CUSTOMER, baseUrl),
							EgainClientRegistrations.defaultScopePrefix(baseUrl))
					.build()));
	}

	/**
	 * Returns a blocking manager whose providers use real token clients.
	 * @param registrations the registrations
	 * @param store where tokens are stored
	 * @param tokenClients applied to each token client, e.g. to set the retry policy
	 * @return the manager
	 */
	public static EgainAuthorizedClientManager manager(EgainClientRegistrationRepository registrations,
			OAuth2AuthorizedClientService store, Consumer<AbstractRestClientEgainTokenResponseClient<?>> tokenClients) {
		RestClientOnBehalfOfTokenResponseClient onBehalfOfTokenClient = new RestClientOnBehalfOfTokenResponseClient();
		RestClientEgainClientCredentialsTokenResponseClient clientCredentialsTokenClient = new RestClientEgainClientCredentialsTokenResponseClient();
		tokenClients.accept(onBehalfOfTokenClient);
		tokenClients.accept(clientCredentialsTokenClient);
		OnBehalfOfOAuth2AuthorizedClientProvider onBehalfOf = new OnBehalfOfOAuth2AuthorizedClientProvider();
		onBehalfOf.setAccessTokenResponseClient(onBehalfOfTokenClient);
		EgainClientCredentialsOAuth2AuthorizedClientProvider clientCredentials = new EgainClientCredentialsOAuth2AuthorizedClientProvider();
		clientCredentials.setAccessTokenResponseClient(clientCredentialsTokenClient);
		EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(registrations::findByRegistrationId,
				store);
		manager
			.setAuthorizedClientProvider(new DelegatingOAuth2AuthorizedClientProvider(onBehalfOf, clientCredentials));
		return manager;
	}

	/**
	 * Returns a reactive manager whose providers use real token clients.
	 * @param registrations the registrations
	 * @param store where tokens are stored
	 * @param tokenClients applied to each token client, e.g. to set the retry policy
	 * @return the manager
	 */
	public static EgainReactiveAuthorizedClientManager reactiveManager(EgainClientRegistrationRepository registrations,
			ReactiveOAuth2AuthorizedClientService store,
			Consumer<AbstractWebClientReactiveEgainTokenResponseClient<?>> tokenClients) {
		WebClientReactiveOnBehalfOfTokenResponseClient onBehalfOfTokenClient = new WebClientReactiveOnBehalfOfTokenResponseClient();
		WebClientReactiveEgainClientCredentialsTokenResponseClient clientCredentialsTokenClient = new WebClientReactiveEgainClientCredentialsTokenResponseClient();
		tokenClients.accept(onBehalfOfTokenClient);
		tokenClients.accept(clientCredentialsTokenClient);
		OnBehalfOfReactiveOAuth2AuthorizedClientProvider onBehalfOf = new OnBehalfOfReactiveOAuth2AuthorizedClientProvider();
		onBehalfOf.setAccessTokenResponseClient(onBehalfOfTokenClient);
		EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider clientCredentials = new EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		clientCredentials.setAccessTokenResponseClient(clientCredentialsTokenClient);
		EgainReactiveAuthorizedClientManager manager = new EgainReactiveAuthorizedClientManager(registrations, store);
		manager.setAuthorizedClientProvider(
				new DelegatingReactiveOAuth2AuthorizedClientProvider(onBehalfOf, clientCredentials));
		return manager;
	}

	/**
	 * Returns a request for a call with no authenticated principal, e.g. from a job.
	 * @param clientName the client
	 * @param subject the subject, or {@code null} for application-level clients
	 * @return the authorize request
	 */
	public static OAuth2AuthorizeRequest request(String clientName, @Nullable EgainSubject subject) {
		return EgainAuthorizeRequests.create(clientName, subject, null);
	}

}
