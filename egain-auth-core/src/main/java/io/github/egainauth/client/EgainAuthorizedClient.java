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

import java.io.Serial;

import io.github.egainauth.EgainSubject;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.util.Assert;

/**
 * An {@link OAuth2AuthorizedClient} that knows whom its token was issued for. eGain's
 * on-behalf-of providers issue only these, and use a held client's token only when the
 * client was issued for the very {@link EgainSubject} a call asks for: Spring's own
 * managers and stores key tokens by principal name, so without the subject one subject's
 * token could serve another that the same principal names.
 *
 * @author egain-auth authors
 * @see OnBehalfOfOAuth2AuthorizedClientProvider
 */
public final class EgainAuthorizedClient extends OAuth2AuthorizedClient {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * The subject the token was issued for.
	 */
	private final EgainSubject subject;

	/**
	 * Constructs an {@code EgainAuthorizedClient}.
	 * @param clientRegistration the client's registration
	 * @param principalName the name of the principal the client is stored for
	 * @param subject whom the token was issued for
	 * @param accessToken the access token
	 * @param refreshToken the refresh token, or {@code null}
	 */
	public EgainAuthorizedClient(ClientRegistration clientRegistration, String principalName, EgainSubject subject,
			OAuth2AccessToken accessToken, @Nullable OAuth2RefreshToken refreshToken) {
		super(clientRegistration, principalName, accessToken, refreshToken);
		Assert.notNull(subject, "subject cannot be null");
		this.subject = subject;
	}

	/**
	 * Returns whom the token was issued for.
	 * @return the subject
	 */
	public EgainSubject getSubject() {
		return this.subject;
	}

	/**
	 * Returns whether an authorized client holds a token of the given client issued for
	 * the given subject: an {@code EgainAuthorizedClient} of that client and subject, or
	 * a plain {@link OAuth2AuthorizedClient} around the very access token egain-auth's
	 * on-behalf-of providers issued for them (as Spring's in-memory stores hand it back).
	 * A token read back from elsewhere (say, by a
	 * {@code JdbcOAuth2AuthorizedClientService}) does not say whom it is for, so it is
	 * never taken to be any subject's.
	 * @param authorizedClient the authorized client
	 * @param clientRegistrationId the client's registration id
	 * @param subject the subject
	 * @return {@code true} if the token was issued to that client for that subject
	 */
	public static boolean isIssuedFor(OAuth2AuthorizedClient authorizedClient, String clientRegistrationId,
			EgainSubject subject) {
		Assert.notNull(authorizedClient, "authorizedClient cannot be null");
		Assert.hasText(clientRegistrationId, "clientRegistrationId cannot be empty");
		Assert.notNull(subject, "subject cannot be null");
		if (!clientRegistrationId.equals(authorizedClient.getClientRegistration().getRegistrationId())) {
			return false;
		}
		if (authorizedClient instanceof EgainAuthorizedClient egainClient) {
			return subject.equals(egainClient.subject);
		}
		return IssuedTokens.isIssuedFor(authorizedClient.getAccessToken(), clientRegistrationId, subject);
	}

}
