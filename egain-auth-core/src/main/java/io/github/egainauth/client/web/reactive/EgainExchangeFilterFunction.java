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

package io.github.egainauth.client.web.reactive;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import io.github.egainauth.client.web.EgainRequestAttributes;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * An {@link ExchangeFilterFunction} that puts an eGain access token on every
 * {@code WebClient} request, as {@code Authorization: Bearer}. The client and subject
 * come from the request's {@link EgainRequestAttributes}; without a subject, the
 * principal of the reactive security context, or else of the calling thread, is used. A
 * {@code 401} answer evicts the token and the request is sent once more with a fresh one
 * (a body given as a value is sent again; a streamed body cannot be); a second
 * {@code 401} is returned to the caller. Needs no server or servlet request, so it works
 * in scheduled jobs, {@code @Async} methods and message listeners.
 *
 * @author egain-auth authors
 */
public final class EgainExchangeFilterFunction implements ExchangeFilterFunction {

	private final ReactiveEgainAccessTokens accessTokens;

	private @Nullable String defaultClientName;

	private EgainAllowedOrigins allowedOrigins = EgainAllowedOrigins.any();

	/**
	 * Constructs an {@code EgainExchangeFilterFunction}.
	 * @param accessTokens the source of tokens
	 */
	public EgainExchangeFilterFunction(ReactiveEgainAccessTokens accessTokens) {
		Assert.notNull(accessTokens, "accessTokens cannot be null");
		this.accessTokens = accessTokens;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		String clientName;
		try {
			clientName = EgainRequestAttributes.resolveClientName(request.attributes(), this.defaultClientName);
			this.allowedOrigins.check(request.url(), clientName);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(ex);
		}
		EgainSubject subject = EgainRequestAttributes.resolveSubject(request.attributes());
		// @formatter:off
		return this.accessTokens.authorize(clientName, subject)
			.flatMap((authorizedClient) -> exchange(request, next, authorizedClient)
				.flatMap((response) -> (response.statusCode().value() != HttpStatus.UNAUTHORIZED.value())
						? Mono.just(response)
						// eGain rejected the token (revoked, or expired early): discard it
						// and retry once with a fresh one. A second 401 goes to the caller.
						: response.releaseBody()
							.then(this.accessTokens.invalidate(authorizedClient))
							.then(this.accessTokens.authorize(clientName, subject))
							.flatMap((fresh) -> exchange(request, next, fresh))));
		// @formatter:on
	}

	private static Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next,
			OAuth2AuthorizedClient authorizedClient) {
		return next.exchange(ClientRequest.from(request)
			.headers((headers) -> headers.setBearerAuth(authorizedClient.getAccessToken().getTokenValue()))
			.build());
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
