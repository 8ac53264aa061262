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

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;

/**
 * Derives the default {@link EgainSubject} of an on-behalf-of call that names none, from
 * the caller's authenticated principal (taken from the servlet
 * {@code SecurityContextHolder} or the reactive {@code ReactiveSecurityContextHolder}).
 * Define a bean of this type to read, say, a JWT claim instead of the principal's name.
 *
 * @author egain-auth authors
 */
@FunctionalInterface
public interface EgainSubjectResolver {

	/**
	 * Returns the subject for a call by the given principal.
	 * @param principal the authenticated, non-anonymous principal of the call
	 * @param clientRegistration the on-behalf-of client being called; its flow is
	 * {@code EgainFlow.from(clientRegistration)}
	 * @return the subject, or {@code null} if this principal gives none
	 */
	@Nullable EgainSubject resolve(Authentication principal, ClientRegistration clientRegistration);

	/**
	 * Returns the default resolver: the principal's name, as the client's
	 * {@link EgainClientRegistrations#defaultSubjectKind(ClientRegistration) default
	 * subject kind}: username (or user id, if so configured) for the on-behalf-of-user
	 * flow, email for the on-behalf-of-customer flow. For the token-exchange flow it is
	 * the bearer token the principal was authenticated with, as a resource server's
	 * {@code JwtAuthenticationToken} or {@code BearerTokenAuthentication} carries it (the
	 * access token of an OAuth2 login is looked up by the managers, see
	 * {@link EgainAuthorizedClientManager#setLoginClientService}).
	 * @return the resolver
	 */
	static EgainSubjectResolver principalName() {
		return (principal, clientRegistration) -> {
			EgainSubject.Kind kind = EgainClientRegistrations.defaultSubjectKind(clientRegistration);
			if (kind == EgainSubject.Kind.EXTERNAL_TOKEN) {
				return (principal.getCredentials() instanceof AbstractOAuth2Token token)
						? EgainSubject.externalToken(token.getTokenValue()) : null;
			}
			String name = principal.getName();
			if (name == null || name.isBlank()) {
				return null;
			}
			return switch (kind) {
				case USERNAME -> EgainSubject.username(name);
				case USER_ID -> EgainSubject.userId(name);
				case EMAIL -> EgainSubject.email(name);
				case EXTERNAL_TOKEN -> null;
			};
		};
	}

}
