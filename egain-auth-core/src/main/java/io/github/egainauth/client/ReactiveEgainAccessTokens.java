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

import java.util.Optional;
import java.util.function.Function;

import io.github.egainauth.EgainSubject;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

/**
 * Gives the current eGain access token of a client, reactively, for use with any HTTP
 * stack. A call that names no subject uses the authenticated principal of the
 * {@link ReactiveSecurityContextHolder} or, failing that, of the calling thread (a
 * servlet application using {@code WebClient}).
 *
 * @author egain-auth authors
 * @see EgainAccessTokens
 */
public final class ReactiveEgainAccessTokens {

	private final Authorizer authorizer;

	private Function<OAuth2AuthorizedClient, Mono<Void>> invalidator = (authorizedClient) -> Mono.empty();

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * Constructs a {@code ReactiveEgainAccessTokens} over eGain's manager, which also
	 * discards rejected tokens.
	 * @param authorizedClientManager the manager that obtains and caches tokens
	 */
	public ReactiveEgainAccessTokens(EgainReactiveAuthorizedClientManager authorizedClientManager) {
		Assert.notNull(authorizedClientManager, "authorizedClientManager cannot be null");
		this.authorizer = authorizedClientManager::authorize;
		this.invalidator = authorizedClientManager::evict;
	}

	/**
	 * Constructs a {@code ReactiveEgainAccessTokens} over any manager that serves eGain
	 * registrations and accepts an {@link EgainSubject} in the authorize request's
	 * {@link EgainSubject#ATTRIBUTE_NAME} attribute. A token the manager answers with is
	 * used only if it was issued to the named client and, for on-behalf-of clients, for
	 * the named subject (an {@link EgainAuthorizedClient}); any other fails the call with
	 * an {@link IllegalStateException}.
	 * @param authorizedClientManager the manager that obtains and caches tokens
	 */
	public ReactiveEgainAccessTokens(ReactiveOAuth2AuthorizedClientManager authorizedClientManager) {
		Assert.notNull(authorizedClientManager, "authorizedClientManager cannot be null");
		this.authorizer = (clientName, subject, principal) -> authorizedClientManager
			.authorize(EgainAuthorizeRequests.create(clientName, subject, principal))
			.mapNotNull((authorizedClient) -> SubjectBinding.checked(authorizedClient, clientName, subject));
	}

	/**
	 * Returns the client's token: the application's for application-level flows, the
	 * current principal's for on-behalf-of flows.
	 * @param clientName the client's name under {@code egain.auth.clients}
	 * @return the access token
	 */
	public Mono<OAuth2AccessToken> getToken(String clientName) {
		return authorize(clientName, null).map(OAuth2AuthorizedClient::getAccessToken);
	}

	/**
	 * Returns the client's token for the given subject.
	 * @param clientName the client's name under {@code egain.auth.clients}
	 * @param subject whom the token is for
	 * @return the access token
	 */
	public Mono<OAuth2AccessToken> getToken(String clientName, EgainSubject subject) {
		Assert.notNull(subject, "subject cannot be null");
		return authorize(clientName, subject).map(OAuth2AuthorizedClient::getAccessToken);
	}

	/**
	 * Returns the client's authorized client for the subject, or the current principal's
	 * default subject when {@code subject} is {@code null}. The calling thread's
	 * principal is read when this method is called.
	 * @param clientName the client's name under {@code egain.auth.clients}
	 * @param subject whom the token is for, or {@code null}
	 * @return the authorized client
	 */
	public Mono<OAuth2AuthorizedClient> authorize(String clientName, @Nullable EgainSubject subject) {
		Assert.hasText(clientName, "clientName cannot be empty");
		Authentication threadPrincipal = this.securityContextHolderStrategy.getContext().getAuthentication();
		// @formatter:off
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.switchIfEmpty(Mono.justOrEmpty(threadPrincipal))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((principal) -> this.authorizer.authorize(clientName, subject, principal.orElse(null)))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"eGain client '" + clientName + "' gave no token: its grant type is not one eGain issues")));
		// @formatter:on
	}

	/**
	 * Discards a token that eGain rejected, so the next call obtains a new one.
	 * @param authorizedClient the authorized client whose token was rejected
	 * @return a {@code Mono} that completes when the token is discarded
	 */
	public Mono<Void> invalidate(OAuth2AuthorizedClient authorizedClient) {
		Assert.notNull(authorizedClient, "authorizedClient cannot be null");
		return this.invalidator.apply(authorizedClient);
	}

	/**
	 * Sets how a rejected token is discarded. The default evicts it from an
	 * {@link EgainReactiveAuthorizedClientManager}, and does nothing for other managers.
	 * @param invalidator the invalidator
	 */
	public void setInvalidator(Function<OAuth2AuthorizedClient, Mono<Void>> invalidator) {
		Assert.notNull(invalidator, "invalidator cannot be null");
		this.invalidator = invalidator;
	}

	/**
	 * Sets the {@link SecurityContextHolderStrategy} the calling thread's principal is
	 * read from.
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

		Mono<OAuth2AuthorizedClient> authorize(String clientName, @Nullable EgainSubject subject,
				@Nullable Authentication principal);

	}

}
