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

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.egainauth.EgainSubject;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClientId;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Whom each on-behalf-of access token was issued for, remembered by the token object
 * itself. Spring's in-memory stores hand back a plain {@code OAuth2AuthorizedClient}
 * rebuilt around the very {@link OAuth2AccessToken} they were given, which no longer says
 * whom it was issued for; this lets the providers still recognise it. Keys are held
 * weakly and compared by identity, so an entry lives exactly as long as some store (or
 * caller) holds the token: nothing is kept, copied or hashed here. A token read back from
 * elsewhere (a database) is a new object and is never recognised.
 *
 * @author egain-auth authors
 */
final class IssuedTokens {

	private static final Cache<OAuth2AccessToken, OAuth2AuthorizedClientId> ISSUED = Caffeine.newBuilder()
		.weakKeys()
		.executor(Runnable::run)
		.build();

	private IssuedTokens() {
	}

	/**
	 * Remembers that an access token was issued to a client for a subject.
	 * @param accessToken the access token
	 * @param clientRegistrationId the registration id of the client it was issued to
	 * @param subject the subject it was issued for
	 */
	static void issued(OAuth2AccessToken accessToken, String clientRegistrationId, EgainSubject subject) {
		ISSUED.put(accessToken, new OAuth2AuthorizedClientId(clientRegistrationId, subject.toString()));
	}

	/**
	 * Returns whether this very access token was issued to the client for the subject.
	 * @param accessToken the access token
	 * @param clientRegistrationId the registration id of the client
	 * @param subject the subject
	 * @return whether it was issued to that client for that subject
	 */
	static boolean isIssuedFor(OAuth2AccessToken accessToken, String clientRegistrationId, EgainSubject subject) {
		OAuth2AuthorizedClientId issuedFor = ISSUED.getIfPresent(accessToken);
		return issuedFor != null && issuedFor.getClientRegistrationId().equals(clientRegistrationId)
				&& issuedFor.getPrincipalName().equals(subject.toString());
	}

}
