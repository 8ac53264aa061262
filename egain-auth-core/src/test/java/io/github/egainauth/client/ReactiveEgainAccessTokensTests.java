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
import java.util.ArrayList;
import java.util.List;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ReactiveEgainAccessTokens}: tokens for a named or the current subject,
 * and invalidation of a rejected token.
 *
 * @author egain-auth authors
 */
class ReactiveEgainAccessTokensTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private TestEgainTokenEndpoint tokenEndpoint;

	private ReactiveEgainAccessTokens accessTokens;

	@BeforeEach
	void setUp() throws Exception {
		this.tokenEndpoint = TestEgainTokenEndpoint.start();
		EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(
				List.of(this.tokenEndpoint.registration("agent", EgainFlow.ON_BEHALF_OF_USER),
						this.tokenEndpoint.registration("application", EgainFlow.CLIENT_CREDENTIALS)));
		this.accessTokens = new ReactiveEgainAccessTokens(new EgainReactiveAuthorizedClientManager(
				registrations::findByRegistrationId, new CaffeineReactiveOAuth2AuthorizedClientService()));
	}

	@AfterEach
	void tearDown() {
		this.tokenEndpoint.close();
	}

	@Test
	void constructorWhenEgainManagerNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReactiveEgainAccessTokens((EgainReactiveAuthorizedClientManager) null))
			.withMessage("authorizedClientManager cannot be null");
	}

	@Test
	void constructorWhenSpringManagerNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReactiveEgainAccessTokens((ReactiveOAuth2AuthorizedClientManager) null))
			.withMessage("authorizedClientManager cannot be null");
	}

	@Test
	void getTokenWhenSubjectNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.getToken("agent", null))
			.withMessage("subject cannot be null");
	}

	@Test
	void getTokenWhenNoSubjectNamedThenUsesPrincipalOfReactiveSecurityContext() {
		OAuth2AccessToken token = this.accessTokens.getToken("agent")
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(TestEgainAuthorizedClients.principal("pa")))
			.block(TIMEOUT);
		assertThat(token).isNotNull();
		assertThat(token.getTokenValue())
			.isEqualTo(tokenValue(this.accessTokens.getToken("agent", EgainSubject.username("pa"))));
		assertThat(this.tokenEndpoint.requestCount("username:pa")).isOne();
		assertThat(this.tokenEndpoint.requestCount()).isOne();
	}

	@Test
	void authorizeWhenManagerGivesNoTokenThenFailsWithIllegalStateException() {
		ReactiveEgainAccessTokens accessTokens = new ReactiveEgainAccessTokens((authorizeRequest) -> Mono.empty());
		StepVerifier.create(accessTokens.authorize("other", null))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessage("eGain client 'other' gave no token: its grant type is not one eGain issues"))
			.verify(TIMEOUT);
	}

	@Test
	void invalidateWhenEgainManagerThenNextCallGetsNewToken() {
		OAuth2AuthorizedClient rejected = this.accessTokens.authorize("agent", EgainSubject.username("u1"))
			.block(TIMEOUT);
		assertThat(rejected).isNotNull();
		StepVerifier.create(this.accessTokens.invalidate(rejected)).expectComplete().verify(TIMEOUT);
		assertThat(tokenValue(this.accessTokens.getToken("agent", EgainSubject.username("u1"))))
			.isNotEqualTo(rejected.getAccessToken().getTokenValue());
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void invalidateWhenInvalidatorSetThenUsesIt() {
		List<OAuth2AuthorizedClient> invalidated = new ArrayList<>();
		this.accessTokens
			.setInvalidator((authorizedClient) -> Mono.fromRunnable(() -> invalidated.add(authorizedClient)));
		OAuth2AuthorizedClient rejected = this.accessTokens.authorize("agent", EgainSubject.username("u1"))
			.block(TIMEOUT);
		assertThat(rejected).isNotNull();
		StepVerifier.create(this.accessTokens.invalidate(rejected)).expectComplete().verify(TIMEOUT);
		assertThat(invalidated).containsExactly(rejected);
		assertThat(tokenValue(this.accessTokens.getToken("agent", EgainSubject.username("u1"))))
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

	private static String tokenValue(Mono<OAuth2AccessToken> token) {
		OAuth2AccessToken accessToken = token.block(TIMEOUT);
		assertThat(accessToken).isNotNull();
		return accessToken.getTokenValue();
	}

	// Argument checks (found by mutation testing: see docs/testing.md).

	@Test
	void authorizeWhenClientNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.authorize(" ", null).block())
			.withMessage("clientName cannot be empty");
	}

	@Test
	void invalidateWhenAuthorizedClientNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.invalidate(null).block())
			.withMessage("authorizedClient cannot be null");
	}

	@Test
	void setSecurityContextHolderStrategyWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.setSecurityContextHolderStrategy(null))
			.withMessage("securityContextHolderStrategy cannot be null");
	}

	@Test
	void authorizeWhenClientNameEmptyThenThrowsBeforeSubscription() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.accessTokens.authorize(" ", null))
			.withMessage("clientName cannot be empty");
	}

	@Test
	void invalidateWhenSpringManagerAndAuthorizedClientNullThenThrowsIllegalArgumentException() {
		ReactiveEgainAccessTokens accessTokens = new ReactiveEgainAccessTokens((authorizeRequest) -> Mono.empty());
		assertThatIllegalArgumentException().isThrownBy(() -> accessTokens.invalidate(null))
			.withMessage("authorizedClient cannot be null");
	}

}
