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

import io.github.egainauth.client.EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.OnBehalfOfReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.endpoint.AbstractWebClientReactiveEgainTokenResponseClient;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.WebClientReactiveEgainClientCredentialsTokenResponseClient;
import io.github.egainauth.client.endpoint.WebClientReactiveOnBehalfOfTokenResponseClient;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds eGain's reactive authorized-client providers, one per kind of flow, as
 * {@link EgainAuthorizedClientProviders} builds the blocking ones.
 *
 * @author egain-auth authors
 */
final class ReactiveEgainAuthorizedClientProviders {

	private final WebClient webClient;

	private final EgainRetryPolicy retryPolicy;

	private final EgainAuthProperties properties;

	private final ObservationRegistry observationRegistry;

	private final EgainTokenExpiry tokenExpiry;

	private final EgainClientRegistrationRepository registrations;

	ReactiveEgainAuthorizedClientProviders(EgainAuthProperties properties, ClientHttpConnector connector,
			ObservationRegistry observationRegistry, EgainTokenExpiry tokenExpiry,
			EgainClientRegistrationRepository registrations) {
		this.webClient = WebClient.builder().clientConnector(connector).build();
		this.retryPolicy = EgainAuthorizedClientProviders.retryPolicy(properties.getTokenEndpoint());
		this.properties = properties;
		this.observationRegistry = observationRegistry;
		this.tokenExpiry = tokenExpiry;
		this.registrations = registrations;
	}

	/**
	 * Returns the client of eGain's tenant metadata document, which shares the token
	 * requests' HTTP client and never blocks.
	 * @return the client
	 */
	EgainTenantMetadataClient tenantMetadataClient() {
		return new WebClientEgainTenantMetadataClient(this.webClient, this.properties.getApiBaseUrl(),
				EgainAuthBeans.tenantId(this.properties));
	}

	/**
	 * Returns the provider of the on-behalf-of flows.
	 * @return the provider
	 */
	OnBehalfOfReactiveOAuth2AuthorizedClientProvider onBehalfOf() {
		OnBehalfOfReactiveOAuth2AuthorizedClientProvider provider = new OnBehalfOfReactiveOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(configure(new WebClientReactiveOnBehalfOfTokenResponseClient()));
		provider.setTokenExpiry(this.tokenExpiry);
		return provider;
	}

	/**
	 * Returns the provider of the client-credentials and anonymous-customer flows.
	 * @return the provider
	 */
	EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider clientCredentials() {
		EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		provider
			.setAccessTokenResponseClient(configure(new WebClientReactiveEgainClientCredentialsTokenResponseClient()));
		provider.setTokenExpiry(this.tokenExpiry);
		return provider;
	}

	private <C extends AbstractWebClientReactiveEgainTokenResponseClient<?>> C configure(C tokenClient) {
		tokenClient.setWebClient(this.webClient);
		tokenClient.setRetryPolicy(this.retryPolicy);
		tokenClient.setObservationRegistry(this.observationRegistry);
		tokenClient.setDefaultLifetime(this.properties.getDefaultTokenLifetime());
		tokenClient.setClock(this.tokenExpiry.getClock());
		if (this.properties.getDiscovery().isEnabled()) {
			tokenClient.setTokenUriFailureHandler(EgainAuthBeans.tokenUriFailureHandler(this.registrations));
		}
		return tokenClient;
	}

}
