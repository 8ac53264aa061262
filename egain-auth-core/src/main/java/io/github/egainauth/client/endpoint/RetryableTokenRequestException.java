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

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * A token request failure worth another attempt: eGain could not be reached, or answered
 * {@code 5xx} or {@code 429}. It never leaves the token clients: once the retry policy
 * gives up, {@link #exhausted(int, String)} turns it into a plain
 * {@link OAuth2AuthorizationException}.
 *
 * @author egain-auth authors
 */
final class RetryableTokenRequestException extends OAuth2AuthorizationException {

	private final @Nullable Duration retryAfter;

	RetryableTokenRequestException(OAuth2Error error, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(error, error.toString(), cause);
		this.retryAfter = retryAfter;
	}

	/**
	 * Returns how long eGain asked the client to wait ({@code Retry-After}), if it did.
	 * @return the wait, or {@code null} if eGain asked for none
	 */
	@Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Returns the failure the caller gets when no further attempt is made.
	 * @param attempts how many attempts were made
	 * @param reason why no further attempt is made, or {@code null} when the attempts ran
	 * out
	 * @return the failure
	 */
	OAuth2AuthorizationException exhausted(int attempts, @Nullable String reason) {
		OAuth2Error error = getError();
		String description = error.getDescription() + ((attempts > 1 || reason != null) ? " (gave up after " + attempts
				+ ((attempts == 1) ? " attempt" : " attempts") + ((reason != null) ? ": " + reason : "") + ")" : "");
		return new OAuth2AuthorizationException(new OAuth2Error(error.getErrorCode(), description, error.getUri()),
				this);
	}

}
