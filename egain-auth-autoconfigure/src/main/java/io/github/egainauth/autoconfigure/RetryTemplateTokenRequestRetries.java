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

import java.util.function.Supplier;

import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.EgainTokenRequestRetries;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Runs blocking token requests on Spring Framework's {@link RetryTemplate}: the template
 * repeats a request while the {@link EgainRetryPolicy} deems its failure retryable; the
 * waits and the moment to give up (attempts spent, the deadline in sight) are the
 * policy's, the very decisions the reactive token clients use with Reactor's
 * {@code Retry}.
 *
 * @author egain-auth authors
 */
final class RetryTemplateTokenRequestRetries implements EgainTokenRequestRetries {

	@Override
	public <T> T execute(EgainRetryPolicy retryPolicy, Supplier<T> tokenRequest) {
		Attempts attempts = new Attempts(retryPolicy);
		try {
			return new RetryTemplate(attempts).execute(tokenRequest::get);
		}
		catch (RetryException ex) {
			throw attempts.failure(ex);
		}
	}

	/**
	 * The state of one token request's attempts, as the template's policy and backoff.
	 */
	private static final class Attempts implements RetryPolicy, BackOff, BackOffExecution {

		private final EgainRetryPolicy policy;

		private final long deadlineNanos;

		private @Nullable Throwable lastFailure;

		private int failedAttempts;

		Attempts(EgainRetryPolicy policy) {
			this.policy = policy;
			this.deadlineNanos = policy.deadlineFromNow();
		}

		@Override
		public boolean shouldRetry(Throwable failure) {
			this.failedAttempts++;
			if (EgainRetryPolicy.isRetryable(failure)) {
				this.lastFailure = failure;
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
		 * Returns the wait before the next attempt; once there is none, the policy throws
		 * the failure the caller gets, which leaves the template as it is.
		 */
		@Override
		public long nextBackOff() {
			Throwable failure = this.lastFailure;
			if (failure == null) {
				return STOP;
			}
			return this.policy.nextBackoff(failure, this.failedAttempts, this.deadlineNanos).toMillis();
		}

		RuntimeException failure(RetryException ex) {
			Throwable last = ex.getCause();
			if (EgainRetryPolicy.isRetryable(last)) {
				// Only an interrupted wait ends the template with a retryable failure.
				return this.policy.interrupted(last, this.failedAttempts);
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

}
