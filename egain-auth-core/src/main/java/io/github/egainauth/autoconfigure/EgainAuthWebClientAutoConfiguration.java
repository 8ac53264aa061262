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

import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import io.github.egainauth.client.web.reactive.EgainExchangeFilterFunction;
import io.github.egainauth.client.web.reactive.EgainWebClients;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of eGain tokens for {@code WebClient}, in reactive and blocking
 * applications alike: the exchange filter function and ready-made {@code WebClient}s. In
 * a blocking application, {@code WebClient} calls take their tokens from the blocking
 * manager, so both share one cache.
 *
 * @author egain-auth authors
 */
@AutoConfiguration(after = { EgainAuthBlockingAutoConfiguration.class, EgainAuthReactiveAutoConfiguration.class })
@ConditionalOnClass({ WebClient.class, Mono.class })
@Conditional(EgainClientsConfiguredCondition.class)
public final class EgainAuthWebClientAutoConfiguration {

	/**
	 * Tokens for {@code WebClient} calls in a blocking application come from the blocking
	 * manager; its work runs off the event loop.
	 * @param egainAuthorizedClientManager the blocking manager
	 * @return the access tokens
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EgainAuthorizedClientManager.class)
	ReactiveEgainAccessTokens egainReactiveAccessTokens(EgainAuthorizedClientManager egainAuthorizedClientManager) {
		return ReactiveEgainAuthBeans.blockingAccessTokens(egainAuthorizedClientManager);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ReactiveEgainAccessTokens.class)
	EgainExchangeFilterFunction egainExchangeFilterFunction(ReactiveEgainAccessTokens accessTokens,
			EgainClientRegistrationRepository registrations, EgainAllowedOrigins allowedOrigins) {
		return ReactiveEgainAuthBeans.exchangeFilterFunction(accessTokens, registrations, allowedOrigins);
	}

	/**
	 * The ready-made clients start from Spring Boot's {@code WebClient.Builder}, so the
	 * application's customizers, observations and codecs apply; they keep its HTTP
	 * library and {@code spring.http.clients} settings, but never follow redirects.
	 * @param builders the application's {@code WebClient.Builder}, if any
	 * @param filter the filter that adds eGain tokens
	 * @param properties the {@code egain.auth} properties, for the API base URL and
	 * accept language
	 * @param egainHttpClientFactory the HTTP clients of this Spring Boot line
	 * @return the ready-made clients
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EgainExchangeFilterFunction.class)
	EgainWebClients egainWebClients(ObjectProvider<WebClient.Builder> builders, EgainExchangeFilterFunction filter,
			EgainAuthProperties properties, EgainHttpClientFactory egainHttpClientFactory) {
		EgainWebClients webClients = ReactiveEgainAuthBeans.webClients(builders, filter, properties,
				egainHttpClientFactory.apiConnector());
		webClients.setHttpServiceCustomizer(egainHttpClientFactory::customizeHttpService);
		return webClients;
	}

}
