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

import io.github.egainauth.client.endpoint.WebClientReactiveEgainClientCredentialsTokenResponseClient;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.util.Assert;

/**
 * A {@link ReactiveOAuth2AuthorizedClientProvider} for eGain's client-credentials and
 * anonymous-customer flows: Spring Security's reactive client-credentials provider with
 * eGain's token client, serving only eGain registrations (those built by
 * {@link EgainClientRegistrations}). Other client-credentials registrations are left to
 * the application's own providers, so publishing this as a bean changes nothing for them.
 *
 * @author egain-auth authors
 * @see EgainClientCredentialsOAuth2AuthorizedClientProvider
 */
public final class EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider
		implements ReactiveOAuth2AuthorizedClientProvider {

	private EgainTokenExpiry tokenExpiry = EgainTokenExpiry.defaults();

	private final ClientCredentialsReactiveOAuth2AuthorizedClientProvider delegate = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();

	/**
	 * Constructs a provider that uses a default
	 * {@link WebClientReactiveEgainClientCredentialsTokenResponseClient}.
	 */
	public EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider() {
		this.delegate.setAccessTokenResponseClient(new WebClientReactiveEgainClientCredentialsTokenResponseClient());
	}

	/**
	 * Attempt to authorize (or re-authorize) an eGain client-credentials or
	 * anonymous-customer client. Completes empty for any other registration and when the
	 * client's token is still valid.
	 * @param context the context that holds the client registration
	 * @return the authorized client, or empty if authorization is not supported or not
	 * needed
	 */
	@Override
	public Mono<OAuth2AuthorizedClient> authorize(OAuth2AuthorizationContext context) {
		Assert.notNull(context, "context cannot be null");
		OAuth2AuthorizationContext renewal = ApplicationFlowAuthorization.renewal(context, this.tokenExpiry);
		return (renewal != null) ? this.delegate.authorize(renewal) : Mono.empty();
	}

	/**
	 * Sets the client used to request tokens from eGain's token endpoint.
	 * @param accessTokenResponseClient the token client
	 */
	public void setAccessTokenResponseClient(
			ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> accessTokenResponseClient) {
		this.delegate.setAccessTokenResponseClient(accessTokenResponseClient);
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
