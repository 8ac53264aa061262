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

import java.time.Instant;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;

import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * The decisions the servlet and reactive on-behalf-of providers share: which
 * registrations they serve, when a held token may be used, and the grant request for a
 * context.
 *
 * @author egain-auth authors
 */
final class OnBehalfOfAuthorization {

	private OnBehalfOfAuthorization() {
	}

	/**
	 * Returns whether the registration is an eGain on-behalf-of client; an application's
	 * own {@code password} registration is not.
	 * @param clientRegistration the client registration
	 * @return whether it is an eGain on-behalf-of client
	 */
	static boolean supports(ClientRegistration clientRegistration) {
		EgainFlow flow = EgainFlow.from(clientRegistration);
		return flow != null && flow.isOnBehalfOf();
	}

	/**
	 * Returns whether the context's held client may serve the context's subject: it must
	 * have been issued to this client for exactly this subject, and not be about to
	 * expire. Spring's managers hand over whatever they stored under the principal's
	 * name, which may be another subject's token.
	 * @param context the authorization context
	 * @param subject the context's subject
	 * @param tokenExpiry the token expiry policy
	 * @return whether the held client may serve the subject
	 */
	static boolean hasValidToken(OAuth2AuthorizationContext context, EgainSubject subject,
			EgainTokenExpiry tokenExpiry) {
		OAuth2AuthorizedClient authorizedClient = context.getAuthorizedClient();
		return authorizedClient != null
				&& EgainAuthorizedClient.isIssuedFor(authorizedClient,
						context.getClientRegistration().getRegistrationId(), subject)
				&& tokenExpiry.isUsable(authorizedClient);
	}

	/**
	 * Returns the context's subject; a context without one is refused before anything is
	 * sent, because eGain would only answer with an error.
	 * @param context the authorization context
	 * @return the subject
	 */
	static EgainSubject subject(OAuth2AuthorizationContext context) {
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
		return egainSubject;
	}

	/**
	 * Returns the authorized client for a token issued for the subject, bound to it. A
	 * token issued for an identity provider's token expires no later than that token: it
	 * is not used once the user's sign-in has ended.
	 * @param context the authorization context
	 * @param subject the subject the token was issued for
	 * @param tokenResponse the token response
	 * @return the authorized client
	 */
	static OAuth2AuthorizedClient authorizedClient(OAuth2AuthorizationContext context, EgainSubject subject,
			OAuth2AccessTokenResponse tokenResponse) {
		OAuth2AccessToken accessToken = expiringWithSubject(tokenResponse.getAccessToken(), subject);
		IssuedTokens.issued(accessToken, context.getClientRegistration().getRegistrationId(), subject);
		return new EgainAuthorizedClient(context.getClientRegistration(), context.getPrincipal().getName(), subject,
				accessToken, tokenResponse.getRefreshToken());
	}

	private static OAuth2AccessToken expiringWithSubject(OAuth2AccessToken accessToken, EgainSubject subject) {
		Instant subjectExpiresAt = subject.getExpiresAt();
		Instant expiresAt = accessToken.getExpiresAt();
		if (subjectExpiresAt == null || (expiresAt != null && !subjectExpiresAt.isBefore(expiresAt))) {
			return accessToken;
		}
		Instant issuedAt = accessToken.getIssuedAt();
		return new OAuth2AccessToken(accessToken.getTokenType(), accessToken.getTokenValue(),
				(issuedAt != null && issuedAt.isBefore(subjectExpiresAt)) ? issuedAt : null, subjectExpiresAt,
				accessToken.getScopes());
	}

}
