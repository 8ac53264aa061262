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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.util.Assert;

/**
 * Decides whether a stored token can still be used, as the providers do: until the
 * current time is within the clock skew of its expiry.
 *
 * @param clock the clock
 * @param clockSkew the clock skew
 * @author egain-auth authors
 */
record TokenExpiry(Clock clock, Duration clockSkew) {

	TokenExpiry {
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(clockSkew, "clockSkew cannot be null");
		Assert.isTrue(clockSkew.getSeconds() >= 0, "clockSkew must be >= 0");
	}

	boolean isUsable(OAuth2AuthorizedClient authorizedClient) {
		Instant expiresAt = authorizedClient.getAccessToken().getExpiresAt();
		// Compared in milliseconds, which allocates nothing on the per-call path.
		return expiresAt == null || this.clock.millis() <= expiresAt.toEpochMilli() - this.clockSkew.toMillis();
	}

}
