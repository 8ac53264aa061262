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

import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Runs one blocking token request under an {@link EgainRetryPolicy} with Spring
 * Framework's {@link RetryTemplate}. The template repeats the request while the policy
 * deems its failure retryable; the waits and the moment to give up (attempts spent, the
 * deadline in sight) are the policy's, the very decisions the reactive token clients use
 * with Reactor's {@code Retry}.
 *
 * @author egain-auth authors
 */
final class TokenRequestRetries implements RetryPolicy, BackOff, BackOffExecution {

	private final EgainRetryPolicy policy;

	private final long deadlineNanos;

	private @Nullable RetryableTokenRequestException lastFailure;

	private int failedAttempts;

	private TokenRequestRetries(EgainRetryPolicy policy) {
		this.policy = policy;
		this.deadlineNanos = System.nanoTime() + policy.deadline().toNanos();
	}

	/**
	 * Runs the token request, retrying as the policy says, and returns its answer or
	 * throws the failure the caller gets.
	 * @param <R> the type of the answer
	 * @param policy the retry policy
	 * @param tokenRequest the token request
	 * @return the answer
	 */
	static <R> R execute(EgainRetryPolicy policy, Retryable<R> tokenRequest) {
		TokenRequestRetries retries = new TokenRequestRetries(policy);
		try {
			return new RetryTemplate(retries).execute(tokenRequest);
		}
		catch (RetryException ex) {
			throw retries.failure(ex);
		}
	}

	@Override
	public boolean shouldRetry(Throwable failure) {
		this.failedAttempts++;
		if (EgainRetryPolicy.isRetryable(failure)) {
			this.lastFailure = (RetryableTokenRequestException) failure;
			return true;
		}
		return false;
	}

	@Override
	public BackOff getBackOff() {
		return this;
	}

	@Override
	public BackOffExecution start() {
		return this;
	}

	/**
	 * Returns the wait before the next attempt; once there is none, the policy throws the
	 * failure the caller gets, which leaves the template as it is.
	 */
	@Override
	public long nextBackOff() {
		RetryableTokenRequestException failure = this.lastFailure;
		if (failure == null) {
			return STOP;
		}
		return this.policy.nextBackoff(failure, this.failedAttempts, this.deadlineNanos).toMillis();
	}

	private RuntimeException failure(RetryException ex) {
		Throwable last = ex.getCause();
		if (last instanceof RetryableTokenRequestException retryable) {
			// Only an interrupted wait ends the template with a retryable failure.
			return retryable.exhausted(this.failedAttempts, "interrupted while waiting to retry");
		}
		if (last instanceof RuntimeException runtime) {
			return runtime;
		}
		if (last instanceof Error error) {
			throw error;
		}
		return new IllegalStateException("Token request failed", last);
	}

}
