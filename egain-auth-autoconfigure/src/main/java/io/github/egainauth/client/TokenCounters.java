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
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;

import org.springframework.core.log.LogMessage;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * What the blocking and reactive managers count alike: cache hits, token requests and
 * single-flight waits, and which clients' latest token request failed.
 *
 * @author egain-auth authors
 */
final class TokenCounters {

	private final Log logger;

	private final LongAdder cacheHits = new LongAdder();

	private final LongAdder tokenRequests = new LongAdder();

	private final LongAdder waits = new LongAdder();

	private final Map<String, OAuth2Error> failingClients = new ConcurrentHashMap<>();

	TokenCounters(Log logger) {
		this.logger = logger;
	}

	void cacheHit() {
		this.cacheHits.increment();
	}

	void tokenRequest() {
		this.tokenRequests.increment();
	}

	void waited() {
		this.waits.increment();
	}

	void succeeded(String clientRegistrationId) {
		this.failingClients.remove(clientRegistrationId);
	}

	/**
	 * Remembers a client's failed token request for the health indicator and logs it once
	 * per shared request; the description names client, flow and eGain's answer, never a
	 * secret or token.
	 */
	void failed(String clientRegistrationId, OAuth2AuthorizationException failure) {
		this.failingClients.put(clientRegistrationId, failure.getError());
		this.logger.warn(LogMessage.of(failure.getError()::toString));
	}

	EgainTokenStatistics statistics(long evictions) {
		return new EgainTokenStatistics(this.cacheHits.sum(), this.tokenRequests.sum(), this.waits.sum(), evictions);
	}

	Map<String, OAuth2Error> failingClients() {
		return Map.copyOf(this.failingClients);
	}

}
