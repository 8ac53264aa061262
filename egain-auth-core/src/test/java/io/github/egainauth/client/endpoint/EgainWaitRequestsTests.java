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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EgainWaitRequests}.
 *
 * @author egain-auth authors
 */
class EgainWaitRequestsTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void requestedWaitWhenNoHeadersThenNull() {
		assertThat(EgainWaitRequests.requestedWait(HttpStatus.TOO_MANY_REQUESTS, new HttpHeaders(), this.clock))
			.isNull();
	}

	@Test
	void requestedWaitWhenRetryAfterSecondsThenThoseSeconds() {
		assertThat(wait(HttpStatus.SERVICE_UNAVAILABLE, HttpHeaders.RETRY_AFTER, "7")).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void requestedWaitWhenRetryAfterHttpDateThenUntilThen() {
		assertThat(wait(HttpStatus.SERVICE_UNAVAILABLE, HttpHeaders.RETRY_AFTER, "Sat, 28 Nov 2026 10:00:30 GMT"))
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void requestedWaitWhenRetryAfterInPastThenZero() {
		assertThat(wait(HttpStatus.SERVICE_UNAVAILABLE, HttpHeaders.RETRY_AFTER, "Sat, 28 Nov 2026 09:00:00 GMT"))
			.isEqualTo(Duration.ZERO);
	}

	@Test
	void requestedWaitWhenRetryAfterUnreadableThenNull() {
		assertThat(wait(HttpStatus.SERVICE_UNAVAILABLE, HttpHeaders.RETRY_AFTER, "soon")).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			2026-11-28T10:01:00Z        | 60
			2026-11-28T11:01:00+01:00   | 60
			2026-11-28T10:01:00.500Z    | 60.5
			2026-11-28T10:01:00         | 60
			2026-11-28 10:01:00         | 60
			Sat, 28 Nov 2026 10:01:00 GMT | 60
			2026-11-28T09:00:00Z        | 0
			""")
	void requestedWaitWhenTooManyRequestsWithRateLimitResetThenUntilReset(String reset, double seconds) {
		assertThat(wait(HttpStatus.TOO_MANY_REQUESTS, "X-RateLimit-Reset", reset))
			.isEqualTo(Duration.ofMillis((long) (seconds * 1000)));
	}

	@Test
	void requestedWaitWhenRateLimitResetUnreadableThenNull() {
		assertThat(wait(HttpStatus.TOO_MANY_REQUESTS, "X-RateLimit-Reset", "tomorrow")).isNull();
	}

	@Test
	void requestedWaitWhenRateLimitResetOnServerErrorThenNull() {
		assertThat(wait(HttpStatus.SERVICE_UNAVAILABLE, "X-RateLimit-Reset", "2026-11-28T10:01:00Z")).isNull();
	}

	@Test
	void requestedWaitWhenBothHeadersThenRetryAfterWins() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "3");
		headers.set("X-RateLimit-Reset", "2026-11-28T10:01:00Z");
		assertThat(EgainWaitRequests.requestedWait(HttpStatus.TOO_MANY_REQUESTS, headers, this.clock))
			.isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void requestedWaitWhenRetryAfterUnreadableAndRateLimitResetThenReset() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "later");
		headers.set("X-RateLimit-Reset", "2026-11-28T10:00:10Z");
		assertThat(EgainWaitRequests.requestedWait(HttpStatus.TOO_MANY_REQUESTS, headers, this.clock))
			.isEqualTo(Duration.ofSeconds(10));
	}

	private Duration wait(HttpStatus status, String header, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(header, value);
		return EgainWaitRequests.requestedWait(status, headers, this.clock);
	}

}
