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

package io.github.egainauth.client;

import io.github.egainauth.EgainFlow;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

/**
 * The decisions the servlet and reactive client-credentials providers share: which
 * registrations they serve (eGain's client-credentials and anonymous-customer clients,
 * never an application's own), and when Spring's provider is asked for a new token.
 *
 * @author egain-auth authors
 */
final class ApplicationFlowAuthorization {

	private ApplicationFlowAuthorization() {
	}

	/**
	 * Returns the context to hand to Spring's client-credentials provider, or
	 * {@code null} when the registration is not an eGain application-level client or its
	 * held token is still usable. The context holds no token, so Spring's provider
	 * requests a new one whatever its own expiry check would say: the policy decides.
	 * @param context the provider's authorization context
	 * @param tokenExpiry the token expiry policy
	 * @return the renewal context, or {@code null} if there is nothing to renew
	 */
	static @Nullable OAuth2AuthorizationContext renewal(OAuth2AuthorizationContext context,
			EgainTokenExpiry tokenExpiry) {
		EgainFlow flow = EgainFlow.from(context.getClientRegistration());
		if (flow == null || flow.isOnBehalfOf()) {
			return null;
		}
		OAuth2AuthorizedClient authorizedClient = context.getAuthorizedClient();
		if (authorizedClient != null && tokenExpiry.isUsable(authorizedClient)) {
			return null;
		}
		return OAuth2AuthorizationContext.withClientRegistration(context.getClientRegistration())
			.principal(context.getPrincipal())
			.attributes((attributes) -> attributes.putAll(context.getAttributes()))
			.build();
	}

}
