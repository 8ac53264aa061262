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

import java.util.ArrayList;
import java.util.List;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link EgainAccessTokens}: tokens for a named or the current subject, and
 * invalidation of a rejected token.
 *
 * @author egain-auth authors
 */
class EgainAccessTokensTests {

	private TestEgainTokenEndpoint tokenEndpoint;

	private EgainAuthorizedClientManager manager;

	private EgainAccessTokens accessTokens;

	@BeforeEach
	void setUp() throws Exception {
		this.tokenEndpoint = TestEgainTokenEndpoint.start();
		EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(
				List.of(this.tokenEndpoint.registration("agent", EgainFlow.ON_BEHALF_OF_USER),
						this.tokenEndpoint.registration("application", EgainFlow.CLIENT_CREDENTIALS)));
		this.manager = new EgainAuthorizedClientManager(registrations::findByRegistrationId,
				new CaffeineOAuth2AuthorizedClientService());
		this.accessTokens = new EgainAccessTokens(this.manager);
	}

	@AfterEach
	void tearDown() {
		SecurityContextHolder.clearContext();
		this.tokenEndpoint.close();
	}

	@Test
	void constructorWhenEgainManagerNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainAccessTokens((EgainAuthorizedClientManager) null))
			.withMessage("authorizedClientManager cannot be null");
	}

	@Test
	void constructorWhenSpringManagerNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainAccessTokens((OAuth2AuthorizedClientManager) null))
			.withMessage("authorizedClientManager cannot be null");
	}

	@Test
	void getTokenWhenSubjectNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.getToken("agent", null))
			.withMessage("subject cannot be null");
	}

	@Test
	void getTokenWhenClientNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.getToken(""))
			.withMessage("clientName cannot be empty");
	}

	@Test
	void getTokenWhenSameSubjectAgainThenReusesToken() {
		OAuth2AccessToken first = this.accessTokens.getToken("agent", EgainSubject.username("u1"));
		OAuth2AccessToken second = this.accessTokens.getToken("agent", EgainSubject.username("u1"));
		assertThat(second.getTokenValue()).isEqualTo(first.getTokenValue());
		assertThat(this.tokenEndpoint.requestCount()).isOne();
	}

	@Test
	void getTokenWhenNoSubjectNamedThenUsesCurrentPrincipal() {
		SecurityContextHolder.setContext(new SecurityContextImpl(TestEgainAuthorizedClients.principal("pa")));
		OAuth2AccessToken token = this.accessTokens.getToken("agent");
		assertThat(token.getTokenValue())
			.isEqualTo(this.accessTokens.getToken("agent", EgainSubject.username("pa")).getTokenValue());
		assertThat(this.tokenEndpoint.requestCount("username:pa")).isOne();
		assertThat(this.tokenEndpoint.requestCount()).isOne();
	}

	@Test
	void authorizeWhenManagerGivesNoTokenThenThrowsIllegalStateException() {
		EgainAccessTokens accessTokens = new EgainAccessTokens((authorizeRequest) -> null);
		assertThatIllegalStateException().isThrownBy(() -> accessTokens.authorize("other", null))
			.withMessage("eGain client 'other' gave no token: its grant type is not one eGain issues");
	}

	@Test
	void invalidateWhenEgainManagerThenNextCallGetsNewToken() {
		OAuth2AuthorizedClient rejected = this.accessTokens.authorize("agent", EgainSubject.username("u1"));
		this.accessTokens.invalidate(rejected);
		OAuth2AccessToken fresh = this.accessTokens.getToken("agent", EgainSubject.username("u1"));
		assertThat(fresh.getTokenValue()).isNotEqualTo(rejected.getAccessToken().getTokenValue());
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void invalidateWhenApplicationTokenThenNextCallGetsNewToken() {
		OAuth2AuthorizedClient rejected = this.accessTokens.authorize("application", null);
		this.accessTokens.invalidate(rejected);
		assertThat(this.accessTokens.getToken("application").getTokenValue())
			.isNotEqualTo(rejected.getAccessToken().getTokenValue());
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void invalidateWhenInvalidatorSetThenUsesIt() {
		List<OAuth2AuthorizedClient> invalidated = new ArrayList<>();
		this.accessTokens.setInvalidator(invalidated::add);
		OAuth2AuthorizedClient rejected = this.accessTokens.authorize("agent", EgainSubject.username("u1"));
		this.accessTokens.invalidate(rejected);
		assertThat(invalidated).containsExactly(rejected);
		assertThat(this.accessTokens.getToken("agent", EgainSubject.username("u1")).getTokenValue())
			.isEqualTo(rejected.getAccessToken().getTokenValue());
		assertThat(this.tokenEndpoint.requestCount()).isOne();
	}

	@Test
	void invalidateWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.invalidate(null))
			.withMessage("authorizedClient cannot be null");
	}

	@Test
	void setInvalidatorWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.setInvalidator(null))
			.withMessage("invalidator cannot be null");
	}

	// Argument checks (found by mutation testing: see docs/testing.md).

	@Test
	void authorizeWhenClientNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.authorize(" ", null))
			.withMessage("clientName cannot be empty");
	}

	@Test
	void invalidateWhenAuthorizedClientNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.invalidate(null))
			.withMessage("authorizedClient cannot be null");
	}

	@Test
	void setSecurityContextHolderStrategyWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.setSecurityContextHolderStrategy(null))
			.withMessage("securityContextHolderStrategy cannot be null");
	}

	@Test
	void invalidateWhenSpringManagerAndAuthorizedClientNullThenThrowsIllegalArgumentException() {
		EgainAccessTokens accessTokens = new EgainAccessTokens((authorizeRequest) -> null);
		assertThatIllegalArgumentException().isThrownBy(() -> accessTokens.invalidate(null))
			.withMessage("authorizedClient cannot be null");
	}

}
