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

import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * An {@link OAuth2AuthorizedClientService} that several instances of an application share
 * (such as {@link io.github.egainauth.client.redis.RedisOAuth2AuthorizedClientService}),
 * with an in-memory cache of each instance in front of it. The
 * {@link EgainAuthorizedClientManager} obtains tokens through it, so that all instances
 * make one token request per (client, subject) between them.
 * <p>
 * Whatever happens to the shared storage, its methods never fail a call: while it is
 * unavailable, each instance serves from its local cache and requests its own tokens.
 *
 * @author egain-auth authors
 * @see SharedReactiveOAuth2AuthorizedClientService
 */
public interface SharedOAuth2AuthorizedClientService extends OAuth2AuthorizedClientService {

	/**
	 * Returns the token another instance stored for the client and principal if
	 * {@code acceptable} takes it; otherwise runs {@code tokenRequest}, which stores what
	 * it obtains in this service, while holding the instances' lock for that client and
	 * principal. An instance that finds the lock held waits for the token its holder
	 * stores, for at most the lock's timeout, and then runs {@code tokenRequest} itself.
	 * @param clientRegistration the client's registration
	 * @param principalName the name the token is stored under
	 * @param acceptable whether a token found in the shared storage may be used instead
	 * of requesting one
	 * @param tokenRequest requests a token and stores it in this service
	 * @return the shared token or the one requested; {@code null} if the request obtains
	 * none
	 */
	@Nullable OAuth2AuthorizedClient obtain(ClientRegistration clientRegistration, String principalName,
			Predicate<OAuth2AuthorizedClient> acceptable, Supplier<@Nullable OAuth2AuthorizedClient> tokenRequest);

	/**
	 * Removes a stored token only if it is still the given one, here and in the shared
	 * storage: a newer token stored meanwhile, by this instance or another, is kept.
	 * @param clientRegistrationId the client's registration id
	 * @param principalName the name the token is stored under
	 * @param rejected the authorized client whose token is to go
	 */
	void removeAuthorizedClient(String clientRegistrationId, String principalName, OAuth2AuthorizedClient rejected);

	/**
	 * Returns this instance's cache in front of the shared storage.
	 * @return the local cache
	 */
	CaffeineOAuth2AuthorizedClientService getLocalCache();

	/**
	 * Returns whether the shared storage answered its latest call. While it does not,
	 * this instance serves tokens from its local cache.
	 * @return whether the shared storage is available
	 */
	boolean isAvailable();

}
