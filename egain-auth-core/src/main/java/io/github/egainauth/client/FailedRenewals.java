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

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientId;

/**
 * The tokens whose renewal failed while they were still valid, which the blocking and
 * reactive managers keep serving until they expire, and when each may next be renewed: at
 * most one attempt per backoff interval per token, so an outage of eGain's token endpoint
 * meets no storm of renewals.
 *
 * @author egain-auth authors
 */
final class FailedRenewals {

	/**
	 * Past this many entries, those of expired tokens are dropped when one is added, so
	 * subjects that went idle during an outage do not accumulate.
	 */
	private static final int PRUNE_THRESHOLD = 1024;

	private final Map<OAuth2AuthorizedClientId, Failure> failures = new ConcurrentHashMap<>();

	/**
	 * Notes that renewing a token failed.
	 * @param id the client and the name the token is stored under
	 * @param authorizedClient the token that could not be renewed
	 * @param now the current time, in epoch milliseconds
	 * @param backoff the wait before the token's next renewal attempt
	 */
	void failed(OAuth2AuthorizedClientId id, OAuth2AuthorizedClient authorizedClient, long now, Duration backoff) {
		Instant expiresAt = authorizedClient.getAccessToken().getExpiresAt();
		long expiry = (expiresAt != null) ? expiresAt.toEpochMilli() : Long.MAX_VALUE;
		if (this.failures.size() >= PRUNE_THRESHOLD) {
			this.failures.values().removeIf((failure) -> failure.expiresAt() <= now);
		}
		this.failures.put(id,
				new Failure(authorizedClient.getAccessToken().getTokenValue(), expiry, now + backoff.toMillis()));
	}

	/**
	 * Notes that a token was obtained: whatever failed before is forgotten.
	 * @param id the client and the name the token is stored under
	 */
	void succeeded(OAuth2AuthorizedClientId id) {
		this.failures.remove(id);
	}

	/**
	 * Returns whether renewing this very token has failed.
	 * @param id the client and the name the token is stored under
	 * @param authorizedClient the token
	 * @return {@code true} if its renewal failed
	 */
	boolean hasFailed(OAuth2AuthorizedClientId id, OAuth2AuthorizedClient authorizedClient) {
		Failure failure = this.failures.get(id);
		return failure != null && failure.isFor(authorizedClient);
	}

	/**
	 * Returns whether this token's renewal failed less than a backoff interval ago.
	 * @param id the client and the name the token is stored under
	 * @param authorizedClient the token
	 * @param now the current time, in epoch milliseconds
	 * @return {@code true} if no renewal may be attempted yet
	 */
	boolean isBackingOff(OAuth2AuthorizedClientId id, OAuth2AuthorizedClient authorizedClient, long now) {
		Failure failure = this.failures.get(id);
		return failure != null && failure.isFor(authorizedClient) && now < failure.retryAt();
	}

	void clear() {
		this.failures.clear();
	}

	private record Failure(String tokenValue, long expiresAt, long retryAt) {

		boolean isFor(OAuth2AuthorizedClient authorizedClient) {
			return this.tokenValue.equals(authorizedClient.getAccessToken().getTokenValue());
		}

	}

}
