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
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.EgainSubjectResolver;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.OnBehalfOfReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the reactive eGain stack for reactive web applications: the
 * reactive providers, a subject-keyed reactive manager and
 * {@link ReactiveEgainAccessTokens}.
 *
 * @author egain-auth authors
 */
@AutoConfiguration(after = EgainAuthAutoConfiguration.class)
@ConditionalOnClass({ ClientRegistration.class, WebClient.class, Mono.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Conditional(EgainClientsConfiguredCondition.class)
public final class EgainAuthReactiveAutoConfiguration {

	/**
	 * Tokens go to the application's {@code egainAuthorizedClientService} bean if it
	 * defines one, else to Redis with {@code egain.auth.store.type: redis}, else to a
	 * bounded in-memory store.
	 * @param registrations the client registrations
	 * @param subjectResolver the subject resolver
	 * @param tokenExpiry the token expiry policy
	 * @param egainOnBehalfOfReactiveAuthorizedClientProvider the provider of the
	 * on-behalf-of flows
	 * @param egainClientCredentialsReactiveAuthorizedClientProvider the provider of the
	 * client-credentials and anonymous-customer flows
	 * @param authorizedClientService the application's
	 * {@code egainAuthorizedClientService}, if it defines one
	 * @param properties the {@code egain.auth} properties, for the in-memory store's
	 * bound
	 * @param loginClientService the service that holds the application's OAuth2 logins,
	 * if it has one: a token-exchange call by a signed-in user trades that login's token
	 * @param renewalExecutor the executor of renewals ahead of expiry, if enabled
	 * @param sharedStores the shared stores, with {@code egain.auth.store.type: redis}
	 * @return the manager
	 */
	@Bean
	@ConditionalOnMissingBean
	EgainReactiveAuthorizedClientManager egainReactiveAuthorizedClientManager(
			EgainClientRegistrationRepository registrations, EgainSubjectResolver subjectResolver,
			EgainTokenExpiry tokenExpiry,
			OnBehalfOfReactiveOAuth2AuthorizedClientProvider egainOnBehalfOfReactiveAuthorizedClientProvider,
			EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider egainClientCredentialsReactiveAuthorizedClientProvider,
			@Qualifier(EgainAuthAutoConfiguration.AUTHORIZED_CLIENT_SERVICE_BEAN_NAME) ObjectProvider<ReactiveOAuth2AuthorizedClientService> authorizedClientService,
			EgainAuthProperties properties, ObjectProvider<ReactiveOAuth2AuthorizedClientService> loginClientService,
			ObjectProvider<EgainTokenRenewalExecutor> renewalExecutor,
			ObjectProvider<EgainSharedTokenStores> sharedStores) {
		EgainReactiveAuthorizedClientManager manager = ReactiveEgainAuthBeans.authorizedClientManager(registrations,
				subjectResolver, tokenExpiry, egainOnBehalfOfReactiveAuthorizedClientProvider,
				egainClientCredentialsReactiveAuthorizedClientProvider, authorizedClientService, properties,
				renewalExecutor, sharedStores);
		loginClientService.ifUnique(manager::setLoginClientService);
		return manager;
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveEgainAccessTokens egainReactiveAccessTokens(
			EgainReactiveAuthorizedClientManager egainReactiveAuthorizedClientManager) {
		return new ReactiveEgainAccessTokens(egainReactiveAuthorizedClientManager);
	}

	/**
	 * The reactive providers, built once from the token endpoint settings.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ProviderConfiguration {

		private final ReactiveEgainAuthorizedClientProviders providers;

		ProviderConfiguration(EgainAuthProperties properties, EgainTokenExpiry tokenExpiry,
				ObjectProvider<ObservationRegistry> observationRegistry, EgainHttpClientFactory egainHttpClientFactory,
				EgainClientRegistrationRepository registrations) {
			this.providers = new ReactiveEgainAuthorizedClientProviders(properties,
					egainHttpClientFactory.tokenConnector(properties.getTokenEndpoint()),
					observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), tokenExpiry, registrations);
		}

		@Bean
		@ConditionalOnProperty(prefix = "egain.auth.discovery", name = "enabled", havingValue = "true")
		EgainTenantMetadataClient egainTenantMetadataClient() {
			return this.providers.tenantMetadataClient();
		}

		@Bean
		@ConditionalOnMissingBean
		OnBehalfOfReactiveOAuth2AuthorizedClientProvider egainOnBehalfOfReactiveAuthorizedClientProvider() {
			return this.providers.onBehalfOf();
		}

		@Bean
		@ConditionalOnMissingBean
		EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider egainClientCredentialsReactiveAuthorizedClientProvider() {
			return this.providers.clientCredentials();
		}

	}

}
