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

package io.github.egainauth.autoconfigure;

import java.time.Instant;

import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Property fixtures for eGain auto-configuration tests: a tenant and one client of each
 * flow, each given as {@code key=value} pairs for a context runner.
 *
 * @author egain-auth authors
 */
final class TestEgainProperties {

	static final String TENANT_ID = "TENANT";

	/**
	 * A client secret distinctive enough that finding it in a message is never a
	 * coincidence.
	 */
	static final String CLIENT_SECRET = "Sup3r-S3cret-Value-9f8e7d";

	static final String USER_CLIENT = "agent-assist";

	static final String CUSTOMER_CLIENT = "portal";

	static final String APPLICATION_CLIENT = "reporting";

	static final String ANONYMOUS_CLIENT = "chat";

	static final String USER_TOKEN_URI = "https://ai.egain.cloud/system/auth/TENANT-U/oauth2/token";

	static final String CUSTOMER_TOKEN_URI = "https://ai.egain.cloud/system/auth/TENANT-C/oauth2/token";

	static final String ANONYMOUS_TOKEN_URI = "https://api.ai.egain.cloud/core/authmgr/v3/oauth2/v2.0/anonymous/token"
			+ "?user_type=customer&domain_hint=TENANT";

	private TestEgainProperties() {
	}

	/**
	 * Returns the tenant id and one on-behalf-of-user client.
	 * @return the properties
	 */
	static String[] oneClient() {
		return join(tenant(), client(USER_CLIENT, "on-behalf-of-user", "knowledge.portalmgr.onbehalfof.read"));
	}

	/**
	 * Returns the tenant id and one client of each flow.
	 * @return the properties
	 */
	static String[] allFlows() {
		return join(tenant(), client(USER_CLIENT, "on-behalf-of-user", "knowledge.portalmgr.onbehalfof.read"),
				client(CUSTOMER_CLIENT, "on-behalf-of-customer", "knowledge.portalmgr.onbehalfof.customer.read"),
				client(APPLICATION_CLIENT, "client-credentials", "knowledge.portalmgr.manage"),
				client(ANONYMOUS_CLIENT, "anonymous-customer", "core.aiservices.read"));
	}

	static String[] tenant() {
		return new String[] { "egain.auth.tenant-id=" + TENANT_ID };
	}

	/**
	 * Returns a complete client: flow, client id (the name followed by {@code -id}),
	 * {@link #CLIENT_SECRET} and scopes.
	 * @param name the client's name
	 * @param flow the flow
	 * @param scopes the scopes, as one value
	 * @return the properties
	 */
	static String[] client(String name, String flow, String scopes) {
		String prefix = "egain.auth.clients." + name + ".";
		return new String[] { prefix + "flow=" + flow, prefix + "client-id=" + name + "-id",
				prefix + "client-secret=" + CLIENT_SECRET, prefix + "scopes=" + scopes };
	}

	static String[] join(String[]... groups) {
		int length = 0;
		for (String[] group : groups) {
			length += group.length;
		}
		String[] joined = new String[length];
		int index = 0;
		for (String[] group : groups) {
			System.arraycopy(group, 0, joined, index, group.length);
			index += group.length;
		}
		return joined;
	}

	/**
	 * Returns access tokens that never call eGain: every client's token is
	 * {@code token-for-<client>}.
	 * @return the access tokens
	 */
	static EgainAccessTokens fixedAccessTokens() {
		return new EgainAccessTokens((request) -> authorizedClient(request.getClientRegistrationId()));
	}

	/**
	 * Returns reactive access tokens that never call eGain: every client's token is
	 * {@code token-for-<client>}.
	 * @return the access tokens
	 */
	static ReactiveEgainAccessTokens fixedReactiveAccessTokens() {
		return new ReactiveEgainAccessTokens(
				(request) -> Mono.just(authorizedClient(request.getClientRegistrationId())));
	}

	private static OAuth2AuthorizedClient authorizedClient(String clientName) {
		ClientRegistration registration = ClientRegistration.withRegistrationId(clientName)
			.clientId(clientName + "-id")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri("https://token.example.com/token")
			.build();
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token-for-" + clientName,
				Instant.EPOCH, Instant.EPOCH.plusSeconds(3600));
		return new OAuth2AuthorizedClient(registration, "egain:application", token);
	}

}
