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

import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainClientCredentialsOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.EgainSubjectResolver;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import io.github.egainauth.client.web.client.EgainClientHttpRequestInterceptor;
import io.github.egainauth.client.web.client.EgainRestClients;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.RestClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the blocking eGain stack for servlet and non-web applications:
 * the providers, a subject-keyed manager, {@link EgainAccessTokens}, the
 * {@code RestClient} interceptor and ready-made {@code RestClient}s.
 *
 * @author egain-auth authors
 */
@AutoConfiguration(after = EgainAuthAutoConfiguration.class)
@ConditionalOnClass({ ClientRegistration.class, RestClient.class })
@Conditional({ EgainClientsConfiguredCondition.class, NotReactiveWebApplicationCondition.class })
public final class EgainAuthBlockingAutoConfiguration {

	/**
	 * Tokens go to the application's {@code egainAuthorizedClientService} bean if it
	 * defines one, else to Redis with {@code egain.auth.store.type: redis}, else to a
	 * bounded in-memory store. Any other {@code OAuth2AuthorizedClientService} is left to
	 * the application's own clients.
	 * @param registrations the client registrations
	 * @param subjectResolver the subject resolver
	 * @param tokenExpiry the token expiry policy
	 * @param egainOnBehalfOfAuthorizedClientProvider the provider of the on-behalf-of
	 * flows
	 * @param egainClientCredentialsAuthorizedClientProvider the provider of the
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
	EgainAuthorizedClientManager egainAuthorizedClientManager(EgainClientRegistrationRepository registrations,
			EgainSubjectResolver subjectResolver, EgainTokenExpiry tokenExpiry,
			OnBehalfOfOAuth2AuthorizedClientProvider egainOnBehalfOfAuthorizedClientProvider,
			EgainClientCredentialsOAuth2AuthorizedClientProvider egainClientCredentialsAuthorizedClientProvider,
			@Qualifier(EgainAuthAutoConfiguration.AUTHORIZED_CLIENT_SERVICE_BEAN_NAME) ObjectProvider<OAuth2AuthorizedClientService> authorizedClientService,
			EgainAuthProperties properties, ObjectProvider<OAuth2AuthorizedClientService> loginClientService,
			ObjectProvider<EgainTokenRenewalExecutor> renewalExecutor,
			ObjectProvider<EgainSharedTokenStores> sharedStores) {
		EgainAuthorizedClientManager manager = EgainAuthBeans.authorizedClientManager(registrations, subjectResolver,
				tokenExpiry, egainOnBehalfOfAuthorizedClientProvider, egainClientCredentialsAuthorizedClientProvider,
				authorizedClientService, properties, renewalExecutor, sharedStores);
		loginClientService.ifUnique(manager::setLoginClientService);
		return manager;
	}

	@Bean
	@ConditionalOnMissingBean
	EgainAccessTokens egainAccessTokens(EgainAuthorizedClientManager egainAuthorizedClientManager) {
		return new EgainAccessTokens(egainAuthorizedClientManager);
	}

	@Bean
	@ConditionalOnMissingBean
	EgainClientHttpRequestInterceptor egainClientHttpRequestInterceptor(EgainAccessTokens accessTokens,
			EgainClientRegistrationRepository registrations, EgainAllowedOrigins allowedOrigins) {
		return EgainAuthBeans.clientHttpRequestInterceptor(accessTokens, registrations, allowedOrigins);
	}

	/**
	 * The ready-made clients start from Spring Boot's {@code RestClient.Builder}, so the
	 * application's customizers, observations and message converters apply; they keep its
	 * HTTP library and {@code spring.http.clients} settings, but never follow redirects.
	 * @param builders the application's {@code RestClient.Builder}, if any
	 * @param interceptor the interceptor that adds eGain tokens
	 * @param properties the {@code egain.auth} properties, for the API base URL and
	 * accept language
	 * @param egainHttpClientFactory the HTTP clients of this Spring Boot line
	 * @return the ready-made clients
	 */
	@Bean
	@ConditionalOnMissingBean
	EgainRestClients egainRestClients(ObjectProvider<RestClient.Builder> builders,
			EgainClientHttpRequestInterceptor interceptor, EgainAuthProperties properties,
			EgainHttpClientFactory egainHttpClientFactory) {
		EgainRestClients restClients = EgainAuthBeans.restClients(builders, interceptor, properties,
				egainHttpClientFactory.apiRequestFactory());
		restClients.setHttpServiceCustomizer(egainHttpClientFactory::customizeHttpService);
		return restClients;
	}

	/**
	 * The providers, built once from the token endpoint settings.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ProviderConfiguration {

		private final EgainAuthorizedClientProviders providers;

		ProviderConfiguration(EgainAuthProperties properties, EgainTokenExpiry tokenExpiry,
				ObjectProvider<ObservationRegistry> observationRegistry, EgainHttpClientFactory egainHttpClientFactory,
				EgainClientRegistrationRepository registrations) {
			this.providers = new EgainAuthorizedClientProviders(properties,
					egainHttpClientFactory.tokenRequestFactory(properties.getTokenEndpoint()),
					observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), tokenExpiry,
					egainHttpClientFactory.retries(), registrations);
		}

		@Bean
		@ConditionalOnProperty(prefix = "egain.auth.discovery", name = "enabled", havingValue = "true")
		EgainTenantMetadataClient egainTenantMetadataClient() {
			return this.providers.tenantMetadataClient();
		}

		@Bean
		@ConditionalOnMissingBean
		OnBehalfOfOAuth2AuthorizedClientProvider egainOnBehalfOfAuthorizedClientProvider() {
			return this.providers.onBehalfOf();
		}

		@Bean
		@ConditionalOnMissingBean
		EgainClientCredentialsOAuth2AuthorizedClientProvider egainClientCredentialsAuthorizedClientProvider() {
			return this.providers.clientCredentials();
		}

	}

}
