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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorSettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the HTTP clients that eGain's token requests and ready-made API
 * clients use on Spring Boot 3: Spring Boot's HTTP client infrastructure
 * ({@code spring.http.client.*}, {@code spring.http.reactiveclient.*}, SSL bundles),
 * never following redirects.
 *
 * @author egain-auth authors
 */
@AutoConfiguration(after = EgainAuthAutoConfiguration.class,
		before = { EgainAuthBlockingAutoConfiguration.class, EgainAuthReactiveAutoConfiguration.class,
				EgainAuthWebClientAutoConfiguration.class })
@Conditional(EgainClientsConfiguredCondition.class)
public final class EgainAuthHttpClientAutoConfiguration {

	@Bean
	EgainHttpClientFactory egainHttpClientFactory(
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<ClientHttpRequestFactorySettings> requestFactorySettings,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<ClientHttpConnectorSettings> connectorSettings, ObjectProvider<SslBundles> sslBundles) {
		return new EgainHttpClients(requestFactoryBuilder, requestFactorySettings, connectorBuilder, connectorSettings,
				sslBundles);
	}

}
