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

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * The default subject of a token-exchange call by a user who signed in with OAuth2 login:
 * the access token the login obtained, which the application's authorized-client service
 * holds under the login's registration and the user's name. The servlet and reactive
 * managers share this decision; each loads the login's client its own way.
 *
 * @author egain-auth authors
 */
final class LoginTokenSubjects {

	private LoginTokenSubjects() {
	}

	/**
	 * Returns the OAuth2 login of a call whose default subject is the login's access
	 * token: a token-exchange client, no subject named, none the resolver gives, and a
	 * principal that signed in with OAuth2 login.
	 * @param clientRegistration the eGain client registration
	 * @param named the subject the call names, or {@code null}
	 * @param principal the caller's principal
	 * @param subjectResolver the resolver of default subjects
	 * @return the login, or {@code null} if the call's subject comes from elsewhere
	 */
	static @Nullable OAuth2AuthenticationToken login(ClientRegistration clientRegistration,
			@Nullable EgainSubject named, Authentication principal, EgainSubjectResolver subjectResolver) {
		if (named != null || !(principal instanceof OAuth2AuthenticationToken login) || !login.isAuthenticated()
				|| EgainFlow.from(clientRegistration) != EgainFlow.TOKEN_EXCHANGE
				|| subjectResolver.resolve(principal, clientRegistration) != null) {
			return null;
		}
		return login;
	}

	/**
	 * Returns the subject an OAuth2 login's authorized client stands for.
	 * @param loginClient the login's authorized client
	 * @return the subject: the login's access token
	 */
	static EgainSubject subject(OAuth2AuthorizedClient loginClient) {
		return EgainSubject.externalToken(loginClient.getAccessToken().getTokenValue());
	}

}
