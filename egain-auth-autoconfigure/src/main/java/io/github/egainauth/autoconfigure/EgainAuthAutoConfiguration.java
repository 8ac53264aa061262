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
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainClientCredentialsOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.EgainSubjectResolver;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.OnBehalfOfReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.endpoint.RestClientEgainClientCredentialsTokenResponseClient;
import io.github.egainauth.client.endpoint.RestClientOnBehalfOfTokenResponseClient;
import io.github.egainauth.client.endpoint.WebClientReactiveEgainClientCredentialsTokenResponseClient;
import io.github.egainauth.client.endpoint.WebClientReactiveOnBehalfOfTokenResponseClient;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.web.client.EgainClientHttpRequestInterceptor;
import io.github.egainauth.client.web.client.EgainRestClients;
import io.github.egainauth.client.web.reactive.EgainExchangeFilterFunction;
import io.github.egainauth.client.web.reactive.EgainWebClients;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.DelegatingOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for eGain clients declared under {@code egain.auth.clients}: their
 * registrations, eGain's authorized-client providers, a subject-keyed authorized-client
 * manager, and token-carrying {@code RestClient}s and {@code WebClient}s. Blocking
 * applications (servlet and non-web) get the blocking stack, reactive web applications
 * the reactive one. Nothing here touches the application's inbound web security.
 *
 * @author egain-auth authors
 */
@AutoConfiguration
@ConditionalOnClass({ ClientRegistration.class, RestClient.class })
@Conditional(EgainClientsConfiguredCondition.class)
@EnableConfigurationProperties(EgainAuthProperties.class)
public final class EgainAuthAutoConfiguration {

	/**
	 * The name of the application-defined {@code OAuth2AuthorizedClientService} (or
	 * {@code ReactiveOAuth2AuthorizedClientService}) bean that, if present, stores eGain
	 * tokens instead of the bounded in-memory store.
	 */
	public static final String AUTHORIZED_CLIENT_SERVICE_BEAN_NAME = "egainAuthorizedClientService";

	@Bean
	@ConditionalOnMissingBean
	EgainClientRegistrationRepository egainClientRegistrationRepository(EgainAuthProperties properties) {
		return new EgainClientRegistrationRepository(
				new EgainAuthPropertiesMapper(properties).asClientRegistrations().values());
	}

	@Bean
	@ConditionalOnMissingBean
	EgainSubjectResolver egainSubjectResolver() {
		return EgainSubjectResolver.principalName();
	}

	private static @Nullable String defaultClientName(EgainClientRegistrationRepository registrations) {
		return (registrations.getNames().size() == 1) ? registrations.getNames().iterator().next() : null;
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(NotReactiveWebApplicationCondition.class)
	static class BlockingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OnBehalfOfOAuth2AuthorizedClientProvider egainOnBehalfOfAuthorizedClientProvider(
				EgainAuthProperties properties) {
			RestClientOnBehalfOfTokenResponseClient tokenClient = EgainTokenEndpointClients
				.configure(new RestClientOnBehalfOfTokenResponseClient(), properties);
			OnBehalfOfOAuth2AuthorizedClientProvider provider = new OnBehalfOfOAuth2AuthorizedClientProvider();
			provider.setAccessTokenResponseClient(tokenClient);
			provider.setClockSkew(properties.getClockSkew());
			return provider;
		}

		@Bean
		@ConditionalOnMissingBean
		EgainClientCredentialsOAuth2AuthorizedClientProvider egainClientCredentialsAuthorizedClientProvider(
				EgainAuthProperties properties) {
			RestClientEgainClientCredentialsTokenResponseClient tokenClient = EgainTokenEndpointClients
				.configure(new RestClientEgainClientCredentialsTokenResponseClient(), properties);
			EgainClientCredentialsOAuth2AuthorizedClientProvider provider = new EgainClientCredentialsOAuth2AuthorizedClientProvider();
			provider.setAccessTokenResponseClient(tokenClient);
			provider.setClockSkew(properties.getClockSkew());
			return provider;
		}

		/**
		 * Tokens go to the application's {@code egainAuthorizedClientService} bean if it
		 * defines one (e.g. a {@code JdbcOAuth2AuthorizedClientService} shared across
		 * instances), else to a bounded in-memory store. Any other
		 * {@code OAuth2AuthorizedClientService} is left to the application's own clients.
		 */
		@Bean
		@ConditionalOnMissingBean
		EgainAuthorizedClientManager egainAuthorizedClientManager(EgainClientRegistrationRepository registrations,
				EgainSubjectResolver subjectResolver,
				OnBehalfOfOAuth2AuthorizedClientProvider egainOnBehalfOfAuthorizedClientProvider,
				EgainClientCredentialsOAuth2AuthorizedClientProvider egainClientCredentialsAuthorizedClientProvider,
				@Qualifier(AUTHORIZED_CLIENT_SERVICE_BEAN_NAME) ObjectProvider<OAuth2AuthorizedClientService> authorizedClientService,
				EgainAuthProperties properties) {
			EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(registrations::findByRegistrationId,
					authorizedClientService.getIfAvailable(
							() -> new CaffeineOAuth2AuthorizedClientService(properties.getCache().getMaxSubjects())));
			manager.setAuthorizedClientProvider(new DelegatingOAuth2AuthorizedClientProvider(
					egainOnBehalfOfAuthorizedClientProvider, egainClientCredentialsAuthorizedClientProvider));
			manager.setSubjectResolver(subjectResolver);
			manager.setClockSkew(properties.getClockSkew());
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
				EgainClientRegistrationRepository registrations) {
			EgainClientHttpRequestInterceptor interceptor = new EgainClientHttpRequestInterceptor(accessTokens);
			interceptor.setDefaultClientName(defaultClientName(registrations));
			return interceptor;
		}

		@Bean
		@ConditionalOnMissingBean
		EgainRestClients egainRestClients(ObjectProvider<RestClient.Builder> builders,
				EgainClientHttpRequestInterceptor interceptor, EgainAuthProperties properties) {
			return new EgainRestClients(() -> builders.getIfAvailable(RestClient::builder), interceptor,
					properties.getApiBaseUrl(), properties.getAcceptLanguage());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ WebClient.class, Mono.class })
		static class BlockingWebClientConfiguration {

			/**
			 * Tokens for {@code WebClient} calls in a blocking application come from the
			 * blocking manager, so both share one cache; its work runs off the event
			 * loop.
			 */
			@Bean
			@ConditionalOnMissingBean
			ReactiveEgainAccessTokens egainReactiveAccessTokens(
					EgainAuthorizedClientManager egainAuthorizedClientManager) {
				ReactiveEgainAccessTokens accessTokens = new ReactiveEgainAccessTokens((authorizeRequest) -> Mono
					.fromCallable(() -> egainAuthorizedClientManager.authorize(authorizeRequest))
					.subscribeOn(Schedulers.boundedElastic()));
				accessTokens.setInvalidator((authorizedClient) -> Mono
					.fromRunnable(() -> egainAuthorizedClientManager.evict(authorizedClient))
					.subscribeOn(Schedulers.boundedElastic())
					.then());
				return accessTokens;
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass({ WebClient.class, Mono.class })
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OnBehalfOfReactiveOAuth2AuthorizedClientProvider egainOnBehalfOfReactiveAuthorizedClientProvider(
				EgainAuthProperties properties) {
			WebClientReactiveOnBehalfOfTokenResponseClient tokenClient = ReactiveEgainTokenEndpointClients
				.configure(new WebClientReactiveOnBehalfOfTokenResponseClient(), properties);
			OnBehalfOfReactiveOAuth2AuthorizedClientProvider provider = new OnBehalfOfReactiveOAuth2AuthorizedClientProvider();
			provider.setAccessTokenResponseClient(tokenClient);
			provider.setClockSkew(properties.getClockSkew());
			return provider;
		}

		@Bean
		@ConditionalOnMissingBean
		EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider egainClientCredentialsReactiveAuthorizedClientProvider(
				EgainAuthProperties properties) {
			WebClientReactiveEgainClientCredentialsTokenResponseClient tokenClient = ReactiveEgainTokenEndpointClients
				.configure(new WebClientReactiveEgainClientCredentialsTokenResponseClient(), properties);
			EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider();
			provider.setAccessTokenResponseClient(tokenClient);
			provider.setClockSkew(properties.getClockSkew());
			return provider;
		}

		/**
		 * Tokens go to the application's {@code egainAuthorizedClientService} bean if it
		 * defines one, else to a bounded in-memory store.
		 */
		@Bean
		@ConditionalOnMissingBean
		EgainReactiveAuthorizedClientManager egainReactiveAuthorizedClientManager(
				EgainClientRegistrationRepository registrations, EgainSubjectResolver subjectResolver,
				OnBehalfOfReactiveOAuth2AuthorizedClientProvider egainOnBehalfOfReactiveAuthorizedClientProvider,
				EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider egainClientCredentialsReactiveAuthorizedClientProvider,
				@Qualifier(AUTHORIZED_CLIENT_SERVICE_BEAN_NAME) ObjectProvider<ReactiveOAuth2AuthorizedClientService> authorizedClientService,
				EgainAuthProperties properties) {
			EgainReactiveAuthorizedClientManager manager = new EgainReactiveAuthorizedClientManager(
					registrations::findByRegistrationId,
					authorizedClientService.getIfAvailable(() -> new CaffeineReactiveOAuth2AuthorizedClientService(
							new CaffeineOAuth2AuthorizedClientService(properties.getCache().getMaxSubjects()))));
			manager.setAuthorizedClientProvider(new DelegatingReactiveOAuth2AuthorizedClientProvider(
					egainOnBehalfOfReactiveAuthorizedClientProvider,
					egainClientCredentialsReactiveAuthorizedClientProvider));
			manager.setSubjectResolver(subjectResolver);
			manager.setClockSkew(properties.getClockSkew());
			return manager;
		}

		@Bean
		@ConditionalOnMissingBean
		ReactiveEgainAccessTokens egainReactiveAccessTokens(
				EgainReactiveAuthorizedClientManager egainReactiveAuthorizedClientManager) {
			return new ReactiveEgainAccessTokens(egainReactiveAuthorizedClientManager);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, Mono.class })
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EgainExchangeFilterFunction egainExchangeFilterFunction(ObjectProvider<ReactiveEgainAccessTokens> accessTokens,
				EgainClientRegistrationRepository registrations) {
			EgainExchangeFilterFunction filter = new EgainExchangeFilterFunction(accessTokens.getObject());
			filter.setDefaultClientName(defaultClientName(registrations));
			return filter;
		}

		@Bean
		@ConditionalOnMissingBean
		EgainWebClients egainWebClients(ObjectProvider<WebClient.Builder> builders, EgainExchangeFilterFunction filter,
				EgainAuthProperties properties) {
			return new EgainWebClients(() -> builders.getIfAvailable(WebClient::builder), filter,
					properties.getApiBaseUrl(), properties.getAcceptLanguage());
		}

	}

	static class NotReactiveWebApplicationCondition extends NoneNestedConditions {

		NotReactiveWebApplicationCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		private static final class ReactiveWebApplication {

		}

	}

}
