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
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientId;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * How egain-auth's managers keep a token bound to its client and subject. They store a
 * subject's token only under that subject's name (see
 * {@link EgainAuthorizeRequests#storageName(EgainSubject)}), so a client read back from
 * their own store under that name is the subject's even when the store forgets the
 * subject (as {@code JdbcOAuth2AuthorizedClientService} does). A client that says it was
 * issued for another subject or client is never used.
 *
 * @author egain-auth authors
 */
final class SubjectBinding {

	private SubjectBinding() {
	}

	/**
	 * Returns whether a caller-supplied authorized client may be re-authorized for the
	 * given client and subject: only one issued to that client for that very subject.
	 * @param authorizedClient the caller-supplied authorized client
	 * @param id the client and the name the token is stored under
	 * @param subject the subject, or {@code null} for application-level flows
	 * @return whether it may be re-authorized
	 */
	static boolean serves(OAuth2AuthorizedClient authorizedClient, OAuth2AuthorizedClientId id,
			@Nullable EgainSubject subject) {
		if (!id.getClientRegistrationId().equals(authorizedClient.getClientRegistration().getRegistrationId())) {
			return false;
		}
		return (subject != null)
				? EgainAuthorizedClient.isIssuedFor(authorizedClient, id.getClientRegistrationId(), subject)
				: !(authorizedClient instanceof EgainAuthorizedClient);
	}

	/**
	 * Returns a client read from the manager's own store under the subject's name, bound
	 * to the subject; {@code null} if there is none, or if it says it belongs to another
	 * client or subject.
	 * @param authorizedClient the client read from the store, or {@code null}
	 * @param id the client and the name it was read under
	 * @param subject the subject, or {@code null} for application-level flows
	 * @return the client bound to the subject, or {@code null}
	 */
	static @Nullable OAuth2AuthorizedClient stored(@Nullable OAuth2AuthorizedClient authorizedClient,
			OAuth2AuthorizedClientId id, @Nullable EgainSubject subject) {
		if (authorizedClient == null
				|| !id.getClientRegistrationId().equals(authorizedClient.getClientRegistration().getRegistrationId())) {
			return null;
		}
		if (authorizedClient instanceof EgainAuthorizedClient egainClient) {
			return (egainClient.getSubject().equals(subject)) ? authorizedClient : null;
		}
		if (subject == null) {
			return authorizedClient;
		}
		return new EgainAuthorizedClient(authorizedClient.getClientRegistration(), id.getPrincipalName(), subject,
				authorizedClient.getAccessToken(), authorizedClient.getRefreshToken());
	}

	/**
	 * Returns what another party's manager answered for a client and subject, after
	 * checking that it is that client's token and, for an on-behalf-of client asked for a
	 * named subject, one issued for that subject: a manager whose providers do not bind
	 * tokens to subjects could hand over another subject's token.
	 * @param authorizedClient the manager's answer, or {@code null}
	 * @param clientName the client's name under {@code egain.auth.clients}
	 * @param subject the subject the call named, or {@code null}
	 * @return the answer, unchanged
	 * @throws IllegalStateException if the answer belongs to another client or subject
	 */
	static @Nullable OAuth2AuthorizedClient checked(@Nullable OAuth2AuthorizedClient authorizedClient,
			String clientName, @Nullable EgainSubject subject) {
		if (authorizedClient == null) {
			return null;
		}
		ClientRegistration clientRegistration = authorizedClient.getClientRegistration();
		EgainFlow flow = EgainFlow.from(clientRegistration);
		boolean sameClient = clientName.equals(clientRegistration.getRegistrationId());
		if (!sameClient || (subject != null && flow != null && flow.isOnBehalfOf()
				&& !EgainAuthorizedClient.isIssuedFor(authorizedClient, clientName, subject))) {
			throw new IllegalStateException("The authorized-client manager answered a request of eGain client '"
					+ clientName + "' with a token that was not issued "
					+ (sameClient ? "for the requested subject" : "to that client")
					+ "; refusing to use it. Give the manager egain-auth's on-behalf-of providers, which bind "
					+ "each token to its subject");
		}
		return authorizedClient;
	}

	/**
	 * Returns the subject whose name a token is stored under: the one it was issued for,
	 * else (an application-level token, or one whose store forgot) its principal name.
	 * @param authorizedClient the authorized client
	 * @return the name it is stored under
	 */
	static String storageName(OAuth2AuthorizedClient authorizedClient) {
		return (authorizedClient instanceof EgainAuthorizedClient egainClient)
				? EgainAuthorizeRequests.storageName(egainClient.getSubject()) : authorizedClient.getPrincipalName();
	}

	/**
	 * Returns whether two authorized clients hold the same access token.
	 * @param first one authorized client
	 * @param second the other authorized client
	 * @return whether their access token values are equal
	 */
	static boolean sameToken(OAuth2AuthorizedClient first, OAuth2AuthorizedClient second) {
		return first.getAccessToken().getTokenValue().equals(second.getAccessToken().getTokenValue());
	}

}
