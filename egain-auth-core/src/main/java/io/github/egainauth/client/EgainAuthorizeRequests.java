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

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.util.Assert;

/**
 * Builds the {@link OAuth2AuthorizeRequest}s egain-auth hands to an authorized-client
 * manager, and works out whom a request's token is for.
 *
 * @author egain-auth authors
 */
final class EgainAuthorizeRequests {

	/**
	 * The principal of a call made with no authenticated user, e.g. from a scheduled job.
	 */
	static final Authentication ANONYMOUS_PRINCIPAL = new AnonymousAuthenticationToken("egain-auth", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	/**
	 * The principal name under which application-level tokens (client credentials,
	 * anonymous customer) are stored: one token per client, whoever the caller is.
	 */
	static final String APPLICATION_PRINCIPAL_NAME = "egain:application";

	private EgainAuthorizeRequests() {
	}

	/**
	 * Returns an authorize request for a call to the named client.
	 * @param clientName the eGain client's name (its registration id)
	 * @param subject the subject the call names, or {@code null} to use the default
	 * subject of the principal
	 * @param principal the caller's principal, or {@code null} if there is none
	 * @return the authorize request
	 */
	static OAuth2AuthorizeRequest create(String clientName, @Nullable EgainSubject subject,
			@Nullable Authentication principal) {
		Assert.hasText(clientName, "clientName cannot be empty");
		OAuth2AuthorizeRequest.Builder builder = OAuth2AuthorizeRequest.withClientRegistrationId(clientName)
			.principal((principal != null) ? principal : ANONYMOUS_PRINCIPAL);
		if (subject != null) {
			builder.attribute(EgainSubject.ATTRIBUTE_NAME, subject);
		}
		return builder.build();
	}

	/**
	 * Returns whom a call's token is for: {@code null} for application-level flows, else
	 * the subject the call names or, failing that, the one the resolver derives from an
	 * authenticated principal.
	 * @param clientRegistration the client registration
	 * @param named the subject the call names, or {@code null}
	 * @param principal the caller's principal
	 * @param subjectResolver the resolver that derives a subject from the principal
	 * @return the subject, or {@code null} for application-level flows
	 * @throws IllegalArgumentException if an on-behalf-of client has no subject to use
	 */
	static @Nullable EgainSubject subject(ClientRegistration clientRegistration, @Nullable EgainSubject named,
			Authentication principal, EgainSubjectResolver subjectResolver) {
		EgainFlow flow = EgainFlow.from(clientRegistration);
		if (flow == null || !flow.isOnBehalfOf()) {
			return null;
		}
		EgainSubject subject = named;
		if (subject == null && isAuthenticated(principal)) {
			subject = subjectResolver.resolve(principal, clientRegistration);
		}
		if (subject == null && flow == EgainFlow.TOKEN_EXCHANGE) {
			throw new IllegalArgumentException("eGain client '" + clientRegistration.getRegistrationId()
					+ "' uses the token-exchange flow and needs the user's identity provider token, but the call "
					+ "named none and "
					+ (isAuthenticated(principal)
							? "the caller signed in with neither a bearer token (resource server) nor an OAuth2 login"
							: "no user is signed in, by bearer token (resource server) or OAuth2 login")
					+ "; name one with " + "EgainRequestAttributes.subject(EgainSubject.externalToken(...)) or "
					+ "EgainAccessTokens.getToken(client, EgainSubject.externalToken(...))");
		}
		if (subject == null) {
			throw new IllegalArgumentException("eGain client '" + clientRegistration.getRegistrationId() + "' uses the "
					+ flow.getValue() + " flow and needs a subject, but the call named none and "
					+ "there is no authenticated principal to take one from; name one with "
					+ "EgainRequestAttributes.subject(...) or EgainAccessTokens.getToken(client, subject)");
		}
		return subject;
	}

	/**
	 * Returns the name a token is stored under: the subject, e.g. {@code username:pa}, or
	 * {@link #APPLICATION_PRINCIPAL_NAME} for application-level flows. Two subjects
	 * therefore never share a token, and every caller of an application-level client
	 * shares one.
	 * @param subject the subject, or {@code null} for application-level flows
	 * @return the storage name
	 */
	static String storageName(@Nullable EgainSubject subject) {
		return (subject != null) ? subject.toString() : APPLICATION_PRINCIPAL_NAME;
	}

	/**
	 * Returns the principal a token is stored under: one named after the token's subject
	 * (see {@link #storageName(EgainSubject)}).
	 * @param storageName the name the token is stored under
	 * @return the principal
	 */
	static Authentication storagePrincipal(String storageName) {
		return UsernamePasswordAuthenticationToken.authenticated(storageName, null, AuthorityUtils.NO_AUTHORITIES);
	}

	/**
	 * Returns the authorization context for the providers: the client and its current
	 * token, if any, the storage principal and the subject as attribute. A current token
	 * obtained with another token URL or other scopes than the registration now has (e.g.
	 * before eGain's tenant metadata document was read again) is left out, so that the
	 * providers, which request a token with the context's registration, use the current
	 * one.
	 * @param clientRegistration the client registration
	 * @param authorizedClient the current authorized client, or {@code null} if there is
	 * none
	 * @param subject the subject, or {@code null} for application-level flows
	 * @param storagePrincipal the principal the token is stored under
	 * @return the authorization context
	 */
	static OAuth2AuthorizationContext context(ClientRegistration clientRegistration,
			@Nullable OAuth2AuthorizedClient authorizedClient, @Nullable EgainSubject subject,
			Authentication storagePrincipal) {
		OAuth2AuthorizationContext.Builder builder = (authorizedClient != null
				&& sameEndpoint(authorizedClient.getClientRegistration(), clientRegistration))
						? OAuth2AuthorizationContext.withAuthorizedClient(authorizedClient)
						: OAuth2AuthorizationContext.withClientRegistration(clientRegistration);
		builder.principal(storagePrincipal);
		if (subject != null) {
			builder.attribute(EgainSubject.ATTRIBUTE_NAME, subject);
		}
		return builder.build();
	}

	static ClientRegistration clientRegistration(ClientRegistrationRepository clientRegistrationRepository,
			String clientRegistrationId) {
		ClientRegistration clientRegistration = clientRegistrationRepository.findByRegistrationId(clientRegistrationId);
		if (clientRegistration == null) {
			throw unknownClient(clientRegistrationId);
		}
		return clientRegistration;
	}

	/**
	 * Returns the failure of a call to a client that is not registered.
	 * @param clientRegistrationId the client's name
	 * @return the failure
	 */
	static IllegalArgumentException unknownClient(String clientRegistrationId) {
		return new IllegalArgumentException("No eGain client named '" + clientRegistrationId
				+ "' is registered; check the name against the keys of egain.auth.clients");
	}

	/**
	 * Returns whether a stored token can be used as it is for the registration: usable
	 * and obtained with the same endpoint and scopes.
	 * @param tokenExpiry the token expiry policy
	 * @param stored the stored token, or {@code null}
	 * @param clientRegistration the registration now
	 * @return whether no token request is needed
	 */
	static boolean isCurrent(EgainTokenExpiry tokenExpiry, @Nullable OAuth2AuthorizedClient stored,
			ClientRegistration clientRegistration) {
		return stored != null && tokenExpiry.isUsable(stored)
				&& sameEndpoint(stored.getClientRegistration(), clientRegistration);
	}

	/**
	 * Returns whether a token obtained with one registration may be used with another:
	 * the same token URL and scopes.
	 * @param held the registration the token was obtained with
	 * @param current the registration now
	 * @return whether they have the same endpoint and scopes
	 */
	private static boolean sameEndpoint(ClientRegistration held, ClientRegistration current) {
		return held == current
				|| (held.getProviderDetails().getTokenUri().equals(current.getProviderDetails().getTokenUri())
						&& held.getScopes().equals(current.getScopes()));
	}

	private static boolean isAuthenticated(Authentication principal) {
		return !(principal instanceof AnonymousAuthenticationToken) && principal.isAuthenticated();
	}

}
