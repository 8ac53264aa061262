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

import io.github.egainauth.client.endpoint.AbstractWebClientReactiveEgainTokenResponseClient;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the {@link WebClient} that talks to eGain's token endpoints, with the configured
 * connect and read timeouts when Reactor Netty is the HTTP client.
 *
 * @author egain-auth authors
 */
final class ReactiveEgainTokenEndpointClients {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			ReactiveEgainTokenEndpointClients.class.getClassLoader());

	private ReactiveEgainTokenEndpointClients() {
	}

	/**
	 * Applies the token endpoint settings to a reactive token client.
	 */
	static <C extends AbstractWebClientReactiveEgainTokenResponseClient<?>> C configure(C tokenClient,
			EgainAuthProperties properties, ObservationRegistry observationRegistry) {
		tokenClient.setObservationRegistry(observationRegistry);
		tokenClient.setWebClient(webClient(properties.getTokenEndpoint()));
		tokenClient.setRetryPolicy(EgainTokenEndpointClients.retryPolicy(properties.getTokenEndpoint()));
		tokenClient.setDefaultLifetime(properties.getDefaultTokenLifetime());
		return tokenClient;
	}

	private static WebClient webClient(EgainAuthProperties.TokenEndpoint tokenEndpoint) {
		if (!REACTOR_NETTY_PRESENT) {
			return WebClient.create();
		}
		return WebClient.builder().clientConnector(ReactorConnector.create(tokenEndpoint)).build();
	}

	private static final class ReactorConnector {

		static ReactorClientHttpConnector create(EgainAuthProperties.TokenEndpoint tokenEndpoint) {
			HttpClient httpClient = HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) tokenEndpoint.getConnectTimeout().toMillis())
				.responseTimeout(tokenEndpoint.getReadTimeout());
			return new ReactorClientHttpConnector(httpClient);
		}

	}

}
