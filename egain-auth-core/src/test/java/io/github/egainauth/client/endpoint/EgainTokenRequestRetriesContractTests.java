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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every {@link EgainTokenRequestRetries} does with the attempts of one token
 * request, whichever way it waits between them: each implementation's tests extend this
 * class.
 *
 * @author egain-auth authors
 */
public abstract class EgainTokenRequestRetriesContractTests {

	private static final EgainRetryPolicy POLICY = new EgainRetryPolicy(3, Duration.ofMillis(200),
			Duration.ofMillis(200), Duration.ofSeconds(20));

	/**
	 * Returns the retries under test.
	 * @return the retries under test
	 */
	protected abstract EgainTokenRequestRetries retries();

	@Test
	void executeWhenFirstAttemptSucceedsThenItsAnswer() {
		AtomicInteger attempts = new AtomicInteger();
		assertThat(retries().execute(POLICY, () -> "token-" + attempts.incrementAndGet())).isEqualTo("token-1");
	}

	@Test
	void executeWhenRetryableFailuresThenRetriesUntilAnswer() {
		AtomicInteger attempts = new AtomicInteger();
		String answer = retries().execute(POLICY, () -> {
			if (attempts.incrementAndGet() < 3) {
				throw retryable(null);
			}
			return "token";
		});
		assertThat(answer).isEqualTo("token");
		assertThat(attempts).hasValue(3);
	}

	@Test
	void executeWhenRetryableFailureThenWaitsTheBackoffBeforeTheNextAttempt() {
		// A lower bound only: the next attempt starts no sooner than the backoff, 200 ms
		// less up to half of jitter.
		List<Long> startedNanos = new ArrayList<>();
		retries().execute(POLICY, () -> {
			startedNanos.add(System.nanoTime());
			if (startedNanos.size() < 2) {
				throw retryable(null);
			}
			return "token";
		});
		assertThat(Duration.ofNanos(startedNanos.get(1) - startedNanos.get(0)))
			.isGreaterThanOrEqualTo(Duration.ofMillis(100));
	}

	@Test
	void executeWhenRetryableFailuresExhaustAttemptsThenFailureSaysHowMany() {
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(() -> retries()
			.execute(new EgainRetryPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(20)), () -> {
				attempts.incrementAndGet();
				throw retryable(null);
			}))
			.isNotInstanceOf(RetryableTokenRequestException.class)
			.satisfies((ex) -> assertThat(ex.getError().getDescription())
				.isEqualTo("eGain answered 503 (gave up after 2 attempts)"));
		assertThat(attempts).hasValue(2);
	}

	@Test
	void executeWhenNonRetryableFailureAfterRetryableOneThenNoFurtherAttempt() {
		AtomicInteger attempts = new AtomicInteger();
		OAuth2AuthorizationException invalidClient = new OAuth2AuthorizationException(
				new OAuth2Error("invalid_client", "eGain answered 401", null));
		assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(() -> retries()
			.execute(new EgainRetryPolicy(5, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(20)), () -> {
				if (attempts.incrementAndGet() == 1) {
					throw retryable(null);
				}
				throw invalidClient;
			})).isSameAs(invalidClient);
		assertThat(attempts).hasValue(2);
	}

	@Test
	void executeWhenErrorThenThatError() {
		StackOverflowError failure = new StackOverflowError();
		assertThatExceptionOfType(StackOverflowError.class).isThrownBy(() -> retries().execute(POLICY, () -> {
			throw failure;
		})).isSameAs(failure);
	}

	@Test
	void executeWhenInterruptedWhileWaitingToRetryThenGivesUpAndKeepsInterrupt() {
		AtomicInteger attempts = new AtomicInteger();
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(OAuth2AuthorizationException.class)
				.isThrownBy(() -> retries().execute(POLICY, () -> {
					attempts.incrementAndGet();
					throw retryable(null);
				}))
				.satisfies((ex) -> assertThat(ex.getError().getDescription())
					.isEqualTo("eGain answered 503 (gave up after 1 attempt: interrupted while waiting to retry)"));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
			assertThat(attempts).hasValue(1);
		}
		finally {
			Thread.interrupted();
		}
	}

	private static RetryableTokenRequestException retryable(Duration retryAfter) {
		return new RetryableTokenRequestException(new OAuth2Error("server_error", "eGain answered 503", null),
				retryAfter, null);
	}

}
