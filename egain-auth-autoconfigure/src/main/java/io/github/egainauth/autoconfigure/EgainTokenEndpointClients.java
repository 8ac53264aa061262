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

import io.github.egainauth.client.endpoint.AbstractRestClientEgainTokenResponseClient;
import io.micrometer.observation.ObservationRegistry;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;

import org.springframework.web.client.RestClient;

/**
 * Builds the {@link RestClient} that talks to eGain's token endpoints, with the
 * configured connect and read timeouts, never following redirects.
 *
 * @author egain-auth authors
 */
final class EgainTokenEndpointClients {

	private EgainTokenEndpointClients() {
	}

	/**
	 * Applies the token endpoint settings to a blocking token client.
	 */
	static <C extends AbstractRestClientEgainTokenResponseClient<?>> C configure(C tokenClient,
			EgainAuthProperties properties, ObservationRegistry observationRegistry) {
		tokenClient.setObservationRegistry(observationRegistry);
		tokenClient.setRestClient(restClient(properties.getTokenEndpoint()));
		tokenClient.setRetryPolicy(retryPolicy(properties.getTokenEndpoint()));
		tokenClient.setDefaultLifetime(properties.getDefaultTokenLifetime());
		return tokenClient;
	}

	static EgainRetryPolicy retryPolicy(EgainAuthProperties.TokenEndpoint tokenEndpoint) {
		return new EgainRetryPolicy(tokenEndpoint.getMaxAttempts(), tokenEndpoint.getInitialBackoff(),
				tokenEndpoint.getMaxBackoff(), tokenEndpoint.getDeadline());
	}

	private static RestClient restClient(EgainAuthProperties.TokenEndpoint tokenEndpoint) {
		return RestClient.builder().requestFactory(EgainHttpClients.tokenRequestFactory(tokenEndpoint)).build();
	}

}
