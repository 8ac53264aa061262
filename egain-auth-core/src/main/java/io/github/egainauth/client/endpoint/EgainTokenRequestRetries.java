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

import java.util.function.Supplier;

/**
 * Runs one blocking token request under an {@link EgainRetryPolicy}: repeats it while its
 * failure {@link EgainRetryPolicy#isRetryable is worth another attempt}, waiting what
 * {@link EgainRetryPolicy#nextBackoff(Throwable, int, long)} says, and gives up as it
 * says. The default, {@link #sleeping()}, waits on the calling thread and runs on every
 * Spring line; the Spring Boot 4 auto-configuration runs the same decisions on Spring
 * Framework's {@code RetryTemplate}.
 *
 * @author egain-auth authors
 * @see AbstractRestClientEgainTokenResponseClient#setRetries(EgainTokenRequestRetries)
 */
public interface EgainTokenRequestRetries {

	/**
	 * Runs the token request, retrying as the policy says.
	 * @param <T> the answer's type
	 * @param retryPolicy the retry policy
	 * @param tokenRequest one attempt at the token request
	 * @return the answer of the attempt that succeeded
	 */
	<T> T execute(EgainRetryPolicy retryPolicy, Supplier<T> tokenRequest);

	/**
	 * Returns the retries that wait on the calling thread between attempts.
	 * @return the retries
	 */
	static EgainTokenRequestRetries sleeping() {
		return SleepingTokenRequestRetries.INSTANCE;
	}

}
