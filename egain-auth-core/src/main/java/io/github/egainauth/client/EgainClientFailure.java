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

package io.github.egainauth.client;

import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.util.Assert;

/**
 * The latest token request of a client that failed for a reason of the client or of eGain
 * (not of one subject), as long as no token request of that client has succeeded since.
 *
 * @param error the error; its description names client, flow and what eGain answered,
 * never a secret or token
 * @param time when the token request failed
 * @author egain-auth authors
 * @see EgainAuthorizedClientManager#getFailingClients()
 * @see EgainReactiveAuthorizedClientManager#getFailingClients()
 */
public record EgainClientFailure(OAuth2Error error, Instant time) {

	/**
	 * Constructs an {@code EgainClientFailure}.
	 * @param error the error
	 * @param time when the token request failed
	 */
	public EgainClientFailure {
		Assert.notNull(error, "error cannot be null");
		Assert.notNull(time, "time cannot be null");
	}

}
