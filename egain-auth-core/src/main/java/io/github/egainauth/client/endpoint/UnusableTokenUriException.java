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

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The failure of a token request that found no token endpoint at its registration's token
 * URI: eGain answered that nothing is there ({@code 404}, {@code 405}, {@code 410}) or
 * that it moved (a redirect, which is never followed). Such a URI may have been read from
 * eGain's tenant metadata document before the document changed.
 *
 * @author egain-auth authors
 */
final class UnusableTokenUriException extends OAuth2AuthorizationException {

	UnusableTokenUriException(OAuth2Error error) {
		super(error);
	}

	/**
	 * Returns whether an answer's status says that there is no token endpoint at the
	 * request's URI.
	 * @param status the answer's status
	 * @return whether the URI is unusable
	 */
	static boolean isUnusable(HttpStatusCode status) {
		int value = status.value();
		return status.is3xxRedirection() || value == HttpStatus.NOT_FOUND.value()
				|| value == HttpStatus.METHOD_NOT_ALLOWED.value() || value == HttpStatus.GONE.value();
	}

	/**
	 * Returns whether a failed token request found no token endpoint at its URI: no
	 * connection could be made (refused, no route, unknown host), or the answer said so.
	 * A timeout or a {@code 5xx} is not such a failure: the endpoint may be there and
	 * busy.
	 * @param failure the failure of the token request
	 * @return whether the token URI is unusable
	 */
	static boolean isUnusable(Throwable failure) {
		Throwable cause = failure;
		while (cause != null) {
			if (cause instanceof UnusableTokenUriException || cause instanceof ConnectException
					|| cause instanceof NoRouteToHostException || cause instanceof UnknownHostException) {
				return true;
			}
			cause = next(cause);
		}
		return false;
	}

	private static @Nullable Throwable next(Throwable cause) {
		Throwable next = cause.getCause();
		return (next != cause) ? next : null;
	}

}
