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

package io.github.egainauth.client.web.client;

import java.io.IOException;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import io.github.egainauth.client.web.EgainRequestAttributes;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.util.Assert;

/**
 * A {@link ClientHttpRequestInterceptor} that puts an eGain access token on every
 * {@code RestClient} request, as {@code Authorization: Bearer}. The client and subject
 * come from the request's {@link EgainRequestAttributes}; without a subject, the current
 * principal's is used. A {@code 401} answer evicts the token and the request is sent once
 * more, body and all, with a fresh one; a second {@code 401} is returned to the caller.
 * Needs no servlet request, so it works in scheduled jobs, {@code @Async} methods and
 * message listeners.
 *
 * @author egain-auth authors
 */
public final class EgainClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final EgainAccessTokens accessTokens;

	private @Nullable String defaultClientName;

	private EgainAllowedOrigins allowedOrigins = EgainAllowedOrigins.any();

	/**
	 * Constructs an {@code EgainClientHttpRequestInterceptor}.
	 * @param accessTokens the source of tokens
	 */
	public EgainClientHttpRequestInterceptor(EgainAccessTokens accessTokens) {
		Assert.notNull(accessTokens, "accessTokens cannot be null");
		this.accessTokens = accessTokens;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String clientName = EgainRequestAttributes.resolveClientName(request.getAttributes(), this.defaultClientName);
		this.allowedOrigins.check(request.getURI(), clientName);
		EgainSubject subject = EgainRequestAttributes.resolveSubject(request.getAttributes());
		OAuth2AuthorizedClient authorizedClient = this.accessTokens.authorize(clientName, subject);
		ClientHttpResponse response = execute(request, body, execution, authorizedClient);
		if (response.getStatusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
			return response;
		}
		// eGain rejected the token (revoked, or expired early): discard it and retry
		// once, replaying the body, with a fresh one. A second 401 goes to the caller.
		response.close();
		this.accessTokens.invalidate(authorizedClient);
		return execute(request, body, execution, this.accessTokens.authorize(clientName, subject));
	}

	private static ClientHttpResponse execute(HttpRequest request, byte[] body, ClientHttpRequestExecution execution,
			OAuth2AuthorizedClient authorizedClient) throws IOException {
		request.getHeaders().setBearerAuth(authorizedClient.getAccessToken().getTokenValue());
		return execution.execute(request, body);
	}

	/**
	 * Sets the origins (scheme, host and port) that may receive tokens; a request for any
	 * other origin fails before a token is obtained. The default allows any origin. Plain
	 * {@code http://} to a host that is not loopback is refused whatever this allows.
	 * @param allowedOrigins the allowed origins
	 */
	public void setAllowedOrigins(EgainAllowedOrigins allowedOrigins) {
		Assert.notNull(allowedOrigins, "allowedOrigins cannot be null");
		this.allowedOrigins = allowedOrigins;
	}

	/**
	 * Sets the client used by requests that name none, e.g. the only configured one.
	 * @param defaultClientName the client's name, or {@code null} to require every
	 * request to name one
	 */
	public void setDefaultClientName(@Nullable String defaultClientName) {
		this.defaultClientName = defaultClientName;
	}

}
