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
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.endpoint.OnBehalfOfGrantRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * The decisions the servlet and reactive on-behalf-of providers share: which
 * registrations they serve, when a held token is still good, and the grant request for a
 * context.
 *
 * @author egain-auth authors
 */
final class OnBehalfOfAuthorization {

	private OnBehalfOfAuthorization() {
	}

	static boolean supports(ClientRegistration clientRegistration) {
		return EgainFlow.PASSWORD.equals(clientRegistration.getAuthorizationGrantType());
	}

	static boolean hasValidToken(@Nullable OAuth2AuthorizedClient authorizedClient, TokenExpiry tokenExpiry) {
		return authorizedClient != null && tokenExpiry.isUsable(authorizedClient);
	}

	/**
	 * Returns the grant request for the context's subject; a context without one is
	 * refused before anything is sent, because eGain would only answer with an error.
	 */
	static OnBehalfOfGrantRequest grantRequest(OAuth2AuthorizationContext context) {
		ClientRegistration clientRegistration = context.getClientRegistration();
		Object subject = context.getAttribute(EgainSubject.ATTRIBUTE_NAME);
		if (!(subject instanceof EgainSubject egainSubject)) {
			EgainFlow flow = EgainFlow.from(clientRegistration);
			throw new IllegalArgumentException("eGain client '" + clientRegistration.getRegistrationId() + "' uses the "
					+ ((flow != null) ? flow.getValue() : "on-behalf-of") + " flow and needs an EgainSubject, but "
					+ ((subject != null) ? "the attribute '" + EgainSubject.ATTRIBUTE_NAME + "' holds a "
							+ subject.getClass().getName() : "none was given")
					+ "; put one in the authorization context attribute '" + EgainSubject.ATTRIBUTE_NAME + "'");
		}
		return new OnBehalfOfGrantRequest(clientRegistration, egainSubject);
	}

}
