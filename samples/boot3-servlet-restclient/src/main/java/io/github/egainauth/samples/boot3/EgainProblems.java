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

package io.github.egainauth.samples.boot3;

import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * What the sample answers when eGain refuses a token or a call: {@code 502} with eGain's
 * status and error code, never eGain's message or body. Those can name users, tenants or
 * internals that the caller has no business seeing; they go to the sample's log instead.
 *
 * @author egain-auth authors
 */
final class EgainProblems {

	private static final Log logger = LogFactory.getLog(EgainProblems.class);

	/**
	 * What an error code looks like ({@code invalid_grant}, {@code 403-197}): anything
	 * else is not passed on.
	 */
	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final JsonMapper json = JsonMapper.builder().build();

	private EgainProblems() {
	}

	/**
	 * Answers a token eGain would not issue. The starter has logged the failure, whose
	 * description names the client, the flow and eGain's answer.
	 * @param ex the failure
	 * @return the problem, with eGain's error code
	 */
	static ProblemDetail tokenRefused(OAuth2AuthorizationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"eGain did not issue a token; the details are in the application's log");
		withCode(problem, ex.getError().getErrorCode());
		return problem;
	}

	/**
	 * Answers an eGain API call that failed even with a fresh token.
	 * @param status eGain's status
	 * @param body eGain's body, e.g. {@code {"code": "403-197", "developerMessage": ...}}
	 * @return the problem, with eGain's status and error code
	 */
	static ProblemDetail callRefused(HttpStatusCode status, String body) {
		logger.warn("eGain answered " + status + ": " + body);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"The eGain call failed; the details are in the application's log");
		problem.setProperty("egainStatus", status.value());
		withCode(problem, code(body));
		return problem;
	}

	private static void withCode(ProblemDetail problem, @Nullable String code) {
		if (code != null && CODE.matcher(code).matches()) {
			problem.setProperty("egainCode", code);
		}
	}

	private static @Nullable String code(String body) {
		try {
			JsonNode code = json.readTree(body).get("code");
			return (code != null && code.isTextual()) ? code.asText() : null;
		}
		catch (JsonProcessingException ex) {
			return null;
		}
	}

}
