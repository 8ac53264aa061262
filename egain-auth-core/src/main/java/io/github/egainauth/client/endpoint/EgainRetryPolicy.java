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

package io.github.egainauth.client.endpoint;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How the eGain token clients retry a token request that failed for a reason worth
 * another attempt: eGain could not be reached or timed out, or answered {@code 5xx} or
 * {@code 429}. A {@code 400} or {@code 401} is never retried. Attempts are spaced by
 * exponential backoff with jitter, or by the wait eGain asks for ({@code Retry-After}, or
 * {@code X-RateLimit-Reset} on a {@code 429}); no attempt starts once the overall
 * deadline would be passed, so a caller always hears back within the deadline plus one
 * read timeout.
 *
 * @param maxAttempts the most attempts per token request, at least 1
 * @param initialBackoff the wait before the second attempt (before jitter)
 * @param maxBackoff the longest wait between attempts (before jitter)
 * @param deadline the overall time a token request may take, all attempts included
 * @author egain-auth authors
 */
public record EgainRetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline) {

	/**
	 * Three attempts, 200 ms then 400 ms apart (at most 2 s), within 20 seconds.
	 */
	public static final EgainRetryPolicy DEFAULT = new EgainRetryPolicy(3, Duration.ofMillis(200),
			Duration.ofSeconds(2), Duration.ofSeconds(20));

	/**
	 * A single attempt, within 20 seconds.
	 */
	public static final EgainRetryPolicy NONE = new EgainRetryPolicy(1, Duration.ZERO, Duration.ZERO,
			Duration.ofSeconds(20));

	/**
	 * Checks the policy's settings.
	 * @param maxAttempts the most attempts per token request, at least 1
	 * @param initialBackoff the wait before the second attempt (before jitter)
	 * @param maxBackoff the longest wait between attempts (before jitter)
	 * @param deadline the overall time a token request may take, all attempts included
	 */
	public EgainRetryPolicy {
		Assert.isTrue(maxAttempts >= 1, "maxAttempts must be at least 1");
		Assert.isTrue(initialBackoff != null && !initialBackoff.isNegative(), "initialBackoff must not be negative");
		Assert.isTrue(maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
				"maxBackoff must not be shorter than initialBackoff");
		Assert.isTrue(deadline != null && !deadline.isNegative() && !deadline.isZero(), "deadline must be positive");
	}

	/**
	 * Returns the wait before the next attempt: {@code Retry-After} when eGain sent one,
	 * else the exponential backoff for the attempt with up to half of it taken off at
	 * random, so that callers that failed together do not retry together.
	 * @param failedAttempts how many attempts have failed so far, at least 1
	 * @param retryAfter eGain's {@code Retry-After}, or {@code null}
	 * @return the wait
	 */
	public Duration backoff(int failedAttempts, @Nullable Duration retryAfter) {
		Assert.isTrue(failedAttempts >= 1, "failedAttempts must be at least 1");
		if (retryAfter != null) {
			return retryAfter;
		}
		long initial = this.initialBackoff.toMillis();
		long exponential = (failedAttempts > 31) ? Long.MAX_VALUE : initial << (failedAttempts - 1);
		long capped = (exponential < initial) ? this.maxBackoff.toMillis()
				: Math.min(exponential, this.maxBackoff.toMillis());
		long jitter = (capped > 1) ? ThreadLocalRandom.current().nextLong(capped / 2 + 1) : 0;
		return Duration.ofMillis(capped - jitter);
	}

	/**
	 * Returns whether a failed token request is worth another attempt: eGain could not be
	 * reached or timed out, or answered {@code 5xx} or {@code 429}. The one decision both
	 * the blocking and the reactive token clients retry by.
	 * @param failure the failure of the latest attempt
	 * @return {@code true} if another attempt may succeed
	 */
	public static boolean isRetryable(Throwable failure) {
		return failure instanceof RetryableTokenRequestException;
	}

	/**
	 * Returns the {@link System#nanoTime()} by which a token request that starts now must
	 * end.
	 * @return the deadline in nanoseconds
	 */
	public long deadlineFromNow() {
		return System.nanoTime() + this.deadline.toNanos();
	}

	/**
	 * Returns the wait before the next attempt after a failure worth retrying, or throws
	 * the failure the caller gets when no attempt is left or waiting would pass the
	 * deadline.
	 * @param failure the failure of the latest attempt, one {@link #isRetryable} accepts
	 * @param failedAttempts how many attempts have failed so far
	 * @param deadlineNanos the {@link System#nanoTime()} by which the request must end
	 * @return the wait
	 */
	public Duration nextBackoff(Throwable failure, int failedAttempts, long deadlineNanos) {
		Assert.isTrue(isRetryable(failure), "failure must be one worth retrying");
		return nextBackoff((RetryableTokenRequestException) failure, failedAttempts, deadlineNanos);
	}

	/**
	 * Returns the failure the caller gets when the wait before another attempt is
	 * interrupted.
	 * @param failure the failure of the latest attempt, one {@link #isRetryable} accepts
	 * @param failedAttempts how many attempts have failed so far
	 * @return the failure
	 */
	public RuntimeException interrupted(Throwable failure, int failedAttempts) {
		Assert.isTrue(isRetryable(failure), "failure must be one worth retrying");
		return ((RetryableTokenRequestException) failure).exhausted(failedAttempts,
				"interrupted while waiting to retry");
	}

	Duration nextBackoff(RetryableTokenRequestException failure, int failedAttempts, long deadlineNanos) {
		if (failedAttempts >= this.maxAttempts) {
			throw failure.exhausted(failedAttempts, null);
		}
		Duration backoff = backoff(failedAttempts, failure.getRetryAfter());
		if (System.nanoTime() + backoff.toNanos() >= deadlineNanos) {
			throw failure.exhausted(failedAttempts, "waiting " + backoff.toMillis() + " ms more would pass the "
					+ this.deadline.toMillis() + " ms deadline");
		}
		return backoff;
	}

}
