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

package io.github.egainauth.benchmarks;

import java.util.List;
import java.util.Map;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.endpoint.RestClientEgainClientCredentialsTokenResponseClient;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.test.EgainStandIn;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

/**
 * The two stacks compared: egain-auth's {@link EgainAuthorizedClientManager} over its
 * bounded store, and stock Spring Security's
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} over an
 * {@link InMemoryOAuth2AuthorizedClientService}, each serving the same eGain
 * registrations.
 *
 * @author egain-auth authors
 */
final class TokenStacks {

	/**
	 * The on-behalf-of-user client.
	 */
	static final String ON_BEHALF_OF = "agent-assist";

	/**
	 * The client-credentials (application-level) client.
	 */
	static final String APPLICATION = "ai-services";

	private TokenStacks() {
	}

	/**
	 * Returns an on-behalf-of-user and a client-credentials registration whose tokens
	 * come from the given endpoint.
	 * @param tokenUri the token endpoint, normally {@link #tokenUri(EgainStandIn)}
	 * @return the registrations
	 */
	static EgainClientRegistrationRepository registrations(String tokenUri) {
		return new EgainClientRegistrationRepository(List.of(
				EgainClientRegistrations.withRegistrationId(ON_BEHALF_OF, EgainFlow.ON_BEHALF_OF_USER)
					.clientId("benchmark-client")
					.clientSecret("benchmark-secret")
					.scope("knowledge.portalmgr.onbehalfof.read")
					.tokenUri(tokenUri)
					.build(),
				EgainClientRegistrations.withRegistrationId(APPLICATION, EgainFlow.CLIENT_CREDENTIALS)
					.clientId("benchmark-client")
					.clientSecret("benchmark-secret")
					.scope("core.aiservices.read")
					.tokenUri(tokenUri)
					.build()));
	}

	/**
	 * Returns the stand-in's token endpoint of the on-behalf-of-user and
	 * client-credentials flows.
	 * @param egain the stand-in
	 * @return the token URI
	 */
	static String tokenUri(EgainStandIn egain) {
		return EgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, egain.getBaseUrl(), egain.getBaseUrl(),
				egain.getTenantId());
	}

	/**
	 * Returns egain-auth's manager with its default providers (eGain's token clients).
	 * @param registrations the registrations
	 * @param store where tokens are kept, normally a
	 * {@code CaffeineOAuth2AuthorizedClientService}
	 * @return the manager
	 */
	static EgainAuthorizedClientManager egainManager(EgainClientRegistrationRepository registrations,
			OAuth2AuthorizedClientService store) {
		return new EgainAuthorizedClientManager(registrations::findByRegistrationId, store);
	}

	/**
	 * Returns Spring Security's manager set up for the on-behalf-of client as an
	 * application would have to: the grant comes from the given provider, and the subject
	 * from the principal's name, because Spring's
	 * {@code OAuth2ClientHttpRequestInterceptor} passes a request's principal, not its
	 * other attributes, to the manager. Tokens are therefore stored per principal, i.e.
	 * per subject.
	 * @param registrations the registrations
	 * @param store where tokens are kept, normally an
	 * {@link InMemoryOAuth2AuthorizedClientService}
	 * @param provider the provider, normally an
	 * {@link OnBehalfOfOAuth2AuthorizedClientProvider}
	 * @return the manager
	 */
	static AuthorizedClientServiceOAuth2AuthorizedClientManager stockOnBehalfOfManager(
			EgainClientRegistrationRepository registrations, OAuth2AuthorizedClientService store,
			OAuth2AuthorizedClientProvider provider) {
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations::findByRegistrationId, store);
		manager.setAuthorizedClientProvider(provider);
		manager.setContextAttributesMapper((authorizeRequest) -> Map.of(EgainSubject.ATTRIBUTE_NAME,
				EgainSubject.username(authorizeRequest.getPrincipal().getName())));
		return manager;
	}

	/**
	 * Returns Spring Security's manager for the client-credentials client: its
	 * {@link ClientCredentialsOAuth2AuthorizedClientProvider} and the default context
	 * attributes. The provider's token client is egain-auth's, because Spring's sends
	 * {@code Content-Type: application/x-www-form-urlencoded;charset=UTF-8}, which the
	 * stand-in, as strict as eGain's wire rules, refuses; the token client only fills the
	 * cache before measuring, so the cached path measured is stock.
	 * @param registrations the registrations
	 * @param store where tokens are kept
	 * @return the manager
	 */
	static AuthorizedClientServiceOAuth2AuthorizedClientManager stockApplicationManager(
			EgainClientRegistrationRepository registrations, OAuth2AuthorizedClientService store) {
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations::findByRegistrationId, store);
		ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(new RestClientEgainClientCredentialsTokenResponseClient());
		manager.setAuthorizedClientProvider(provider);
		return manager;
	}

	/**
	 * Returns Spring Security's unbounded in-memory store for the registrations.
	 * @param registrations the registrations
	 * @return the store
	 */
	static InMemoryOAuth2AuthorizedClientService stockStore(EgainClientRegistrationRepository registrations) {
		return new InMemoryOAuth2AuthorizedClientService(registrations::findByRegistrationId);
	}

	/**
	 * Returns an authenticated principal with the given name, as the stock stack's
	 * callers present their subject.
	 * @param name the principal's name
	 * @return the principal
	 */
	static Authentication principal(String name) {
		return UsernamePasswordAuthenticationToken.authenticated(name, null, AuthorityUtils.NO_AUTHORITIES);
	}

}
