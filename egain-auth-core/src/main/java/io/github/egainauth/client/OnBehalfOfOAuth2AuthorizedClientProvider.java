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
import io.github.egainauth.client.endpoint.RestClientOnBehalfOfTokenResponseClient;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.Assert;

/**
 * An {@link OAuth2AuthorizedClientProvider} for eGain's on-behalf-of grant, which obtains
 * a token for the {@link EgainSubject} held in the context attribute
 * {@link EgainSubject#ATTRIBUTE_NAME}, as an {@link EgainAuthorizedClient} bound to that
 * subject.
 *
 * @author egain-auth authors
 * @see OnBehalfOfReactiveOAuth2AuthorizedClientProvider
 * @see RestClientOnBehalfOfTokenResponseClient
 */
public final class OnBehalfOfOAuth2AuthorizedClientProvider implements OAuth2AuthorizedClientProvider {

	private OAuth2AccessTokenResponseClient<OnBehalfOfGrantRequest> accessTokenResponseClient = new RestClientOnBehalfOfTokenResponseClient();

	private EgainTokenExpiry tokenExpiry = EgainTokenExpiry.defaults();

	/**
	 * Attempt to authorize (or re-authorize) the client in the provided context. Returns
	 * {@code null} when the client is not an eGain on-behalf-of client, or when the
	 * context's authorized client holds a token issued to this client for the context's
	 * subject that is still valid. A held token issued for another subject, or one that
	 * does not say whom it is for, is never used: a new one is obtained.
	 * @param context the context that holds the client registration and the subject
	 * @return the authorized client, or {@code null} if authorization is not supported or
	 * not needed
	 * @throws IllegalArgumentException if the context holds no subject, or one the
	 * client's flow cannot serve
	 */
	@Override
	public @Nullable OAuth2AuthorizedClient authorize(OAuth2AuthorizationContext context) {
		Assert.notNull(context, "context cannot be null");
		ClientRegistration clientRegistration = context.getClientRegistration();
		if (!OnBehalfOfAuthorization.supports(clientRegistration)) {
			return null;
		}
		EgainSubject subject = OnBehalfOfAuthorization.subject(context);
		if (OnBehalfOfAuthorization.hasValidToken(context, subject, this.tokenExpiry)) {
			return null;
		}
		OAuth2AccessTokenResponse tokenResponse = getTokenResponse(clientRegistration,
				new OnBehalfOfGrantRequest(clientRegistration, subject));
		return OnBehalfOfAuthorization.authorizedClient(context, subject, tokenResponse);
	}

	private OAuth2AccessTokenResponse getTokenResponse(ClientRegistration clientRegistration,
			OnBehalfOfGrantRequest grantRequest) {
		try {
			return this.accessTokenResponseClient.getTokenResponse(grantRequest);
		}
		catch (OAuth2AuthorizationException ex) {
			throw new ClientAuthorizationException(ex.getError(), clientRegistration.getRegistrationId(), ex);
		}
	}

	/**
	 * Sets the client used to request tokens from eGain's token endpoint.
	 * @param accessTokenResponseClient the token client
	 */
	public void setAccessTokenResponseClient(
			OAuth2AccessTokenResponseClient<OnBehalfOfGrantRequest> accessTokenResponseClient) {
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
