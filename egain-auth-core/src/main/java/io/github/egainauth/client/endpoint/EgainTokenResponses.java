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

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.egainauth.EgainFlow;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.StringUtils;

/**
 * Reads eGain token responses, and turns every way a token request can fail into an
 * {@link OAuth2AuthorizationException} whose description names the client, the flow and
 * what eGain answered. Neither the client secret nor any token is ever part of a
 * description.
 *
 * @author egain-auth authors
 */
final class EgainTokenResponses {

	static final String INVALID_TOKEN_RESPONSE_ERROR_CODE = "invalid_token_response";

	/**
	 * The most of an answer either token client reads: 256 KiB, {@code WebClient}'s
	 * default {@code maxInMemorySize}. A token response takes a few KiB; anything longer
	 * (a proxy's error page, a misrouted download, an endless stream) is no token
	 * response, and is never buffered whole.
	 */
	static final int MAX_RESPONSE_SIZE = 256 * 1024;

	private EgainTokenResponses() {
	}

	/**
	 * Returns the token in a {@code 2xx} answer, or throws the failure an answer
	 * describes: a {@link RetryableTokenRequestException} for {@code 5xx} and
	 * {@code 429}, a plain {@link OAuth2AuthorizationException} otherwise.
	 * @param grantRequest the grant request
	 * @param converter the converter of a token response's parameters
	 * @param status the answer's status
	 * @param headers the answer's headers
	 * @param body the answer's body
	 * @return the token response
	 */
	static OAuth2AccessTokenResponse read(AbstractOAuth2AuthorizationGrantRequest grantRequest,
			Converter<Map<String, Object>, OAuth2AccessTokenResponse> converter, HttpStatusCode status,
			HttpHeaders headers, byte[] body) {
		Map<String, Object> parameters = parse(body);
		MediaType contentType = headers.getContentType();
		if (!status.is2xxSuccessful()) {
			throw errorResponse(grantRequest, status, headers, parameters);
		}
		if (parameters == null) {
			throw failure(grantRequest, INVALID_TOKEN_RESPONSE_ERROR_CODE, "eGain answered " + describe(status)
					+ " with " + describeBody(contentType, body) + " instead of a JSON token response", null);
		}
		try {
			OAuth2AccessTokenResponse response = converter.convert(parameters);
			if (response == null) {
				throw new IllegalArgumentException("No token response");
			}
			return response;
		}
		catch (EgainAccessTokenResponseConverter.ExpiredTokenException ex) {
			throw failure(grantRequest, INVALID_TOKEN_RESPONSE_ERROR_CODE,
					"eGain issued a token that had already expired (" + ex.getMessage() + ")", ex);
		}
		catch (IllegalArgumentException ex) {
			throw failure(grantRequest, INVALID_TOKEN_RESPONSE_ERROR_CODE, "eGain answered " + describe(status)
					+ " with a JSON body that is not a valid token response (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * Returns the failure of a request that got no answer (refused, reset, timed out),
	 * which is worth another attempt.
	 * @param grantRequest the grant request
	 * @param ex why there was no answer
	 * @return the failure
	 */
	static RetryableTokenRequestException unreachable(AbstractOAuth2AuthorizationGrantRequest grantRequest,
			Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String reason = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return new RetryableTokenRequestException(error(grantRequest, INVALID_TOKEN_RESPONSE_ERROR_CODE,
				"could not reach eGain at " + grantRequest.getClientRegistration().getProviderDetails().getTokenUri()
						+ " (" + reason + ")"),
				null, ex);
	}

	/**
	 * Returns the failure of a request that took longer than the overall deadline.
	 * @param grantRequest the grant request
	 * @param deadline the deadline
	 * @return the failure
	 */
	static OAuth2AuthorizationException deadlineExceeded(AbstractOAuth2AuthorizationGrantRequest grantRequest,
			Duration deadline) {
		return new OAuth2AuthorizationException(error(grantRequest, INVALID_TOKEN_RESPONSE_ERROR_CODE,
				"eGain did not issue a token within the " + deadline.toMillis() + " ms deadline for token requests"));
	}

	/**
	 * A body too large to buffer (e.g. a proxy's error page) is no token response either;
	 * it fails like any other unreadable answer.
	 * @param grantRequest the grant request
	 * @param status the answer's status
	 * @param ex the failure to buffer the body, or {@code null}
	 * @return the failure
	 */
	static OAuth2AuthorizationException tooLarge(AbstractOAuth2AuthorizationGrantRequest grantRequest,
			HttpStatusCode status, @Nullable Throwable ex) {
		return failure(grantRequest, INVALID_TOKEN_RESPONSE_ERROR_CODE,
				"eGain answered " + describe(status) + " with a body too large to be a token response", ex);
	}

	private static OAuth2AuthorizationException errorResponse(AbstractOAuth2AuthorizationGrantRequest grantRequest,
			HttpStatusCode status, HttpHeaders headers, @Nullable Map<String, Object> parameters) {
		Object error = (parameters != null) ? parameters.get(OAuth2ParameterNames.ERROR) : null;
		OAuth2Error oauth2Error;
		if (error == null || !StringUtils.hasText(error.toString())) {
			oauth2Error = error(grantRequest, INVALID_TOKEN_RESPONSE_ERROR_CODE,
					"eGain answered " + describe(status) + " without an OAuth 2.0 error");
		}
		else {
			Object description = parameters.get(OAuth2ParameterNames.ERROR_DESCRIPTION);
			oauth2Error = error(grantRequest, error.toString(), "eGain answered " + describe(status) + " with error '"
					+ error + "'" + ((description != null) ? ": " + description : ""));
		}
		// eGain is down or busy: another attempt may succeed. Any other answer (400, 401)
		// would only be repeated.
		if (status.is5xxServerError() || status.value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
			return new RetryableTokenRequestException(oauth2Error,
					EgainWaitRequests.requestedWait(status, headers, Clock.systemUTC()), null);
		}
		if (UnusableTokenUriException.isUnusable(status)) {
			return new UnusableTokenUriException(oauth2Error);
		}
		return new OAuth2AuthorizationException(oauth2Error);
	}

	private static OAuth2AuthorizationException failure(AbstractOAuth2AuthorizationGrantRequest grantRequest,
			String errorCode, String answer, @Nullable Throwable cause) {
		OAuth2Error error = error(grantRequest, errorCode, answer);
		return (cause != null) ? new OAuth2AuthorizationException(error, cause)
				: new OAuth2AuthorizationException(error);
	}

	private static OAuth2Error error(AbstractOAuth2AuthorizationGrantRequest grantRequest, String errorCode,
			String answer) {
		ClientRegistration clientRegistration = grantRequest.getClientRegistration();
		EgainFlow flow = EgainFlow.from(clientRegistration);
		String flowName = (flow != null) ? flow.getValue() : grantRequest.getGrantType().getValue();
		return new OAuth2Error(errorCode, "Token request for eGain client '" + clientRegistration.getRegistrationId()
				+ "' (" + flowName + " flow) failed: " + answer, null);
	}

	private static @Nullable Map<String, Object> parse(byte[] body) {
		if (isBlank(body)) {
			return null;
		}
		try {
			// Nimbus's parser comes with Spring Security on every Spring Boot line, where
			// Jackson differs (Jackson 2 on Boot 3, Jackson 3 on Boot 4).
			return JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
		}
		catch (ParseException ex) {
			return null;
		}
	}

	private static String describe(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return "HTTP " + status.value() + ((known != null) ? " " + known.getReasonPhrase() : "");
	}

	private static String describeBody(@Nullable MediaType contentType, byte[] body) {
		if (isBlank(body)) {
			return "an empty body";
		}
		return "a body that is not a JSON object"
				+ ((contentType != null) ? " (Content-Type " + contentType + ")" : "");
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (!Character.isWhitespace(b)) {
				return false;
			}
		}
		return true;
	}

}
