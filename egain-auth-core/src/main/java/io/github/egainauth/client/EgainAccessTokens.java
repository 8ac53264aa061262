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

import java.util.function.Consumer;

import io.github.egainauth.EgainSubject;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

/**
 * Gives the current eGain access token of a client, for use with any HTTP stack:
 *
 * <pre class="code">
 * OAuth2AccessToken token = accessTokens.getToken("agent-assist", EgainSubject.username("pa"));
 * </pre>
 *
 * Tokens are cached and renewed by the {@link OAuth2AuthorizedClientManager}; a call that
 * names no subject uses the authenticated principal of the current thread.
 *
 * @author egain-auth authors
 * @see ReactiveEgainAccessTokens
 */
public final class EgainAccessTokens {

	private final Authorizer authorizer;

	private Consumer<OAuth2AuthorizedClient> invalidator = (authorizedClient) -> {
	};

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * Constructs an {@code EgainAccessTokens} over eGain's manager, which also discards
	 * rejected tokens.
	 * @param authorizedClientManager the manager that obtains and caches tokens
	 */
	public EgainAccessTokens(EgainAuthorizedClientManager authorizedClientManager) {
		Assert.notNull(authorizedClientManager, "authorizedClientManager cannot be null");
		this.authorizer = authorizedClientManager::authorize;
		this.invalidator = authorizedClientManager::evict;
	}

	/**
	 * Constructs an {@code EgainAccessTokens} over any manager that serves eGain
	 * registrations and accepts an {@link EgainSubject} in the authorize request's
	 * {@link EgainSubject#ATTRIBUTE_NAME} attribute. A token the manager answers with is
	 * used only if it was issued to the named client and, for on-behalf-of clients, for
	 * the named subject (an {@link EgainAuthorizedClient}); any other fails the call with
	 * an {@link IllegalStateException}.
	 * @param authorizedClientManager the manager that obtains and caches tokens
	 */
	public EgainAccessTokens(OAuth2AuthorizedClientManager authorizedClientManager) {
		Assert.notNull(authorizedClientManager, "authorizedClientManager cannot be null");
		this.authorizer = (clientName, subject, principal) -> SubjectBinding.checked(
				authorizedClientManager.authorize(EgainAuthorizeRequests.create(clientName, subject, principal)),
				clientName, subject);
	}

	/**
	 * Returns the client's token: the application's for application-level flows, the
	 * current principal's for on-behalf-of flows.
	 * @param clientName the client's name under {@code egain.auth.clients}
	 * @return the access token
	 */
	public OAuth2AccessToken getToken(String clientName) {
		return authorize(clientName, null).getAccessToken();
	}

	/**
	 * Returns the client's token for the given subject.
	 * @param clientName the client's name under {@code egain.auth.clients}
	 * @param subject whom the token is for
	 * @return the access token
	 */
	public OAuth2AccessToken getToken(String clientName, EgainSubject subject) {
		Assert.notNull(subject, "subject cannot be null");
		return authorize(clientName, subject).getAccessToken();
	}

	/**
	 * Returns the client's authorized client for the subject, or the current principal's
	 * default subject when {@code subject} is {@code null}.
	 * @param clientName the client's name under {@code egain.auth.clients}
	 * @param subject whom the token is for, or {@code null}
	 * @return the authorized client
	 */
	public OAuth2AuthorizedClient authorize(String clientName, @Nullable EgainSubject subject) {
		Assert.hasText(clientName, "clientName cannot be empty");
		OAuth2AuthorizedClient authorizedClient = this.authorizer.authorize(clientName, subject,
				this.securityContextHolderStrategy.getContext().getAuthentication());
		Assert.state(authorizedClient != null,
				() -> "eGain client '" + clientName + "' gave no token: its grant type is not one eGain issues");
		return authorizedClient;
	}

	/**
	 * Discards a token that eGain rejected, so the next call obtains a new one.
	 * @param authorizedClient the authorized client whose token was rejected
	 */
	public void invalidate(OAuth2AuthorizedClient authorizedClient) {
		Assert.notNull(authorizedClient, "authorizedClient cannot be null");
		this.invalidator.accept(authorizedClient);
	}

	/**
	 * Sets how a rejected token is discarded. The default evicts it from an
	 * {@link EgainAuthorizedClientManager}, and does nothing for other managers.
	 * @param invalidator the invalidator
	 */
	public void setInvalidator(Consumer<OAuth2AuthorizedClient> invalidator) {
		Assert.notNull(invalidator, "invalidator cannot be null");
		this.invalidator = invalidator;
	}

	/**
	 * Sets the {@link SecurityContextHolderStrategy} the current principal is read from.
	 * @param securityContextHolderStrategy the strategy
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		Assert.notNull(securityContextHolderStrategy, "securityContextHolderStrategy cannot be null");
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	/**
	 * Obtains an authorized client for a client, subject and principal.
	 */
	@FunctionalInterface
	private interface Authorizer {

		@Nullable OAuth2AuthorizedClient authorize(String clientName, @Nullable EgainSubject subject,
				@Nullable Authentication principal);

	}

}
