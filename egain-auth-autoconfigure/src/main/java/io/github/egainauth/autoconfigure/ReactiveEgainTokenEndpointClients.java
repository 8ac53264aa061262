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

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the {@link WebClient} that talks to eGain's token endpoints, with the configured
 * connect and read timeouts, never following redirects.
 *
 * @author egain-auth authors
 */
final class ReactiveEgainTokenEndpointClients {

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
		return WebClient.builder().clientConnector(EgainHttpClients.tokenConnector(tokenEndpoint)).build();
	}

}
