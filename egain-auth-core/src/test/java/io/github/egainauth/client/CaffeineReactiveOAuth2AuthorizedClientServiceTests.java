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

import io.github.egainauth.EgainFlow;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CaffeineReactiveOAuth2AuthorizedClientService}: the reactive face of
 * the bounded store.
 *
 * @author egain-auth authors
 */
class CaffeineReactiveOAuth2AuthorizedClientServiceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String APPLICATION = EgainAuthorizeRequests.APPLICATION_PRINCIPAL_NAME;

	private final ClientRegistration agent = TestEgainAuthorizedClients.registration("agent",
			EgainFlow.ON_BEHALF_OF_USER);

	private final ClientRegistration application = TestEgainAuthorizedClients.registration("application",
			EgainFlow.CLIENT_CREDENTIALS);

	private final CaffeineOAuth2AuthorizedClientService store = new CaffeineOAuth2AuthorizedClientService(100);

	private final CaffeineReactiveOAuth2AuthorizedClientService service = new CaffeineReactiveOAuth2AuthorizedClientService(
			this.store);

	@Test
	void constructorWhenDelegateNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CaffeineReactiveOAuth2AuthorizedClientService(null))
			.withMessage("delegate cannot be null");
	}

	@Test
	void loadAuthorizedClientWhenClientRegistrationIdEmptyThenFailsWithIllegalArgumentException() {
		StepVerifier.create(this.service.loadAuthorizedClient("", "username:u1"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("clientRegistrationId cannot be empty"))
			.verify(TIMEOUT);
	}

	@Test
	void saveAuthorizedClientWhenPrincipalNullThenFailsWithIllegalArgumentException() {
		StepVerifier.create(this.service.saveAuthorizedClient(authorizedClient(this.agent, "username:u1"), null))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("principal cannot be null"))
			.verify(TIMEOUT);
	}

	@Test
	void removeAuthorizedClientWhenPrincipalNameEmptyThenFailsWithIllegalArgumentException() {
		StepVerifier.create(this.service.removeAuthorizedClient("agent", ""))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("principalName cannot be empty"))
			.verify(TIMEOUT);
	}

	@Test
	void saveAuthorizedClientWhenNotSubscribedThenStoresNothing() {
		this.service.saveAuthorizedClient(authorizedClient(this.agent, "username:u1"),
				TestEgainAuthorizedClients.principal("username:u1"));
		assertThat(this.service.subjectCount()).isZero();
	}

	@Test
	void loadAuthorizedClientWhenSavedThenReturnsIt() {
		OAuth2AuthorizedClient saved = save(this.agent, "username:u1");
		StepVerifier.create(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1"))
			.expectNext(saved)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.store.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1")).isSameAs(saved);
	}

	@Test
	void loadAuthorizedClientWhenNotSavedThenCompletesEmpty() {
		StepVerifier.create(this.service.loadAuthorizedClient("agent", "username:u1")).expectComplete().verify(TIMEOUT);
	}

	@Test
	void removeAuthorizedClientWhenSavedThenRemovesIt() {
		save(this.agent, "username:u1");
		StepVerifier.create(this.service.removeAuthorizedClient("agent", "username:u1"))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.service.loadAuthorizedClient("agent", "username:u1")).expectComplete().verify(TIMEOUT);
		assertThat(this.service.subjectCount()).isZero();
	}

	@Test
	void removeAllWhenSubjectAndApplicationTokensStoredThenRemovesEveryOne() {
		save(this.agent, "username:u1");
		save(this.application, APPLICATION);
		this.service.removeAll();
		StepVerifier.create(this.service.loadAuthorizedClient("agent", "username:u1")).expectComplete().verify(TIMEOUT);
		StepVerifier.create(this.service.loadAuthorizedClient("application", APPLICATION))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.store.subjectCount()).isZero();
	}

	@Test
	void saveAuthorizedClientWhen10000SubjectsThenKeepsAtMostMaxSubjectsAndApplicationTokens() {
		OAuth2AuthorizedClient applicationClient = save(this.application, APPLICATION);
		for (int thousand = 1; thousand <= 10; thousand++) {
			int first = (thousand - 1) * 1_000 + 1;
			StepVerifier
				.create(Flux.range(first, 1_000)
					.concatMap(
							(i) -> this.service.saveAuthorizedClient(authorizedClient(this.agent, "username:user-" + i),
									TestEgainAuthorizedClients.principal("username:user-" + i))))
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(this.service.subjectCount()).isLessThanOrEqualTo(100);
		}
		StepVerifier.create(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("application", APPLICATION))
			.expectNext(applicationClient)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void constructorWhenNoBoundGivenThenKeepsAtMost10000Subjects() {
		CaffeineReactiveOAuth2AuthorizedClientService service = new CaffeineReactiveOAuth2AuthorizedClientService();
		StepVerifier.create(
				Flux.range(1, 12_000)
					.concatMap((i) -> service.saveAuthorizedClient(authorizedClient(this.agent, "username:user-" + i),
							TestEgainAuthorizedClients.principal("username:user-" + i))))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(service.subjectCount()).isLessThanOrEqualTo(10_000);
	}

	private OAuth2AuthorizedClient save(ClientRegistration registration, String principalName) {
		OAuth2AuthorizedClient authorizedClient = authorizedClient(registration, principalName);
		StepVerifier
			.create(this.service.saveAuthorizedClient(authorizedClient,
					TestEgainAuthorizedClients.principal(principalName)))
			.expectComplete()
			.verify(TIMEOUT);
		return authorizedClient;
	}

	private static OAuth2AuthorizedClient authorizedClient(ClientRegistration registration, String principalName) {
		return TestEgainAuthorizedClients.authorizedClient(registration, principalName,
				"token-" + registration.getRegistrationId() + "-" + principalName);
	}

}
