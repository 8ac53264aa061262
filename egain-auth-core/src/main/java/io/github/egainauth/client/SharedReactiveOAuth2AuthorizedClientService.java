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

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * A {@link ReactiveOAuth2AuthorizedClientService} that several instances of an
 * application share (such as
 * {@link io.github.egainauth.client.redis.RedisReactiveOAuth2AuthorizedClientService}),
 * with an in-memory cache of each instance in front of it: the reactive counterpart of
 * {@link SharedOAuth2AuthorizedClientService}, used by the
 * {@link EgainReactiveAuthorizedClientManager}. Its methods never block and never fail a
 * call because the shared storage is unavailable.
 *
 * @author egain-auth authors
 */
public interface SharedReactiveOAuth2AuthorizedClientService extends ReactiveOAuth2AuthorizedClientService {

	/**
	 * Emits the token another instance stored for the client and principal if
	 * {@code acceptable} takes it; otherwise subscribes to {@code tokenRequest}, which
	 * stores what it obtains in this service, while holding the instances' lock for that
	 * client and principal, as {@link SharedOAuth2AuthorizedClientService#obtain} does.
	 * @param clientRegistration the client's registration
	 * @param principalName the name the token is stored under
	 * @param acceptable whether a token found in the shared storage may be used instead
	 * of requesting one
	 * @param tokenRequest requests a token and stores it in this service
	 * @return the shared token or the one requested; empty if the request obtains none
	 */
	Mono<OAuth2AuthorizedClient> obtain(ClientRegistration clientRegistration, String principalName,
			Predicate<OAuth2AuthorizedClient> acceptable, Mono<OAuth2AuthorizedClient> tokenRequest);

	/**
	 * Removes a stored token only if it is still the given one, here and in the shared
	 * storage.
	 * @param clientRegistrationId the client's registration id
	 * @param principalName the name the token is stored under
	 * @param rejected the authorized client whose token is to go
	 * @return a {@code Mono} that completes when the token is removed
	 */
	Mono<Void> removeAuthorizedClient(String clientRegistrationId, String principalName,
			OAuth2AuthorizedClient rejected);

	/**
	 * Returns this instance's cache in front of the shared storage. It is in memory:
	 * reading and writing it never blocks.
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
