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

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryableTokenRequestException}.
 *
 * @author egain-auth authors
 */
class RetryableTokenRequestExceptionTests {

	private final RetryableTokenRequestException failure = new RetryableTokenRequestException(
			new OAuth2Error("server_error", "eGain answered 503", "https://example.com/errors"), Duration.ofSeconds(3),
			null);

	@Test
	void exhaustedWhenOneAttemptAndNoReasonThenDescriptionAsIs() {
		OAuth2AuthorizationException exhausted = this.failure.exhausted(1, null);
		assertThat(exhausted.getError().getErrorCode()).isEqualTo("server_error");
		assertThat(exhausted.getError().getDescription()).isEqualTo("eGain answered 503");
		assertThat(exhausted.getError().getUri()).isEqualTo("https://example.com/errors");
		assertThat(exhausted).hasCause(this.failure);
	}

	@Test
	void exhaustedWhenTwoAttemptsThenSaysSo() {
		assertThat(this.failure.exhausted(2, null).getError().getDescription())
			.isEqualTo("eGain answered 503 (gave up after 2 attempts)");
	}

	@Test
	void exhaustedWhenOneAttemptAndReasonThenSaysWhy() {
		assertThat(this.failure.exhausted(1, "waiting 3000 ms more would pass the 1000 ms deadline")
			.getError()
			.getDescription()).isEqualTo(
					"eGain answered 503 (gave up after 1 attempt: waiting 3000 ms more would pass the 1000 ms deadline)");
	}

	@Test
	void getRetryAfterThenEgainsWait() {
		assertThat(this.failure.getRetryAfter()).isEqualTo(Duration.ofSeconds(3));
	}

}
