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

import java.time.Clock;
import java.time.Duration;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.endpoint.OnBehalfOfGrantRequest;
import io.github.egainauth.client.endpoint.WebClientReactiveOnBehalfOfTokenResponseClient;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.util.Assert;

/**
 * A {@link ReactiveOAuth2AuthorizedClientProvider} for eGain's on-behalf-of grant, which
 * obtains a token for the {@link EgainSubject} held in the context attribute
 * {@link EgainSubject#ATTRIBUTE_NAME}, as an {@link EgainAuthorizedClient} bound to that
 * subject.
 *
 * @author egain-auth authors
 * @see OnBehalfOfOAuth2AuthorizedClientProvider
 * @see WebClientReactiveOnBehalfOfTokenResponseClient
 */
public final class OnBehalfOfReactiveOAuth2AuthorizedClientProvider implements ReactiveOAuth2AuthorizedClientProvider {

	private ReactiveOAuth2AccessTokenResponseClient<OnBehalfOfGrantRequest> accessTokenResponseClient = new WebClientReactiveOnBehalfOfTokenResponseClient();

	private EgainTokenExpiry tokenExpiry = EgainTokenExpiry.defaults();

	/**
	 * Attempt to authorize (or re-authorize) the client in the provided context.
	 * Completes empty when the client is not an eGain on-behalf-of client, or when the
	 * context's authorized client holds a token issued to this client for the context's
	 * subject that is still valid; a held token issued for another subject, or one that
	 * does not say whom it is for, is never used. Fails with an
	 * {@link IllegalArgumentException} when the context holds no subject, or one the
	 * client's flow cannot serve.
	 * @param context the context that holds the client registration and the subject
	 * @return the authorized client, or empty if authorization is not supported or not
	 * needed
	 */
	@Override
	public Mono<OAuth2AuthorizedClient> authorize(OAuth2AuthorizationContext context) {
		Assert.notNull(context, "context cannot be null");
		ClientRegistration clientRegistration = context.getClientRegistration();
		if (!OnBehalfOfAuthorization.supports(clientRegistration)) {
			return Mono.empty();
		}
		// @formatter:off
		return Mono.fromSupplier(() -> OnBehalfOfAuthorization.subject(context))
			.filter((subject) -> !OnBehalfOfAuthorization.hasValidToken(context, subject, this.tokenExpiry))
			.flatMap((subject) -> this.accessTokenResponseClient
				.getTokenResponse(new OnBehalfOfGrantRequest(clientRegistration, subject))
				.onErrorMap(OAuth2AuthorizationException.class,
						(ex) -> new ClientAuthorizationException(ex.getError(), clientRegistration.getRegistrationId(), ex))
				.map((tokenResponse) -> OnBehalfOfAuthorization.authorizedClient(context, subject, tokenResponse)));
		// @formatter:on
	}

	/**
	 * Sets the client used to request tokens from eGain's token endpoint.
	 * @param accessTokenResponseClient the token client
	 */
	public void setAccessTokenResponseClient(
			ReactiveOAuth2AccessTokenResponseClient<OnBehalfOfGrantRequest> accessTokenResponseClient) {
		Assert.notNull(accessTokenResponseClient, "accessTokenResponseClient cannot be null");
		this.accessTokenResponseClient = accessTokenResponseClient;
	}

	/**
	 * Sets when a token is used no more; share one instance between the providers and the
	 * manager. The default is {@link EgainTokenExpiry#defaults()}.
	 * @param tokenExpiry the token expiry policy
	 */
	public void setTokenExpiry(EgainTokenExpiry tokenExpiry) {
		Assert.notNull(tokenExpiry, "tokenExpiry cannot be null");
		this.tokenExpiry = tokenExpiry;
	}

	/**
	 * Sets the maximum acceptable clock skew: a token is renewed once the current time is
	 * within this much of its expiry. The default is 60 seconds.
	 * @param clockSkew the clock skew
	 */
	public void setClockSkew(Duration clockSkew) {
		this.tokenExpiry = this.tokenExpiry.withClockSkew(clockSkew);
	}

	/**
	 * Sets the {@link Clock} used when checking the token's expiry.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		this.tokenExpiry = this.tokenExpiry.withClock(clock);
	}

}
