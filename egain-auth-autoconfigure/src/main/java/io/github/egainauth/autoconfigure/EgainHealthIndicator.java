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

package io.github.egainauth.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.egainauth.client.EgainTokenStatistics;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Reports whether eGain is issuing tokens: {@code DOWN} while the latest token request of
 * any client failed (with each failing client's error, which names no secret), {@code UP}
 * otherwise. It sends no token request of its own, so a health probe never adds load to
 * eGain.
 *
 * @author egain-auth authors
 */
class EgainHealthIndicator extends AbstractHealthIndicator {

	private final EgainClientRegistrationRepository registrations;

	private final Supplier<Map<String, OAuth2Error>> failingClients;

	private final Supplier<EgainTokenStatistics> statistics;

	EgainHealthIndicator(EgainClientRegistrationRepository registrations,
			Supplier<Map<String, OAuth2Error>> failingClients, Supplier<EgainTokenStatistics> statistics) {
		super("eGain health check failed");
		this.registrations = registrations;
		this.failingClients = failingClients;
		this.statistics = statistics;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, OAuth2Error> failing = this.failingClients.get();
		Map<String, Object> clients = new LinkedHashMap<>();
		for (String name : this.registrations.getNames()) {
			OAuth2Error error = failing.get(name);
			clients.put(name, (error != null) ? error.getErrorCode() + ": " + error.getDescription() : "ok");
		}
		EgainTokenStatistics statistics = this.statistics.get();
		builder.status(failing.isEmpty() ? "UP" : "DOWN")
			.withDetail("clients", clients)
			.withDetail("cacheHits", statistics.cacheHits())
			.withDetail("tokenRequests", statistics.tokenRequests());
	}

}
