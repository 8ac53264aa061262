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
import java.util.function.Supplier;

/**
 * {@link EgainTokenRequestRetries} that wait on the calling thread between attempts.
 *
 * @author egain-auth authors
 */
final class SleepingTokenRequestRetries implements EgainTokenRequestRetries {

	static final SleepingTokenRequestRetries INSTANCE = new SleepingTokenRequestRetries();

	private SleepingTokenRequestRetries() {
	}

	@Override
	public <T> T execute(EgainRetryPolicy retryPolicy, Supplier<T> tokenRequest) {
		long deadline = retryPolicy.deadlineFromNow();
		for (int attempt = 1;; attempt++) {
			try {
				return tokenRequest.get();
			}
			catch (RuntimeException ex) {
				if (!EgainRetryPolicy.isRetryable(ex)) {
					throw ex;
				}
				sleep(retryPolicy, retryPolicy.nextBackoff(ex, attempt, deadline), ex, attempt);
			}
		}
	}

	private static void sleep(EgainRetryPolicy retryPolicy, Duration backoff, RuntimeException failure, int attempt) {
		try {
			Thread.sleep(backoff.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw retryPolicy.interrupted(failure, attempt);
		}
	}

}
