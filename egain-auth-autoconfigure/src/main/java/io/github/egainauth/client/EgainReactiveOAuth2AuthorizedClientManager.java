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

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.endpoint.WebClientReactiveEgainClientCredentialsTokenResponseClient;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.util.Assert;

/**
 * The reactive {@link ReactiveOAuth2AuthorizedClientManager} for eGain clients. It needs
 * no server exchange, so it works outside any HTTP request. Tokens are stored per
 * (client, subject): an on-behalf-of token under its {@link EgainSubject} (e.g.
 * {@code username:pa}), an application-level token once per client. A call that names no
 * subject gets the one the {@link EgainSubjectResolver} derives from its authenticated
 * principal.
 *
 * @author egain-auth authors
 * @see EgainOAuth2AuthorizedClientManager
 */
public final class EgainReactiveOAuth2AuthorizedClientManager implements ReactiveOAuth2AuthorizedClientManager {

	private final ClientRegistrationRepository clientRegistrationRepository;

	private final AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager delegate;

	private EgainSubjectResolver subjectResolver = EgainSubjectResolver.principalName();

	/**
	 * Constructs a manager that stores tokens in the given service.
	 * @param clientRegistrationRepository the eGain client registrations, looked up
	 * without blocking
	 * @param authorizedClientService where tokens are stored
	 */
	public EgainReactiveOAuth2AuthorizedClientManager(ClientRegistrationRepository clientRegistrationRepository,
			ReactiveOAuth2AuthorizedClientService authorizedClientService) {
		Assert.notNull(clientRegistrationRepository, "clientRegistrationRepository cannot be null");
		Assert.notNull(authorizedClientService, "authorizedClientService cannot be null");
		this.clientRegistrationRepository = clientRegistrationRepository;
		ReactiveClientRegistrationRepository reactiveRepository = (registrationId) -> Mono
			.justOrEmpty(clientRegistrationRepository.findByRegistrationId(registrationId));
		this.delegate = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(reactiveRepository,
				authorizedClientService);
		this.delegate.setAuthorizedClientProvider(defaultAuthorizedClientProvider());
		this.delegate.setContextAttributesMapper(
				(authorizeRequest) -> Mono.just(EgainAuthorizeRequests.contextAttributes(authorizeRequest)));
	}

	/**
	 * Returns the named client's current token for the request's subject, obtaining a new
	 * one if there is none or it is about to expire. Fails with an
	 * {@link IllegalArgumentException}, before any request is sent, if the client is
	 * unknown, or is an on-behalf-of client and the request has no subject.
	 * @param authorizeRequest the authorize request
	 * @return the authorized client
	 */
	@Override
	public Mono<OAuth2AuthorizedClient> authorize(OAuth2AuthorizeRequest authorizeRequest) {
		Assert.notNull(authorizeRequest, "authorizeRequest cannot be null");
		return Mono
			.fromSupplier(() -> EgainAuthorizeRequests.keyedBySubject(authorizeRequest,
					EgainAuthorizeRequests.clientRegistration(this.clientRegistrationRepository,
							authorizeRequest.getClientRegistrationId()),
					this.subjectResolver))
			.flatMap(this.delegate::authorize);
	}

	/**
	 * Sets the provider that obtains tokens. The default serves the on-behalf-of,
	 * client-credentials and anonymous-customer flows with eGain's token clients.
	 * @param authorizedClientProvider the provider
	 */
	public void setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProvider authorizedClientProvider) {
		Assert.notNull(authorizedClientProvider, "authorizedClientProvider cannot be null");
		this.delegate.setAuthorizedClientProvider(authorizedClientProvider);
	}

	/**
	 * Sets the resolver of the default subject of calls that name none.
	 * @param subjectResolver the subject resolver
	 */
	public void setSubjectResolver(EgainSubjectResolver subjectResolver) {
		Assert.notNull(subjectResolver, "subjectResolver cannot be null");
		this.subjectResolver = subjectResolver;
	}

	private static ReactiveOAuth2AuthorizedClientProvider defaultAuthorizedClientProvider() {
		ClientCredentialsReactiveOAuth2AuthorizedClientProvider clientCredentials = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		clientCredentials
			.setAccessTokenResponseClient(new WebClientReactiveEgainClientCredentialsTokenResponseClient());
		return new DelegatingReactiveOAuth2AuthorizedClientProvider(
				new OnBehalfOfReactiveOAuth2AuthorizedClientProvider(), clientCredentials);
	}

}
