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

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.util.Assert;

/**
 * The reactive face of a {@link CaffeineOAuth2AuthorizedClientService}: the same bounded
 * in-memory store, whose operations never block.
 *
 * @author egain-auth authors
 */
public final class CaffeineReactiveOAuth2AuthorizedClientService implements ReactiveOAuth2AuthorizedClientService {

	private final CaffeineOAuth2AuthorizedClientService delegate;

	/**
	 * Constructs a service that keeps at most
	 * {@link CaffeineOAuth2AuthorizedClientService#DEFAULT_MAX_SUBJECTS} subject tokens.
	 */
	public CaffeineReactiveOAuth2AuthorizedClientService() {
		this(new CaffeineOAuth2AuthorizedClientService());
	}

	/**
	 * Constructs a reactive service over the given store.
	 * @param delegate the store
	 */
	public CaffeineReactiveOAuth2AuthorizedClientService(CaffeineOAuth2AuthorizedClientService delegate) {
		Assert.notNull(delegate, "delegate cannot be null");
		this.delegate = delegate;
	}

	@Override
	public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String clientRegistrationId,
			String principalName) {
		return Mono.fromSupplier(() -> this.delegate.loadAuthorizedClient(clientRegistrationId, principalName));
	}

	@Override
	public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
		return Mono.fromRunnable(() -> this.delegate.saveAuthorizedClient(authorizedClient, principal));
	}

	@Override
	public Mono<Void> removeAuthorizedClient(String clientRegistrationId, String principalName) {
		return Mono.fromRunnable(() -> this.delegate.removeAuthorizedClient(clientRegistrationId, principalName));
	}

	/**
	 * Removes a stored token only if it is still the given one, in one atomic step.
	 * @param clientRegistrationId the registration id
	 * @param principalName the name the token is stored under
	 * @param rejected the token to remove
	 * @return a {@code Mono} that completes when done
	 */
	Mono<Void> removeAuthorizedClient(String clientRegistrationId, String principalName,
			OAuth2AuthorizedClient rejected) {
		return Mono
			.fromRunnable(() -> this.delegate.removeAuthorizedClient(clientRegistrationId, principalName, rejected));
	}

	/**
	 * Removes every stored token, subject and application-level alike, as
	 * {@link CaffeineOAuth2AuthorizedClientService#removeAll()} does. The store is in
	 * memory, so this is done when it returns and never blocks.
	 */
	public void removeAll() {
		this.delegate.removeAll();
	}

	/**
	 * Returns how many subject tokens have been evicted to stay within the bound.
	 * @return the number of evictions
	 */
	public long evictionCount() {
		return this.delegate.evictionCount();
	}

	/**
	 * Returns how many subject tokens are stored, after pending evictions.
	 * @return the number of stored subject tokens
	 */
	public long subjectCount() {
		return this.delegate.subjectCount();
	}

}
