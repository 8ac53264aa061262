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

import io.github.egainauth.client.EgainClientCredentialsOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.endpoint.AbstractRestClientEgainTokenResponseClient;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.EgainTokenRequestRetries;
import io.github.egainauth.client.endpoint.RestClientEgainClientCredentialsTokenResponseClient;
import io.github.egainauth.client.endpoint.RestClientOnBehalfOfTokenResponseClient;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds eGain's blocking authorized-client providers, one per kind of flow, from the
 * token endpoint settings: one {@link RestClient} for all token requests, the retry
 * policy and what runs it (each Spring Boot line its own), observations, the default
 * token lifetime, and the shared token expiry policy.
 *
 * @author egain-auth authors
 * @see ReactiveEgainAuthorizedClientProviders
 */
final class EgainAuthorizedClientProviders {

	private final RestClient restClient;

	private final EgainRetryPolicy retryPolicy;

	private final EgainAuthProperties properties;

	private final ObservationRegistry observationRegistry;

	private final EgainTokenExpiry tokenExpiry;

	private final EgainTokenRequestRetries retries;

	private final EgainClientRegistrationRepository registrations;

	EgainAuthorizedClientProviders(EgainAuthProperties properties, ClientHttpRequestFactory requestFactory,
			ObservationRegistry observationRegistry, EgainTokenExpiry tokenExpiry, EgainTokenRequestRetries retries,
			EgainClientRegistrationRepository registrations) {
		this.restClient = RestClient.builder().requestFactory(requestFactory).build();
		this.retryPolicy = retryPolicy(properties.getTokenEndpoint());
		this.properties = properties;
		this.observationRegistry = observationRegistry;
		this.tokenExpiry = tokenExpiry;
		this.retries = retries;
		this.registrations = registrations;
	}

	/**
	 * Returns the client of eGain's tenant metadata document, which shares the token
	 * requests' HTTP client.
	 * @return the client
	 */
	EgainTenantMetadataClient tenantMetadataClient() {
		return new RestClientEgainTenantMetadataClient(this.restClient, this.properties.getApiBaseUrl(),
				EgainAuthBeans.tenantId(this.properties));
	}

	/**
	 * Returns the provider of the on-behalf-of flows.
	 * @return the provider
	 */
	OnBehalfOfOAuth2AuthorizedClientProvider onBehalfOf() {
		OnBehalfOfOAuth2AuthorizedClientProvider provider = new OnBehalfOfOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(configure(new RestClientOnBehalfOfTokenResponseClient()));
		provider.setTokenExpiry(this.tokenExpiry);
		return provider;
	}

	/**
	 * Returns the provider of the client-credentials and anonymous-customer flows.
	 * @return the provider
	 */
	EgainClientCredentialsOAuth2AuthorizedClientProvider clientCredentials() {
		EgainClientCredentialsOAuth2AuthorizedClientProvider provider = new EgainClientCredentialsOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(configure(new RestClientEgainClientCredentialsTokenResponseClient()));
		provider.setTokenExpiry(this.tokenExpiry);
		return provider;
	}

	private <C extends AbstractRestClientEgainTokenResponseClient<?>> C configure(C tokenClient) {
		tokenClient.setRestClient(this.restClient);
		tokenClient.setRetryPolicy(this.retryPolicy);
		tokenClient.setRetries(this.retries);
		tokenClient.setObservationRegistry(this.observationRegistry);
		tokenClient.setDefaultLifetime(this.properties.getDefaultTokenLifetime());
		tokenClient.setClock(this.tokenExpiry.getClock());
		if (this.properties.getDiscovery().isEnabled()) {
			tokenClient.setTokenUriFailureHandler(EgainAuthBeans.tokenUriFailureHandler(this.registrations));
		}
		return tokenClient;
	}

	static EgainRetryPolicy retryPolicy(EgainAuthProperties.TokenEndpoint tokenEndpoint) {
		return new EgainRetryPolicy(tokenEndpoint.getMaxAttempts(), tokenEndpoint.getInitialBackoff(),
				tokenEndpoint.getMaxBackoff(), tokenEndpoint.getDeadline());
	}

}
