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

import io.github.egainauth.EgainFlow;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * Whom a failed token request is to blame on: the one subject it was for, or the client
 * (with eGain itself). Only eGain's {@code invalid_grant} on a flow that has a subject is
 * the subject's: eGain answers it for an unknown username, user id or email, which says
 * nothing about the client. Every other failure is the client's: {@code invalid_client},
 * {@code unauthorized_client}, {@code invalid_scope}, and the
 * {@code invalid_token_response} of an unreachable token endpoint, a timeout, a
 * {@code 5xx} or {@code 429} still failing after retries, or an unreadable answer.
 *
 * @author egain-auth authors
 */
enum TokenFailureCause {

	/**
	 * eGain did not accept the subject, e.g. an unknown user.
	 */
	SUBJECT,

	/**
	 * The client or eGain failed, whichever subject asked.
	 */
	CLIENT;

	/**
	 * Returns the cause of a failed token request.
	 * @param error the error of the failed token request
	 * @param flow the client's flow, or {@code null} if it is not an eGain flow
	 * @return the cause
	 */
	static TokenFailureCause of(OAuth2Error error, @Nullable EgainFlow flow) {
		boolean subjectRejected = flow != null && flow.isOnBehalfOf()
				&& OAuth2ErrorCodes.INVALID_GRANT.equals(error.getErrorCode());
		return subjectRejected ? SUBJECT : CLIENT;
	}

}
