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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainRetryPolicy}.
 *
 * @author egain-auth authors
 */
class EgainRetryPolicyTests {

	// Enough draws that a jitter outside its range would show up.
	private static final int DRAWS = 200;

	private final EgainRetryPolicy policy = new EgainRetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000),
			Duration.ofSeconds(20));

	@Test
	void constructorWhenMaxAttemptsZeroThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainRetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)))
			.withMessage("maxAttempts must be at least 1");
	}

	@Test
	void constructorWhenInitialBackoffNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainRetryPolicy(1, null, Duration.ZERO, Duration.ofSeconds(1)))
			.withMessage("initialBackoff must not be negative");
	}

	@Test
	void constructorWhenInitialBackoffNegativeThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainRetryPolicy(1, Duration.ofMillis(-1), Duration.ZERO, Duration.ofSeconds(1)))
			.withMessage("initialBackoff must not be negative");
	}

	@Test
	void constructorWhenMaxBackoffNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainRetryPolicy(1, Duration.ZERO, null, Duration.ofSeconds(1)))
			.withMessage("maxBackoff must not be shorter than initialBackoff");
	}

	@Test
	void constructorWhenMaxBackoffShorterThanInitialBackoffThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new EgainRetryPolicy(3, Duration.ofMillis(200), Duration.ofMillis(199), Duration.ofSeconds(1)))
			.withMessage("maxBackoff must not be shorter than initialBackoff");
	}

	@Test
	void constructorWhenDeadlineNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainRetryPolicy(1, Duration.ZERO, Duration.ZERO, null))
			.withMessage("deadline must be positive");
	}

	@Test
	void constructorWhenDeadlineZeroThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainRetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO))
			.withMessage("deadline must be positive");
	}

	@Test
	void constructorWhenDeadlineNegativeThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainRetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofMillis(-1)))
			.withMessage("deadline must be positive");
	}

	@Test
	void constructorWhenSingleAttemptWithoutBackoffThenValid() {
		EgainRetryPolicy policy = new EgainRetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofMillis(1));
		assertThat(policy.maxAttempts()).isEqualTo(1);
		assertThat(policy.backoff(1, null)).isZero();
	}

	@Test
	void defaultWhenReadThenThreeAttemptsWithinTwentySeconds() {
		assertThat(EgainRetryPolicy.DEFAULT.maxAttempts()).isEqualTo(3);
		assertThat(EgainRetryPolicy.DEFAULT.initialBackoff()).isEqualTo(Duration.ofMillis(200));
		assertThat(EgainRetryPolicy.DEFAULT.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
		assertThat(EgainRetryPolicy.DEFAULT.deadline()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void noneWhenReadThenOneAttemptWithinTwentySeconds() {
		assertThat(EgainRetryPolicy.NONE.maxAttempts()).isEqualTo(1);
		assertThat(EgainRetryPolicy.NONE.initialBackoff()).isZero();
		assertThat(EgainRetryPolicy.NONE.maxBackoff()).isZero();
		assertThat(EgainRetryPolicy.NONE.deadline()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void backoffWhenFailedAttemptsZeroThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.policy.backoff(0, null))
			.withMessage("failedAttempts must be at least 1");
	}

	@Test
	void backoffWhenRetryAfterThenRetryAfter() {
		assertThat(this.policy.backoff(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.backoff(4, Duration.ofMillis(5))).isEqualTo(Duration.ofMillis(5));
	}

	@Test
	void backoffWhenRetryAfterLongerThanMaxBackoffThenStillRetryAfter() {
		// eGain's own word on when to come back beats the client's cap.
		assertThat(this.policy.backoff(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void backoffWhenNoRetryAfterThenGrowsExponentiallyWithJitterOfUpToHalf() {
		long[] bases = { 100, 200, 400, 800, 1000 };
		for (int failedAttempts = 1; failedAttempts <= bases.length; failedAttempts++) {
			long base = bases[failedAttempts - 1];
			for (int draw = 0; draw < DRAWS; draw++) {
				assertThat(this.policy.backoff(failedAttempts, null).toMillis())
					.as("backoff after %d failed attempts", failedAttempts)
					.isBetween(base / 2, base);
			}
		}
	}

	@Test
	void backoffWhenNoRetryAfterThenJitterVaries() {
		// Callers that failed together must not all retry together.
		Set<Duration> backoffs = IntStream.range(0, DRAWS)
			.mapToObj((draw) -> this.policy.backoff(3, null))
			.collect(Collectors.toSet());
		assertThat(backoffs).hasSizeGreaterThan(1);
	}

	@Test
	void backoffWhenManyFailedAttemptsThenNeverExceedsMaxBackoff() {
		for (int failedAttempts = 1; failedAttempts <= 100; failedAttempts++) {
			assertThat(this.policy.backoff(failedAttempts, null)).as("backoff after %d failed attempts", failedAttempts)
				.isLessThanOrEqualTo(this.policy.maxBackoff())
				.isPositive();
		}
		assertThat(this.policy.backoff(Integer.MAX_VALUE, null).toMillis()).isBetween(500L, 1000L);
	}

	@Test
	void backoffWhenExponentialWouldOverflowThenStaysWithinMaxBackoff() {
		// 1000 days shifted left by 30 no longer fits in a long.
		EgainRetryPolicy policy = new EgainRetryPolicy(3, Duration.ofDays(1000), Duration.ofDays(2000),
				Duration.ofDays(3000));
		for (int failedAttempts = 1; failedAttempts <= 40; failedAttempts++) {
			assertThat(policy.backoff(failedAttempts, null).toMillis())
				.as("backoff after %d failed attempts", failedAttempts)
				.isBetween(Duration.ofDays(500).toMillis(), Duration.ofDays(2000).toMillis());
		}
	}

	@Test
	void backoffWhenNoBackoffConfiguredThenZero() {
		assertThat(EgainRetryPolicy.NONE.backoff(1, null)).isZero();
		assertThat(
				new EgainRetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)).backoff(2, null))
			.isZero();
	}

	// Where doubling stops, and the jitter's whole range (found by mutation testing: see
	// docs/testing.md).

	@Test
	void backoffWhenThirtyOneFailedAttemptsThenStillDoublingBelowMaxBackoff() {
		// 2^45 ms is far beyond 2^30 times the 1 ms initial backoff.
		EgainRetryPolicy policy = new EgainRetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1L << 45),
				Duration.ofDays(1));
		assertThat(policy.backoff(31, null).toMillis()).isBetween(1L << 29, 1L << 30);
	}

	@Test
	void backoffWhenMoreThanThirtyOneFailedAttemptsThenMaxBackoff() {
		EgainRetryPolicy policy = new EgainRetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1L << 45),
				Duration.ofDays(1));
		assertThat(policy.backoff(32, null).toMillis()).isBetween(1L << 44, 1L << 45);
		assertThat(policy.backoff(40, null).toMillis()).isBetween(1L << 44, 1L << 45);
	}

	@Test
	void backoffWhenTwoMillisecondsThenJitterTakesOffNothingOrHalf() {
		EgainRetryPolicy policy = new EgainRetryPolicy(3, Duration.ofMillis(2), Duration.ofMillis(2),
				Duration.ofSeconds(1));
		Set<Duration> backoffs = IntStream.range(0, DRAWS)
			.mapToObj((draw) -> policy.backoff(1, null))
			.collect(Collectors.toSet());
		assertThat(backoffs).containsExactlyInAnyOrder(Duration.ofMillis(1), Duration.ofMillis(2));
	}

	@Test
	void nextBackoffWhenFailureNotWorthRetryingThenThrowsIllegalArgumentException() {
		OAuth2AuthorizationException failure = new OAuth2AuthorizationException(new OAuth2Error("invalid_client"));
		EgainRetryPolicy policy = EgainRetryPolicy.DEFAULT;
		assertThatIllegalArgumentException()
			.isThrownBy(() -> policy.nextBackoff((Throwable) failure, 1, policy.deadlineFromNow()))
			.withMessage("failure must be one worth retrying");
	}

	@Test
	void interruptedWhenFailureNotWorthRetryingThenThrowsIllegalArgumentException() {
		OAuth2AuthorizationException failure = new OAuth2AuthorizationException(new OAuth2Error("invalid_client"));
		assertThatIllegalArgumentException().isThrownBy(() -> EgainRetryPolicy.DEFAULT.interrupted(failure, 1))
			.withMessage("failure must be one worth retrying");
	}

}
