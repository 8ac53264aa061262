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

import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.CaffeineReactiveOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.EgainSubjectResolver;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.OnBehalfOfReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import io.github.egainauth.client.web.reactive.EgainExchangeFilterFunction;
import io.github.egainauth.client.web.reactive.EgainWebClients;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.oauth2.client.DelegatingReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The reactive and {@code WebClient} beans of the eGain auto-configuration, built the
 * same way on every Spring Boot line; kept apart from {@link EgainAuthBeans} so that a
 * blocking application without WebFlux never loads them.
 *
 * @author egain-auth authors
 */
final class ReactiveEgainAuthBeans {

	private ReactiveEgainAuthBeans() {
	}

	/**
	 * Returns the reactive manager: tokens go to the application's
	 * {@code egainAuthorizedClientService} bean if it defines one, else to Redis with
	 * {@code egain.auth.store.type: redis}, else to a bounded in-memory store.
	 * @param registrations the registrations
	 * @param subjectResolver the subject resolver
	 * @param tokenExpiry the token expiry policy
	 * @param onBehalfOf the on-behalf-of provider
	 * @param clientCredentials the client-credentials provider
	 * @param authorizedClientService the application's store, if any
	 * @param properties the properties
	 * @param renewalExecutor the executor of renewals ahead of expiry, if enabled
	 * @param sharedStores the shared stores, if {@code egain.auth.store.type} is
	 * {@code redis} and Spring Data Redis is there
	 * @return the manager
	 */
	static EgainReactiveAuthorizedClientManager authorizedClientManager(EgainClientRegistrationRepository registrations,
			EgainSubjectResolver subjectResolver, EgainTokenExpiry tokenExpiry,
			OnBehalfOfReactiveOAuth2AuthorizedClientProvider onBehalfOf,
			EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider clientCredentials,
			ObjectProvider<ReactiveOAuth2AuthorizedClientService> authorizedClientService,
			EgainAuthProperties properties, ObjectProvider<EgainTokenRenewalExecutor> renewalExecutor,
			ObjectProvider<EgainSharedTokenStores> sharedStores) {
		EgainReactiveAuthorizedClientManager manager = new EgainReactiveAuthorizedClientManager(registrations,
				authorizedClientService.getIfAvailable(() -> {
					ReactiveOAuth2AuthorizedClientService shared = EgainSharedTokenStores.reactive(properties,
							sharedStores.getIfAvailable());
					return (shared != null) ? shared : new CaffeineReactiveOAuth2AuthorizedClientService(
							new CaffeineOAuth2AuthorizedClientService(properties.getCache().getMaxSubjects()));
				}));
		manager.setAuthorizedClientProvider(
				new DelegatingReactiveOAuth2AuthorizedClientProvider(onBehalfOf, clientCredentials));
		manager.setSubjectResolver(subjectResolver);
		manager.setTokenExpiry(tokenExpiry);
		manager.setRefreshAhead(properties.getRefreshAhead().isEnabled());
		manager.setRenewalBackoff(properties.getTokenEndpoint().getMaxBackoff());
		renewalExecutor.ifAvailable((renewals) -> manager.setRenewalExecutor(renewals.executor()));
		return manager;
	}

	/**
	 * Returns the tokens of {@code WebClient} calls in a blocking application: from the
	 * blocking manager, so that both share one cache, its work run off the event loop.
	 * @param manager the blocking manager
	 * @return the access tokens
	 */
	static ReactiveEgainAccessTokens blockingAccessTokens(EgainAuthorizedClientManager manager) {
		ReactiveEgainAccessTokens accessTokens = new ReactiveEgainAccessTokens(
				(authorizeRequest) -> Mono.fromCallable(() -> manager.authorize(authorizeRequest))
					.subscribeOn(Schedulers.boundedElastic()));
		accessTokens.setInvalidator((authorizedClient) -> Mono.fromRunnable(() -> manager.evict(authorizedClient))
			.subscribeOn(Schedulers.boundedElastic())
			.then());
		return accessTokens;
	}

	/**
	 * Returns the {@code WebClient} filter.
	 * @param accessTokens the source of tokens
	 * @param registrations the registrations
	 * @param allowedOrigins the origins that may receive tokens
	 * @return the filter
	 */
	static EgainExchangeFilterFunction exchangeFilterFunction(ReactiveEgainAccessTokens accessTokens,
			EgainClientRegistrationRepository registrations, EgainAllowedOrigins allowedOrigins) {
		EgainExchangeFilterFunction filter = new EgainExchangeFilterFunction(accessTokens);
		filter.setDefaultClientName(EgainAuthBeans.defaultClientName(registrations));
		filter.setAllowedOrigins(allowedOrigins);
		return filter;
	}

	/**
	 * Returns the ready-made {@code WebClient}s, starting from Spring Boot's
	 * {@code WebClient.Builder}, with the given connector.
	 * @param builders the builders Spring Boot configures
	 * @param filter the filter
	 * @param properties the properties
	 * @param connector the connector, which never follows redirects
	 * @return the ready-made clients
	 */
	static EgainWebClients webClients(ObjectProvider<WebClient.Builder> builders, EgainExchangeFilterFunction filter,
			EgainAuthProperties properties, ClientHttpConnector connector) {
		EgainWebClients webClients = new EgainWebClients(() -> builders.getIfAvailable(WebClient::builder), filter,
				properties.getApiBaseUrl(), properties.getAcceptLanguage());
		webClients.setConnector(connector);
		return webClients;
	}

}
