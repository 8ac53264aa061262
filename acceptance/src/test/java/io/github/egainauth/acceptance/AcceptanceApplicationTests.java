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

package io.github.egainauth.acceptance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.test.AutoConfigureEgainStandIn;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance tests of {@link AcceptanceApplication}: configured only through its
 * {@code application.yml}, it obtains a token for each of eGain's four flows through the
 * public API ({@link EgainAccessTokens}), and each token request reaches the stand-in as
 * eGain expects it. The same tests run on Spring Boot 3.5 ({@code acceptance/boot35}) and
 * Spring Boot 4.0 ({@code acceptance/boot40}).
 *
 * @author egain-auth authors
 */
@SpringBootTest
@AutoConfigureEgainStandIn
class AcceptanceApplicationTests {

	@Autowired
	private EgainAccessTokens accessTokens;

	@Autowired
	private EgainStandIn egain;

	@Test
	void springBootWhenRunningThenIsTheVersionTheBuildChose() {
		String expected = System.getProperty("egain.acceptance.spring-boot-version");
		assertThat(expected).as("system property egain.acceptance.spring-boot-version").isNotBlank();
		assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
	}

	@Test
	void getTokenWhenOnBehalfOfUserThenEgainIssuedItForThatUser() {
		OAuth2AccessToken token = this.accessTokens.getToken("agent", EgainSubject.username("pa"));
		assertThat(this.egain.getTokenRequests()).singleElement().satisfies((request) -> {
			assertIssued(request, token, EgainFlow.ON_BEHALF_OF_USER, "acceptance-agent", EgainSubject.username("pa"));
			assertThat(request.parameters()).isEqualTo(Map.of("grant_type", "password", "client_id", "acceptance-agent",
					"client_secret", "acceptance-agent-secret", "scope", "knowledge.portalmgr.onbehalfof.read",
					"subject_username", "pa"));
		});
	}

	@Test
	void getTokenWhenOnBehalfOfCustomerThenEgainIssuedItForThatCustomer() {
		OAuth2AccessToken token = this.accessTokens.getToken("customer", EgainSubject.email("jane@example.com"));
		assertThat(this.egain.getTokenRequests()).singleElement().satisfies((request) -> {
			assertIssued(request, token, EgainFlow.ON_BEHALF_OF_CUSTOMER, "acceptance-customer",
					EgainSubject.email("jane@example.com"));
			assertThat(request.parameters()).isEqualTo(Map.of("grant_type", "password", "client_id",
					"acceptance-customer", "client_secret", "acceptance-customer-secret", "scope",
					"knowledge.portalmgr.onbehalfof.customer.read", "subject_email", "jane@example.com"));
		});
	}

	@Test
	void getTokenWhenClientCredentialsThenEgainIssuedItForTheApplication() {
		OAuth2AccessToken token = this.accessTokens.getToken("app");
		assertThat(this.egain.getTokenRequests()).singleElement().satisfies((request) -> {
			assertIssued(request, token, EgainFlow.CLIENT_CREDENTIALS, "acceptance-app", null);
			assertThat(request.scopes()).containsExactly("knowledge.portalmgr.read", "core.aiservices.read");
			assertThat(request.parameters())
				.isEqualTo(Map.of("grant_type", "client_credentials", "client_id", "acceptance-app", "client_secret",
						"acceptance-app-secret", "scope", "knowledge.portalmgr.read core.aiservices.read"));
		});
	}

	@Test
	void getTokenWhenAnonymousCustomerThenEgainIssuedItWithPrefixedScopes() {
		OAuth2AccessToken token = this.accessTokens.getToken("anonymous");
		String scope = this.egain.getBaseUrl() + "/auth/core.aiservices.read";
		assertThat(this.egain.getTokenRequests()).singleElement().satisfies((request) -> {
			assertIssued(request, token, EgainFlow.ANONYMOUS_CUSTOMER, "acceptance-anonymous", null);
			assertThat(request.scopes()).containsExactly(scope);
			assertThat(request.parameters()).isEqualTo(Map.of("grant_type", "client_credentials", "client_id",
					"acceptance-anonymous", "client_secret", "acceptance-anonymous-secret", "scope", scope));
		});
	}

	@Test
	void getTokenWhenEveryFlowThenOneTokenRequestEachAndCachedTokensAfterwards() {
		List<OAuth2AccessToken> tokens = List.of(this.accessTokens.getToken("agent", EgainSubject.username("pa")),
				this.accessTokens.getToken("customer", EgainSubject.email("jane@example.com")),
				this.accessTokens.getToken("app"), this.accessTokens.getToken("anonymous"));
		List<OAuth2AccessToken> again = List.of(this.accessTokens.getToken("agent", EgainSubject.username("pa")),
				this.accessTokens.getToken("customer", EgainSubject.email("jane@example.com")),
				this.accessTokens.getToken("app"), this.accessTokens.getToken("anonymous"));
		List<TokenRequest> requests = this.egain.getTokenRequests();
		assertThat(requests).extracting(TokenRequest::flow)
			.containsExactly(EgainFlow.ON_BEHALF_OF_USER, EgainFlow.ON_BEHALF_OF_CUSTOMER, EgainFlow.CLIENT_CREDENTIALS,
					EgainFlow.ANONYMOUS_CUSTOMER);
		assertThat(tokens).extracting(OAuth2AccessToken::getTokenValue)
			.containsExactlyElementsOf(requests.stream().map(TokenRequest::accessToken).toList())
			.doesNotHaveDuplicates();
		assertThat(again).extracting(OAuth2AccessToken::getTokenValue)
			.containsExactlyElementsOf(tokens.stream().map(OAuth2AccessToken::getTokenValue).toList());
	}

	/**
	 * Asserts that the stand-in accepted the request for the expected flow, client and
	 * subject, and that the application got the token the stand-in issued in answer.
	 */
	private static void assertIssued(TokenRequest request, OAuth2AccessToken token, EgainFlow flow, String clientId,
			@Nullable EgainSubject subject) {
		assertThat(request.flow()).isEqualTo(flow);
		assertThat(request.clientId()).isEqualTo(clientId);
		assertThat(request.subject()).isEqualTo(subject);
		assertThat(token.getTokenValue()).isEqualTo(request.accessToken());
		assertThat(token.getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.BEARER);
		assertThat(token.getExpiresAt()).isAfter(Instant.now());
	}

}
