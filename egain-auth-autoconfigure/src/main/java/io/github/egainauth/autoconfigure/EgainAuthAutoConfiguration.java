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

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.CaffeineReactiveOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainClientCredentialsOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainClientFailure;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.EgainSubjectResolver;
import io.github.egainauth.client.EgainTokenStatistics;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.OnBehalfOfReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.endpoint.RestClientEgainClientCredentialsTokenResponseClient;
import io.github.egainauth.client.endpoint.RestClientOnBehalfOfTokenResponseClient;
import io.github.egainauth.client.endpoint.WebClientReactiveEgainClientCredentialsTokenResponseClient;
import io.github.egainauth.client.endpoint.WebClientReactiveOnBehalfOfTokenResponseClient;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import io.github.egainauth.client.web.client.EgainClientHttpRequestInterceptor;
import io.github.egainauth.client.web.client.EgainRestClients;
import io.github.egainauth.client.web.reactive.EgainExchangeFilterFunction;
import io.github.egainauth.client.web.reactive.EgainWebClients;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.log.LogMessage;
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

	private static final Log logger = LogFactory.getLog(EgainAuthAutoConfiguration.class);

	/**
	 * The name of the application-defined {@code OAuth2AuthorizedClientService} (or
	 * {@code ReactiveOAuth2AuthorizedClientService}) bean that, if present, stores eGain
	 * tokens instead of the bounded in-memory store.
	 */
	public static final String AUTHORIZED_CLIENT_SERVICE_BEAN_NAME = "egainAuthorizedClientService";

	@Bean
	@ConditionalOnMissingBean
	EgainClientRegistrationRepository egainClientRegistrationRepository(EgainAuthProperties properties) {
		EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(
				new EgainAuthPropertiesMapper(properties).asClientRegistrations().values());
		logger.info(LogMessage.of(() -> describe(registrations)));
		return registrations;
	}

	/**
	 * One line naming each client, its flow and token endpoint; nothing secret.
	 */
	static String describe(EgainClientRegistrationRepository registrations) {
		StringBuilder line = new StringBuilder("eGain clients:");
		for (ClientRegistration registration : registrations) {
			EgainFlow flow = EgainFlow.from(registration);
			line.append(' ')
				.append(registration.getRegistrationId())
				.append(" (")
				.append((flow != null) ? flow.getValue() : registration.getAuthorizationGrantType().getValue())
				.append(" at ")
				.append(registration.getProviderDetails().getTokenUri())
				.append(')');
		}
		return line.toString();
	}

	@Bean
	@ConditionalOnMissingBean
	EgainSubjectResolver egainSubjectResolver() {
		return EgainSubjectResolver.principalName();
	}

	/**
	 * eGain tokens go only to the API base URL's origin and any configured further ones;
	 * a host under the deprecated allowed-hosts stands for its https origin on port 443.
	 */
	@SuppressWarnings("deprecation")
	private static EgainAllowedOrigins allowedOrigins(EgainAuthProperties properties) {
		URI apiBaseUrl = URI.create(properties.getApiBaseUrl().trim());
		Set<String> origins = new LinkedHashSet<>();
		origins.add(apiBaseUrl.getScheme() + "://" + apiBaseUrl.getHost()
				+ ((apiBaseUrl.getPort() != -1) ? ":" + apiBaseUrl.getPort() : ""));
		origins.addAll(properties.getAllowedOrigins());
		properties.getAllowedHosts().forEach((host) -> origins.add("https://" + host.trim()));
		return EgainAllowedOrigins.of(origins);
	}

	private static @Nullable String defaultClientName(EgainClientRegistrationRepository registrations) {
		return (registrations.getNames().size() == 1) ? registrations.getNames().iterator().next() : null;
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(NotReactiveWebApplicationCondition.class)
	static class BlockingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OnBehalfOfOAuth2AuthorizedClientProvider egainOnBehalfOfAuthorizedClientProvider(EgainAuthProperties properties,
				ObjectProvider<ObservationRegistry> observationRegistry) {
			RestClientOnBehalfOfTokenResponseClient tokenClient = EgainTokenEndpointClients.configure(
					new RestClientOnBehalfOfTokenResponseClient(), properties,
					observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
			OnBehalfOfOAuth2AuthorizedClientProvider provider = new OnBehalfOfOAuth2AuthorizedClientProvider();
			provider.setAccessTokenResponseClient(tokenClient);
			provider.setClockSkew(properties.getClockSkew());
			return provider;
		}

		@Bean
		@ConditionalOnMissingBean
		EgainClientCredentialsOAuth2AuthorizedClientProvider egainClientCredentialsAuthorizedClientProvider(
				EgainAuthProperties properties, ObjectProvider<ObservationRegistry> observationRegistry) {
			RestClientEgainClientCredentialsTokenResponseClient tokenClient = EgainTokenEndpointClients.configure(
					new RestClientEgainClientCredentialsTokenResponseClient(), properties,
					observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
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
				EgainClientRegistrationRepository registrations, EgainAuthProperties properties) {
			EgainClientHttpRequestInterceptor interceptor = new EgainClientHttpRequestInterceptor(accessTokens);
			interceptor.setDefaultClientName(defaultClientName(registrations));
			interceptor.setAllowedOrigins(allowedOrigins(properties));
			return interceptor;
		}

		/**
		 * The ready-made clients keep the application's HTTP library and
		 * {@code spring.http.clients} settings, but never follow redirects.
		 */
		@Bean
		@ConditionalOnMissingBean
		EgainRestClients egainRestClients(ObjectProvider<RestClient.Builder> builders,
				EgainClientHttpRequestInterceptor interceptor, EgainAuthProperties properties,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings) {
			EgainRestClients restClients = new EgainRestClients(() -> builders.getIfAvailable(RestClient::builder),
					interceptor, properties.getApiBaseUrl(), properties.getAcceptLanguage());
			restClients
				.setRequestFactory(EgainHttpClients.apiRequestFactory(requestFactoryBuilder, httpClientSettings));
			return restClients;
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
				EgainAuthProperties properties, ObjectProvider<ObservationRegistry> observationRegistry) {
			WebClientReactiveOnBehalfOfTokenResponseClient tokenClient = ReactiveEgainTokenEndpointClients.configure(
					new WebClientReactiveOnBehalfOfTokenResponseClient(), properties,
					observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
			OnBehalfOfReactiveOAuth2AuthorizedClientProvider provider = new OnBehalfOfReactiveOAuth2AuthorizedClientProvider();
			provider.setAccessTokenResponseClient(tokenClient);
			provider.setClockSkew(properties.getClockSkew());
			return provider;
		}

		@Bean
		@ConditionalOnMissingBean
		EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider egainClientCredentialsReactiveAuthorizedClientProvider(
				EgainAuthProperties properties, ObjectProvider<ObservationRegistry> observationRegistry) {
			WebClientReactiveEgainClientCredentialsTokenResponseClient tokenClient = ReactiveEgainTokenEndpointClients
				.configure(new WebClientReactiveEgainClientCredentialsTokenResponseClient(), properties,
						observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
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
				EgainClientRegistrationRepository registrations, EgainAuthProperties properties) {
			EgainExchangeFilterFunction filter = new EgainExchangeFilterFunction(accessTokens.getObject());
			filter.setDefaultClientName(defaultClientName(registrations));
			filter.setAllowedOrigins(allowedOrigins(properties));
			return filter;
		}

		/**
		 * The ready-made clients keep the application's HTTP library and
		 * {@code spring.http.clients} settings, but never follow redirects.
		 */
		@Bean
		@ConditionalOnMissingBean
		EgainWebClients egainWebClients(ObjectProvider<WebClient.Builder> builders, EgainExchangeFilterFunction filter,
				EgainAuthProperties properties, ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings) {
			EgainWebClients webClients = new EgainWebClients(() -> builders.getIfAvailable(WebClient::builder), filter,
					properties.getApiBaseUrl(), properties.getAcceptLanguage());
			webClients.setConnector(EgainHttpClients.apiConnector(connectorBuilder, httpClientSettings));
			return webClients;
		}

	}

	/**
	 * Metrics, health and info for whichever manager the application runs.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ObservabilityConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EgainTokenStatus egainTokenStatus(ObjectProvider<EgainAuthorizedClientManager> blocking,
				ObjectProvider<EgainReactiveAuthorizedClientManager> reactive) {
			EgainAuthorizedClientManager blockingManager = blocking.getIfAvailable();
			if (blockingManager != null) {
				return new EgainTokenStatus(blockingManager::getStatistics, blockingManager::getFailingClients);
			}
			EgainReactiveAuthorizedClientManager reactiveManager = reactive.getIfAvailable();
			return (reactiveManager != null)
					? new EgainTokenStatus(reactiveManager::getStatistics, reactiveManager::getFailingClients)
					: new EgainTokenStatus(() -> new EgainTokenStatistics(0, 0, 0, 0), Map::of);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static class MetricsConfiguration {

			@Bean
			@ConditionalOnMissingBean
			EgainTokenMetrics egainTokenMetrics(EgainClientRegistrationRepository registrations,
					EgainTokenStatus egainTokenStatus) {
				return new EgainTokenMetrics(registrations, egainTokenStatus.statistics());
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(InfoContributor.class)
		static class ActuatorConfiguration {

			@Bean
			@ConditionalOnMissingBean
			EgainInfoContributor egainInfoContributor(EgainClientRegistrationRepository registrations) {
				return new EgainInfoContributor(registrations);
			}

			/**
			 * Masks eGain client secrets in {@code /configprops} and {@code /env} even
			 * when an application chooses to show values there: under keys that name them
			 * (e.g. {@code EGAIN_CLIENT_SECRET}) and in any value that contains one (e.g.
			 * {@code sun.java.command}).
			 */
			@Bean
			@ConditionalOnMissingBean(name = "egainSecretSanitizingFunction")
			SanitizingFunction egainSecretSanitizingFunction(EgainAuthProperties properties) {
				return new EgainSecretSanitizingFunction(properties);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(AbstractHealthIndicator.class)
		static class HealthConfiguration {

			@Bean
			@ConditionalOnEnabledHealthIndicator("egain")
			@ConditionalOnMissingBean
			EgainHealthIndicator egainHealthIndicator(EgainClientRegistrationRepository registrations,
					EgainTokenStatus egainTokenStatus) {
				return new EgainHealthIndicator(registrations, egainTokenStatus.failingClients(),
						egainTokenStatus.statistics());
			}

		}

	}

	/**
	 * The running manager's statistics and failing clients, whichever stack it serves.
	 *
	 * @param statistics the token statistics
	 * @param failingClients the clients whose latest token request failed for a reason of
	 * the client
	 */
	record EgainTokenStatus(Supplier<EgainTokenStatistics> statistics,
			Supplier<Map<String, EgainClientFailure>> failingClients) {

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
