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

package io.github.egainauth.samples.sso;

import io.github.egainauth.test.EgainStandIn;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/**
 * The sample's identity provider: a {@link LocalIdentityProvider} on loopback, the login
 * registration {@code local-idp} for it, and, while the eGain stand-in runs, the
 * stand-in's trust in it as the SSO provider {@code test-sso}.
 * <p>
 * With a real identity provider an application needs none of this: it sets
 * {@code spring.security.oauth2.client.registration.*} and
 * {@code spring.security.oauth2.client.provider.*.issuer-uri}, and eGain's console holds
 * the trust. The sample defines the registration as a bean only because its issuer's port
 * is known once the issuer has started ({@code sample.identity-provider.port=0} in the
 * tests).
 *
 * @author egain-auth authors
 */
@Configuration(proxyBeanMethods = false)
class IdentityProviderConfiguration {

	/**
	 * The login registration's id, in Spring Security's callback URL
	 * {@code /login/oauth2/code/local-idp}.
	 */
	static final String LOGIN_REGISTRATION_ID = "local-idp";

	/**
	 * Starts the local identity provider; when the eGain stand-in runs
	 * ({@code egain.stand-in.enabled=true}), tells it to trust the provider's access
	 * tokens under the token-exchange client's {@code registration-id}, as eGain's
	 * console does for a registered SSO provider.
	 * @param port the provider's port
	 * @param clientId the sample's client id at the provider
	 * @param clientSecret the sample's client secret at the provider
	 * @param registrationId eGain's id of the provider
	 * @param standIn the eGain stand-in, if it runs
	 * @return the running provider
	 */
	@Bean
	LocalIdentityProvider localIdentityProvider(@Value("${sample.identity-provider.port}") int port,
			@Value("${sample.identity-provider.client-id}") String clientId,
			@Value("${sample.identity-provider.client-secret}") String clientSecret,
			@Value("${egain.auth.clients.sso-agent.registration-id}") String registrationId,
			ObjectProvider<EgainStandIn> standIn) {
		LocalIdentityProvider identityProvider = LocalIdentityProvider.start(port, clientId, clientSecret);
		standIn.ifAvailable((egain) -> egain.trustIdentityProvider(registrationId, identityProvider.getAccessTokens()));
		return identityProvider;
	}

	/**
	 * The login registration, read from the provider's discovery document as Spring Boot
	 * reads an {@code issuer-uri}.
	 * @param identityProvider the running provider
	 * @param clientId the sample's client id at the provider
	 * @param clientSecret the sample's client secret at the provider
	 * @return the registrations
	 */
	@Bean
	ClientRegistrationRepository clientRegistrationRepository(LocalIdentityProvider identityProvider,
			@Value("${sample.identity-provider.client-id}") String clientId,
			@Value("${sample.identity-provider.client-secret}") String clientSecret) {
		ClientRegistration login = ClientRegistrations.fromOidcIssuerLocation(identityProvider.getIssuer())
			.registrationId(LOGIN_REGISTRATION_ID)
			.clientName("Local identity provider")
			.clientId(clientId)
			.clientSecret(clientSecret)
			.scope("openid", "email", "profile")
			.build();
		return new InMemoryClientRegistrationRepository(login);
	}

}
