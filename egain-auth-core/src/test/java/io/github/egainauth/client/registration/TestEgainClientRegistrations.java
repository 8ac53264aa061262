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

package io.github.egainauth.client.registration;

import java.util.List;

import io.github.egainauth.EgainFlow;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * Client registrations for tests, one per eGain flow, built with
 * {@link EgainClientRegistrations} and pointing at a given token endpoint.
 *
 * @author egain-auth authors
 */
public final class TestEgainClientRegistrations {

	public static final String TENANT_ID = "TMPRODB88619984";

	public static final String CLIENT_ID = "7121f585-e403-4531-9a38-1826ebc7e7d8";

	/**
	 * A secret with characters that need form encoding, and that no message may show.
	 */
	public static final String CLIENT_SECRET = "s3cr3t+/=&value";

	private TestEgainClientRegistrations() {
	}

	/**
	 * Derives a flow's token endpoint with both base URLs pointing at the given server.
	 * @param flow the flow
	 * @param baseUrl the auth and API base URL, e.g. a {@code MockWebServer}'s
	 * @return the token endpoint
	 */
	public static String tokenUri(EgainFlow flow, String baseUrl) {
		return EgainClientRegistrations.tokenUri(flow, baseUrl, baseUrl, TENANT_ID);
	}

	public static ClientRegistration.Builder onBehalfOfUser(String tokenUri) {
		return EgainClientRegistrations.withRegistrationId("agent-assist", EgainFlow.ON_BEHALF_OF_USER)
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.scope("knowledge.portalmgr.onbehalfof.read", "core.aiservices.read")
			.tokenUri(tokenUri);
	}

	public static ClientRegistration.Builder onBehalfOfCustomer(String tokenUri) {
		return EgainClientRegistrations.withRegistrationId("customer-portal", EgainFlow.ON_BEHALF_OF_CUSTOMER)
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.scope("knowledge.portalmgr.onbehalfof.read")
			.tokenUri(tokenUri);
	}

	public static ClientRegistration.Builder clientCredentials(String tokenUri) {
		return EgainClientRegistrations.withRegistrationId("knowledge-sync", EgainFlow.CLIENT_CREDENTIALS)
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.scope("knowledge.portalmgr.manage")
			.tokenUri(tokenUri);
	}

	/**
	 * A token-exchange registration for the identity provider eGain knows as
	 * {@code okta-sso}.
	 * @param tokenUri the token endpoint
	 * @return the registration builder
	 */
	public static ClientRegistration.Builder tokenExchange(String tokenUri) {
		return EgainClientRegistrations.withTokenExchange("sso-agent", "okta-sso")
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.scope("knowledge.portalmgr.onbehalfof.read")
			.tokenUri(tokenUri);
	}

	/**
	 * An anonymous-customer registration whose scopes are prefixed as eGain requires; the
	 * last scope is already an absolute URL.
	 * @param tokenUri the token endpoint
	 * @param scopePrefix the scope prefix
	 * @return the registration builder
	 */
	public static ClientRegistration.Builder anonymousCustomer(String tokenUri, String scopePrefix) {
		List<String> scopes = List.of("core.aiservices.read", "knowledge.portalmgr.read",
				"https://api.ai.egain.cloud/auth/knowledge.portalmgr.manage");
		return EgainClientRegistrations.withRegistrationId("chat-widget", EgainFlow.ANONYMOUS_CUSTOMER)
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.scope(EgainClientRegistrations.prefixScopes(scopes, scopePrefix))
			.tokenUri(tokenUri);
	}

	/**
	 * An application's own login client, which no eGain component may serve.
	 * @return the registration builder
	 */
	public static ClientRegistration.Builder authorizationCode() {
		return ClientRegistration.withRegistrationId("google")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.clientId("google-client")
			.clientSecret(CLIENT_SECRET)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope("openid")
			.authorizationUri("https://accounts.google.com/o/oauth2/v2/auth")
			.tokenUri("https://www.googleapis.com/oauth2/v4/token");
	}

}
