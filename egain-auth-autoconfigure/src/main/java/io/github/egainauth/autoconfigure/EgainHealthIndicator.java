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

import io.github.egainauth.client.EgainTokenStatus;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether eGain is issuing tokens to the configured clients: {@code DOWN} while
 * the latest failed token request of any client failed for a reason of the client or of
 * eGain (bad credentials or scopes, eGain unreachable or failing), until a token request
 * of that client succeeds; {@code UP} otherwise. A subject eGain does not accept (e.g. an
 * unknown user) fails that subject's calls, not the application, so it leaves the status
 * alone. Each failing client shows only eGain's error code and when it failed: never
 * eGain's description, which may quote a subject. It sends no token request of its own,
 * so a health probe never adds load to eGain.
 *
 * @author egain-auth authors
 */
class EgainHealthIndicator extends AbstractHealthIndicator {

	private final EgainClientRegistrationRepository registrations;

	private final EgainTokenStatus status;

	EgainHealthIndicator(EgainClientRegistrationRepository registrations, EgainTokenStatus status) {
		super("eGain health check failed");
		this.registrations = registrations;
		this.status = status;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		EgainAuthBeans.Health health = EgainAuthBeans.health(this.registrations, this.status::getFailingClients,
				this.status::getStatistics, this.status::getStoreStatus);
		builder.status(health.up() ? "UP" : "DOWN").withDetails(health.details());
	}

}
