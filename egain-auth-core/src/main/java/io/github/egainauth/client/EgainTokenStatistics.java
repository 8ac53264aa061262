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

import org.springframework.util.Assert;

/**
 * How an eGain authorized-client manager has served its callers since it started.
 *
 * @param cacheHits calls served with a stored, still valid token
 * @param tokenRequests calls that went on to obtain a token (at most one token request
 * each; none when a token stored meanwhile was found)
 * @param waits calls that waited for another caller's token request for the same client
 * and subject instead of sending their own
 * @param evictions stored tokens evicted to keep the bounded in-memory store within its
 * bound (always 0 with an application-provided store)
 * @param subjectFailures per client, the token requests that failed because eGain did not
 * accept their subject ({@code invalid_grant} on an on-behalf-of flow, e.g. an unknown
 * user); clients without such failures are left out
 * @param clientFailures per client, the token requests that failed for any other reason
 * (the client's credentials or scopes, or eGain unreachable, failing or answering
 * unreadably); clients without such failures are left out
 * @param renewalsAhead token requests sent in the background to renew a token in use
 * before it entered the clock skew of its expiry
 * @param staleServes calls served with a token within the clock skew of its expiry,
 * because renewing it failed (e.g. eGain's token endpoint was down) and it had not yet
 * expired
 * @author egain-auth authors
 */
public record EgainTokenStatistics(long cacheHits, long tokenRequests, long waits, long evictions,
		Map<String, Long> subjectFailures, Map<String, Long> clientFailures, long renewalsAhead, long staleServes) {

	/**
	 * Constructs statistics, copying the failure counts.
	 * @param cacheHits calls served with a stored, still valid token
	 * @param tokenRequests calls that went on to obtain a token
	 * @param waits calls that waited for another caller's token request
	 * @param evictions stored tokens evicted to keep the store within its bound
	 * @param subjectFailures per client, the token requests that failed because of their
	 * subject
	 * @param clientFailures per client, the token requests that failed for any other
	 * reason
	 * @param renewalsAhead token requests sent in the background ahead of expiry
	 * @param staleServes calls served with a token whose renewal failed
	 */
	public EgainTokenStatistics {
		Assert.notNull(subjectFailures, "subjectFailures cannot be null");
		Assert.notNull(clientFailures, "clientFailures cannot be null");
		subjectFailures = Map.copyOf(subjectFailures);
		clientFailures = Map.copyOf(clientFailures);
	}

	/**
	 * Constructs statistics of a manager that has neither renewed ahead nor served a
	 * token whose renewal failed.
	 * @param cacheHits calls served with a stored, still valid token
	 * @param tokenRequests calls that went on to obtain a token
	 * @param waits calls that waited for another caller's token request
	 * @param evictions stored tokens evicted to keep the store within its bound
	 * @param subjectFailures per client, the token requests that failed because of their
	 * subject
	 * @param clientFailures per client, the token requests that failed for any other
	 * reason
	 */
	public EgainTokenStatistics(long cacheHits, long tokenRequests, long waits, long evictions,
			Map<String, Long> subjectFailures, Map<String, Long> clientFailures) {
		this(cacheHits, tokenRequests, waits, evictions, subjectFailures, clientFailures, 0, 0);
	}

	/**
	 * Constructs statistics of a manager whose token requests have not failed.
	 * @param cacheHits calls served with a stored, still valid token
	 * @param tokenRequests calls that went on to obtain a token
	 * @param waits calls that waited for another caller's token request
	 * @param evictions stored tokens evicted to keep the store within its bound
	 */
	public EgainTokenStatistics(long cacheHits, long tokenRequests, long waits, long evictions) {
		this(cacheHits, tokenRequests, waits, evictions, Map.of(), Map.of(), 0, 0);
	}

}
