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

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.EgainTokenStatistics;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Counters of how eGain tokens are served: {@code egain.auth.token.cache.hits},
 * {@code .misses} and {@code .evictions}, {@code egain.auth.token.single-flight.waits}
 * (callers that waited for another caller's token request instead of sending their own),
 * {@code egain.auth.token.renewals.ahead} (background renewals of tokens in use),
 * {@code egain.auth.token.stale.serves} (calls served with a token whose renewal failed
 * but which had not yet expired), and {@code egain.auth.token.failures} tagged
 * {@code client}, {@code flow} and {@code cause}: {@code subject} when eGain did not
 * accept the subject (on-behalf-of flows only), {@code client} otherwise. No counter is
 * ever tagged with a subject. Token requests themselves are observed as
 * {@code egain.auth.token.requests}.
 *
 * @author egain-auth authors
 */
class EgainTokenMetrics implements MeterBinder {

	private static final String FAILURES = "egain.auth.token.failures";

	private final EgainClientRegistrationRepository registrations;

	private final Supplier<EgainTokenStatistics> statistics;

	EgainTokenMetrics(EgainClientRegistrationRepository registrations, Supplier<EgainTokenStatistics> statistics) {
		this.registrations = registrations;
		this.statistics = statistics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		counter(registry, "egain.auth.token.cache.hits", "Calls served with a stored, still valid token",
				EgainTokenStatistics::cacheHits);
		counter(registry, "egain.auth.token.cache.misses", "Calls that went on to obtain a token",
				EgainTokenStatistics::tokenRequests);
		counter(registry, "egain.auth.token.cache.evictions", "Tokens evicted to keep the store within its bound",
				EgainTokenStatistics::evictions);
		counter(registry, "egain.auth.token.single-flight.waits",
				"Calls that waited for another caller's token request", EgainTokenStatistics::waits);
		counter(registry, "egain.auth.token.renewals.ahead",
				"Token requests sent in the background to renew a token in use ahead of its expiry",
				EgainTokenStatistics::renewalsAhead);
		counter(registry, "egain.auth.token.stale.serves",
				"Calls served with a token whose renewal failed, until it actually expires",
				EgainTokenStatistics::staleServes);
		for (ClientRegistration registration : this.registrations) {
			EgainFlow flow = EgainFlow.from(registration);
			if (flow != null && flow.isOnBehalfOf()) {
				failures(registry, registration, "subject", EgainTokenStatistics::subjectFailures);
			}
			failures(registry, registration, "client", EgainTokenStatistics::clientFailures);
		}
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToLongFunction<EgainTokenStatistics> value) {
		// A registry holds a function counter's object only weakly; the function, which
		// it
		// holds strongly, captures the supplier so that the counter outlives this binder.
		Supplier<EgainTokenStatistics> statistics = this.statistics;
		FunctionCounter.builder(name, statistics, (held) -> value.applyAsLong(statistics.get()))
			.description(description)
			.register(registry);
	}

	private void failures(MeterRegistry registry, ClientRegistration registration, String cause,
			Function<EgainTokenStatistics, Map<String, Long>> failures) {
		String client = registration.getRegistrationId();
		EgainFlow flow = EgainFlow.from(registration);
		FunctionCounter
			.builder(FAILURES, this.statistics,
					(statistics) -> failures.apply(statistics.get()).getOrDefault(client, 0L))
			.description("Token requests that failed, by cause: the subject (eGain did not accept it) or the client")
			.tag("client", client)
			.tag("flow", (flow != null) ? flow.getValue() : registration.getAuthorizationGrantType().getValue())
			.tag("cause", cause)
			.register(registry);
	}

}
