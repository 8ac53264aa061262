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

package io.github.egainauth.client.endpoint;

import io.github.egainauth.EgainFlow;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * The {@link Observation} of one token request, retries included. Its low-cardinality
 * keys are the client, the flow and the outcome ({@code success}, or eGain's error code);
 * never the subject, which would make one time series per user.
 *
 * @author egain-auth authors
 */
final class TokenRequestObservations {

	/**
	 * The name of token request observations, and of the timer Micrometer derives.
	 */
	static final String NAME = "egain.auth.token.requests";

	private TokenRequestObservations() {
	}

	static Observation start(ObservationRegistry registry, AbstractOAuth2AuthorizationGrantRequest grantRequest) {
		EgainFlow flow = EgainFlow.from(grantRequest.getClientRegistration());
		return Observation.createNotStarted(NAME, registry)
			.contextualName("egain token request")
			.lowCardinalityKeyValue("client", grantRequest.getClientRegistration().getRegistrationId())
			.lowCardinalityKeyValue("flow", (flow != null) ? flow.getValue() : grantRequest.getGrantType().getValue())
			.start();
	}

	static void succeeded(Observation observation) {
		observation.lowCardinalityKeyValue("outcome", "success").stop();
	}

	static void failed(Observation observation, Throwable failure) {
		String outcome = (failure instanceof OAuth2AuthorizationException ex) ? ex.getError().getErrorCode() : "error";
		observation.lowCardinalityKeyValue("outcome", outcome).error(failure).stop();
	}

	static void cancelled(Observation observation) {
		observation.lowCardinalityKeyValue("outcome", "cancelled").stop();
	}

}
