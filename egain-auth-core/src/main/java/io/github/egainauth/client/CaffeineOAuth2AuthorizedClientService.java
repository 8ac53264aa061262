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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientId;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.util.Assert;

/**
 * An in-memory {@link OAuth2AuthorizedClientService} with a bound: at most
 * {@code maxSubjects} subject tokens are kept, however many distinct subjects call. Which
 * go first is Caffeine's choice by recency and frequency (W-TinyLFU, not strict LRU), so
 * subjects in use outlast a churn of one-off ones. Application-level tokens (stored under
 * {@link EgainAuthorizeRequests#APPLICATION_PRINCIPAL_NAME}) are one per client and are
 * kept apart, so subject traffic never evicts them. Spring's
 * {@code InMemoryOAuth2AuthorizedClientService}, by contrast, never shrinks.
 *
 * @author egain-auth authors
 * @see CaffeineReactiveOAuth2AuthorizedClientService
 */
public final class CaffeineOAuth2AuthorizedClientService implements OAuth2AuthorizedClientService {

	/**
	 * The default bound on stored subject tokens.
	 */
	public static final int DEFAULT_MAX_SUBJECTS = 10_000;

	private final Cache<OAuth2AuthorizedClientId, OAuth2AuthorizedClient> subjectClients;

	private final Map<String, OAuth2AuthorizedClient> applicationClients = new ConcurrentHashMap<>();

	/**
	 * Constructs a service that keeps at most {@link #DEFAULT_MAX_SUBJECTS} subject
	 * tokens.
	 */
	public CaffeineOAuth2AuthorizedClientService() {
		this(DEFAULT_MAX_SUBJECTS);
	}

	/**
	 * Constructs a service that keeps at most {@code maxSubjects} subject tokens.
	 * @param maxSubjects the bound, at least 1
	 */
	public CaffeineOAuth2AuthorizedClientService(long maxSubjects) {
		Assert.isTrue(maxSubjects >= 1, "maxSubjects must be at least 1");
		// Evictions run on the writing thread rather than a pool, so the bound holds as
		// soon as a write returns.
		this.subjectClients = Caffeine.newBuilder()
			.maximumSize(maxSubjects)
			.executor(Runnable::run)
			.recordStats()
			.build();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
			String principalName) {
		Assert.hasText(clientRegistrationId, "clientRegistrationId cannot be empty");
		Assert.hasText(principalName, "principalName cannot be empty");
		if (EgainAuthorizeRequests.APPLICATION_PRINCIPAL_NAME.equals(principalName)) {
			return (T) this.applicationClients.get(clientRegistrationId);
		}
		return (T) this.subjectClients.getIfPresent(new OAuth2AuthorizedClientId(clientRegistrationId, principalName));
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
		Assert.notNull(authorizedClient, "authorizedClient cannot be null");
		Assert.notNull(principal, "principal cannot be null");
		String clientRegistrationId = authorizedClient.getClientRegistration().getRegistrationId();
		if (EgainAuthorizeRequests.APPLICATION_PRINCIPAL_NAME.equals(principal.getName())) {
			this.applicationClients.put(clientRegistrationId, authorizedClient);
		}
		else {
			this.subjectClients.put(new OAuth2AuthorizedClientId(clientRegistrationId, principal.getName()),
					authorizedClient);
		}
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, String principalName) {
		Assert.hasText(clientRegistrationId, "clientRegistrationId cannot be empty");
		Assert.hasText(principalName, "principalName cannot be empty");
		if (EgainAuthorizeRequests.APPLICATION_PRINCIPAL_NAME.equals(principalName)) {
			this.applicationClients.remove(clientRegistrationId);
		}
		else {
			this.subjectClients.invalidate(new OAuth2AuthorizedClientId(clientRegistrationId, principalName));
		}
	}

	/**
	 * Removes a stored token only if it is still the given one, in one atomic step: a
	 * newer token stored meanwhile is kept.
	 * @param clientRegistrationId the client's registration id
	 * @param principalName the name the token is stored under
	 * @param rejected the authorized client whose token is to go
	 */
	public void removeAuthorizedClient(String clientRegistrationId, String principalName,
			OAuth2AuthorizedClient rejected) {
		String token = rejected.getAccessToken().getTokenValue();
		if (EgainAuthorizeRequests.APPLICATION_PRINCIPAL_NAME.equals(principalName)) {
			this.applicationClients.computeIfPresent(clientRegistrationId,
					(id, stored) -> isToken(stored, token) ? null : stored);
		}
		else {
			this.subjectClients.asMap()
				.computeIfPresent(new OAuth2AuthorizedClientId(clientRegistrationId, principalName),
						(id, stored) -> isToken(stored, token) ? null : stored);
		}
	}

	/**
	 * Removes every stored token, subject and application-level alike, e.g. between tests
	 * that share one application context. Evictions counted so far stay counted.
	 */
	public void removeAll() {
		this.subjectClients.invalidateAll();
		this.applicationClients.clear();
	}

	private static boolean isToken(OAuth2AuthorizedClient authorizedClient, String token) {
		return authorizedClient.getAccessToken().getTokenValue().equals(token);
	}

	/**
	 * Returns how many subject tokens have been evicted to stay within the bound.
	 * @return the number of evictions
	 */
	public long evictionCount() {
		return this.subjectClients.stats().evictionCount();
	}

	/**
	 * Returns how many subject tokens are stored, after pending evictions.
	 * @return the number of stored subject tokens
	 */
	public long subjectCount() {
		this.subjectClients.cleanUp();
		return this.subjectClients.estimatedSize();
	}

}
