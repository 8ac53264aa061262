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
 * The one decision of when a token is used no more: once the current time is within the
 * clock skew of its expiry. eGain's providers and managers share one instance, so a token
 * a manager serves from its store is exactly one its provider would not renew.
 *
 * @author egain-auth authors
 */
public final class EgainTokenExpiry {

	/**
	 * The default clock skew: a token is renewed once it expires within 60 seconds.
	 */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

	private static final EgainTokenExpiry DEFAULT = new EgainTokenExpiry(Clock.systemUTC(), DEFAULT_CLOCK_SKEW);

	private final Clock clock;

	private final Duration clockSkew;

	private final long clockSkewMillis;

	/**
	 * Constructs a policy.
	 * @param clock the clock that tells the current time
	 * @param clockSkew how long before its expiry a token is used no more, zero or more
	 */
	public EgainTokenExpiry(Clock clock, Duration clockSkew) {
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(clockSkew, "clockSkew cannot be null");
		Assert.isTrue(!clockSkew.isNegative(), "clockSkew must be >= 0");
		this.clock = clock;
		this.clockSkew = clockSkew;
		this.clockSkewMillis = clockSkew.toMillis();
	}

	/**
	 * Returns the default policy: the system clock in UTC and
	 * {@link #DEFAULT_CLOCK_SKEW}.
	 * @return the default policy
	 */
	public static EgainTokenExpiry defaults() {
		return DEFAULT;
	}

	/**
	 * Returns whether an authorized client's token may still be used: it has no expiry,
	 * or the current time is not yet within the clock skew of it.
	 * @param authorizedClient the authorized client
	 * @return {@code true} if the token may be used
	 */
	public boolean isUsable(OAuth2AuthorizedClient authorizedClient) {
		Assert.notNull(authorizedClient, "authorizedClient cannot be null");
		Instant expiresAt = authorizedClient.getAccessToken().getExpiresAt();
		// Compared in milliseconds, which allocates nothing on the per-call path.
		return expiresAt == null || this.clock.millis() <= expiresAt.toEpochMilli() - this.clockSkewMillis;
	}

	/**
	 * Returns whether an authorized client's token is due for renewal ahead of its
	 * expiry: the current time has reached its renewal point, which lies before the clock
	 * skew by the longer of the clock skew and a tenth of the token's lifetime, but never
	 * before half its lifetime. For a 1-hour token and a 60-second clock skew that is 7
	 * minutes before expiry. A token with no expiry is never due.
	 * @param authorizedClient the authorized client
	 * @return {@code true} if the token should be renewed
	 */
	public boolean isDueForRenewal(OAuth2AuthorizedClient authorizedClient) {
		Assert.notNull(authorizedClient, "authorizedClient cannot be null");
		Instant expiresAt = authorizedClient.getAccessToken().getExpiresAt();
		if (expiresAt == null) {
			return false;
		}
		long expiry = expiresAt.toEpochMilli();
		Instant issuedAt = authorizedClient.getAccessToken().getIssuedAt();
		long lifetime = (issuedAt != null) ? Math.max(0, expiry - issuedAt.toEpochMilli()) : 0;
		long renewalPoint = expiry - this.clockSkewMillis - Math.max(this.clockSkewMillis, lifetime / 10);
		if (issuedAt != null) {
			renewalPoint = Math.max(renewalPoint, issuedAt.toEpochMilli() + lifetime / 2);
		}
		return this.clock.millis() >= renewalPoint;
	}

	/**
	 * Returns whether an authorized client's token has actually expired, clock skew
	 * aside. A token that is no longer {@linkplain #isUsable usable} but has not expired
	 * is still served while eGain cannot renew it.
	 * @param authorizedClient the authorized client
	 * @return {@code true} if the token has expired
	 */
	public boolean hasExpired(OAuth2AuthorizedClient authorizedClient) {
		Assert.notNull(authorizedClient, "authorizedClient cannot be null");
		Instant expiresAt = authorizedClient.getAccessToken().getExpiresAt();
		return expiresAt != null && this.clock.millis() >= expiresAt.toEpochMilli();
	}

	/**
	 * Returns a policy like this one with another clock skew.
	 * @param clockSkew the clock skew
	 * @return the policy
	 */
	public EgainTokenExpiry withClockSkew(Duration clockSkew) {
		return new EgainTokenExpiry(this.clock, clockSkew);
	}

	/**
	 * Returns a policy like this one with another clock.
	 * @param clock the clock
	 * @return the policy
	 */
	public EgainTokenExpiry withClock(Clock clock) {
		return new EgainTokenExpiry(clock, this.clockSkew);
	}

	/**
	 * Returns the clock that tells the current time.
	 * @return the clock
	 */
	public Clock getClock() {
		return this.clock;
	}

	/**
	 * Returns how long before its expiry a token is used no more.
	 * @return the clock skew
	 */
	public Duration getClockSkew() {
		return this.clockSkew;
	}

	@Override
	public String toString() {
		return "EgainTokenExpiry[clockSkew=" + this.clockSkew + "]";
	}

}
