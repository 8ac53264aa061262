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

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import io.github.egainauth.EgainFlow;
import org.apache.commons.logging.Log;

import org.springframework.core.log.LogMessage;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * What the blocking and reactive managers count alike: cache hits, token requests,
 * single-flight waits, renewals ahead of expiry, stale serves and failed token requests
 * by cause, and which clients' latest token request failed for a reason of the client.
 *
 * @author egain-auth authors
 */
final class TokenCounters {

	private final Log logger;

	private final LongAdder cacheHits = new LongAdder();

	private final LongAdder tokenRequests = new LongAdder();

	private final LongAdder waits = new LongAdder();

	private final LongAdder renewalsAhead = new LongAdder();

	private final LongAdder staleServes = new LongAdder();

	private final Map<String, LongAdder> subjectFailures = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> clientFailures = new ConcurrentHashMap<>();

	private final Map<String, EgainClientFailure> failingClients = new ConcurrentHashMap<>();

	/**
	 * The store's eviction count at the last reset: evictions are counted from there.
	 */
	private volatile long evictionsAtReset;

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

	void renewedAhead() {
		this.renewalsAhead.increment();
	}

	void staleServe() {
		this.staleServes.increment();
	}

	void succeeded(String clientRegistrationId) {
		this.failingClients.remove(clientRegistrationId);
	}

	/**
	 * Counts a failed token request by its cause and logs it once per shared request; the
	 * description names client, flow and eGain's answer, never a secret or token. Only a
	 * failure of the client marks it failing for the health indicator: one subject eGain
	 * does not accept says nothing about the client, so it neither marks the client
	 * failing nor clears an earlier failure of the client.
	 * @param clientRegistration the client registration
	 * @param failure the failure
	 * @param time when the token request failed
	 */
	void failed(ClientRegistration clientRegistration, OAuth2AuthorizationException failure, Instant time) {
		String clientRegistrationId = clientRegistration.getRegistrationId();
		OAuth2Error error = failure.getError();
		if (TokenFailureCause.of(error, EgainFlow.from(clientRegistration)) == TokenFailureCause.SUBJECT) {
			this.subjectFailures.computeIfAbsent(clientRegistrationId, (id) -> new LongAdder()).increment();
		}
		else {
			this.clientFailures.computeIfAbsent(clientRegistrationId, (id) -> new LongAdder()).increment();
			this.failingClients.put(clientRegistrationId, new EgainClientFailure(error, time));
		}
		this.logger.warn(LogMessage.of(error::toString));
	}

	/**
	 * Restarts every count from zero and forgets the failing clients.
	 * @param evictions the store's eviction count now
	 */
	void reset(long evictions) {
		this.cacheHits.reset();
		this.tokenRequests.reset();
		this.waits.reset();
		this.renewalsAhead.reset();
		this.staleServes.reset();
		this.subjectFailures.clear();
		this.clientFailures.clear();
		this.failingClients.clear();
		this.evictionsAtReset = evictions;
	}

	/**
	 * Returns the counts since these counters were made or last reset.
	 * @param evictions the store's eviction count now
	 * @return the statistics
	 */
	EgainTokenStatistics statistics(long evictions) {
		return new EgainTokenStatistics(this.cacheHits.sum(), this.tokenRequests.sum(), this.waits.sum(),
				evictions - this.evictionsAtReset, sums(this.subjectFailures), sums(this.clientFailures),
				this.renewalsAhead.sum(), this.staleServes.sum());
	}

	Map<String, EgainClientFailure> failingClients() {
		return Map.copyOf(this.failingClients);
	}

	private static Map<String, Long> sums(Map<String, LongAdder> counts) {
		return counts.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, (count) -> count.getValue().sum()));
	}

}
