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

import java.time.Duration;
import java.time.Instant;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.registration.EgainClientRegistrations;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Authorized clients for token store tests: eGain registrations that are never called,
 * and tokens stored under a subject (e.g. {@code username:user-1}) or under
 * {@link EgainAuthorizeRequests#APPLICATION_PRINCIPAL_NAME}.
 *
 * @author egain-auth authors
 */
public final class TestEgainAuthorizedClients {

	private TestEgainAuthorizedClients() {
	}

	/**
	 * Returns a registration of the given flow whose token endpoint is never called.
	 * @param registrationId the client's name
	 * @param flow the flow
	 * @return the registration
	 */
	public static ClientRegistration registration(String registrationId, EgainFlow flow) {
		return EgainClientRegistrations.withRegistrationId(registrationId, flow)
			.clientId("client-id")
			.clientSecret("client-secret")
			.scope("knowledge.portalmgr.read")
			.tokenUri("https://ai.egain.cloud/system/auth/TENANT-U/oauth2/token")
			.build();
	}

	/**
	 * Returns an authorized client holding a one-hour token.
	 * @param registration the registration
	 * @param principalName the principal name it is stored under
	 * @param tokenValue the token value
	 * @return the authorized client
	 */
	public static OAuth2AuthorizedClient authorizedClient(ClientRegistration registration, String principalName,
			String tokenValue) {
		Instant issuedAt = Instant.now();
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, tokenValue, issuedAt,
				issuedAt.plus(Duration.ofHours(1)));
		return new OAuth2AuthorizedClient(registration, principalName, accessToken);
	}

	/**
	 * Returns the authenticated principal with the given name.
	 * @param name the name
	 * @return the principal
	 */
	public static Authentication principal(String name) {
		return UsernamePasswordAuthenticationToken.authenticated(name, null, AuthorityUtils.NO_AUTHORITIES);
	}

}
