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
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.StringUtils;

/**
 * Reads how long eGain asks a client to wait before it tries again: {@code Retry-After}
 * (seconds or an HTTP date), or, on a {@code 429}, eGain's {@code X-RateLimit-Reset}, the
 * UTC date-time at which its rate limit resets. A value that cannot be read is ignored,
 * so the retry policy's own backoff applies.
 *
 * @author egain-auth authors
 */
final class EgainWaitRequests {

	static final String RATE_LIMIT_RESET = "X-RateLimit-Reset";

	private EgainWaitRequests() {
	}

	/**
	 * Returns the wait eGain's answer asks for, never negative, or {@code null} if it
	 * asks for none.
	 * @param status the answer's status
	 * @param headers the answer's headers
	 * @param clock the clock that a date-time is measured against
	 * @return the wait, or {@code null} if the answer asks for none
	 */
	static @Nullable Duration requestedWait(HttpStatusCode status, HttpHeaders headers, Clock clock) {
		String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (StringUtils.hasText(retryAfter)) {
			Duration wait = retryAfter(retryAfter.trim(), clock);
			if (wait != null) {
				return wait;
			}
		}
		String reset = headers.getFirst(RATE_LIMIT_RESET);
		if (status.value() == HttpStatus.TOO_MANY_REQUESTS.value() && StringUtils.hasText(reset)) {
			Instant at = dateTime(reset.trim());
			return (at != null) ? until(at, clock) : null;
		}
		return null;
	}

	private static @Nullable Duration retryAfter(String value, Clock clock) {
		if (value.chars().allMatch(Character::isDigit)) {
			try {
				return Duration.ofSeconds(Long.parseLong(value));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		Instant at = parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
		return (at != null) ? until(at, clock) : null;
	}

	/**
	 * eGain documents a UTC date-time; ISO-8601 with or without an offset (then UTC),
	 * with {@code T} or a space, and HTTP dates are all read.
	 * @param value the header value
	 * @return the instant, or {@code null} if the value is none of these
	 */
	private static @Nullable Instant dateTime(String value) {
		Instant at = parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		if (at == null) {
			at = parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
		}
		if (at == null) {
			try {
				at = LocalDateTime.parse(value.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
					.toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return at;
	}

	private static @Nullable Instant parse(String value, DateTimeFormatter formatter) {
		try {
			return (formatter == DateTimeFormatter.ISO_OFFSET_DATE_TIME) ? OffsetDateTime.parse(value).toInstant()
					: ZonedDateTime.parse(value, formatter).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static Duration until(Instant at, Clock clock) {
		Duration wait = Duration.between(clock.instant(), at);
		return wait.isNegative() ? Duration.ZERO : wait;
	}

}
