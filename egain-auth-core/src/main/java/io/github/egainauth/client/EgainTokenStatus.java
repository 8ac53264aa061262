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

/**
 * How a manager has served its callers, for metrics and health: counts of cache hits,
 * token requests, waits and evictions, and the clients whose latest token request failed
 * for a reason of the client or of eGain. Both of egain-auth's managers implement it.
 *
 * @author egain-auth authors
 * @see EgainAuthorizedClientManager
 * @see EgainReactiveAuthorizedClientManager
 */
public interface EgainTokenStatus {

	/**
	 * Returns how the manager has served its callers so far.
	 * @return the statistics
	 */
	EgainTokenStatistics getStatistics();

	/**
	 * Returns, per client, its latest token request that failed for a reason of the
	 * client or of eGain; a client is removed once a token request for it succeeds again.
	 * @return the failing clients and their failures
	 */
	Map<String, EgainClientFailure> getFailingClients();

	/**
	 * Returns where the manager keeps its tokens and whether that store is answering.
	 * @return the store's status; {@link EgainTokenStoreStatus#LOCAL} unless the store is
	 * shared
	 */
	default EgainTokenStoreStatus getStoreStatus() {
		return EgainTokenStoreStatus.LOCAL;
	}

}
