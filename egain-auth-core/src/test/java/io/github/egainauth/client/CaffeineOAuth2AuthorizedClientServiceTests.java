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

import java.util.List;
import java.util.stream.IntStream;

import io.github.egainauth.EgainFlow;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CaffeineOAuth2AuthorizedClientService}: the bound on subject tokens,
 * which entries survive churn, and application tokens kept apart.
 *
 * @author egain-auth authors
 */
class CaffeineOAuth2AuthorizedClientServiceTests {

	private static final String APPLICATION = EgainAuthorizeRequests.APPLICATION_PRINCIPAL_NAME;

	private final ClientRegistration agent = TestEgainAuthorizedClients.registration("agent",
			EgainFlow.ON_BEHALF_OF_USER);

	private final ClientRegistration customer = TestEgainAuthorizedClients.registration("customer",
			EgainFlow.ON_BEHALF_OF_CUSTOMER);

	private final ClientRegistration application = TestEgainAuthorizedClients.registration("application",
			EgainFlow.CLIENT_CREDENTIALS);

	private final ClientRegistration anonymous = TestEgainAuthorizedClients.registration("anonymous",
			EgainFlow.ANONYMOUS_CUSTOMER);

	private final CaffeineOAuth2AuthorizedClientService service = new CaffeineOAuth2AuthorizedClientService(100);

	@Test
	void constructorWhenMaxSubjectsZeroThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CaffeineOAuth2AuthorizedClientService(0))
			.withMessage("maxSubjects must be at least 1");
	}

	@Test
	void constructorWhenMaxSubjectsNegativeThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CaffeineOAuth2AuthorizedClientService(-1))
			.withMessage("maxSubjects must be at least 1");
	}

	@Test
	void loadAuthorizedClientWhenClientRegistrationIdEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.loadAuthorizedClient("", "username:u1"))
			.withMessage("clientRegistrationId cannot be empty");
	}

	@Test
	void loadAuthorizedClientWhenPrincipalNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.loadAuthorizedClient("agent", ""))
			.withMessage("principalName cannot be empty");
	}

	@Test
	void saveAuthorizedClientWhenAuthorizedClientNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.service.saveAuthorizedClient(null, TestEgainAuthorizedClients.principal("u1")))
			.withMessage("authorizedClient cannot be null");
	}

	@Test
	void saveAuthorizedClientWhenPrincipalNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.service.saveAuthorizedClient(authorizedClient(this.agent, "username:u1"), null))
			.withMessage("principal cannot be null");
	}

	@Test
	void removeAuthorizedClientWhenClientRegistrationIdEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.removeAuthorizedClient("", "username:u1"))
			.withMessage("clientRegistrationId cannot be empty");
	}

	@Test
	void removeAuthorizedClientWhenPrincipalNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.removeAuthorizedClient("agent", ""))
			.withMessage("principalName cannot be empty");
	}

	@Test
	void loadAuthorizedClientWhenSavedThenReturnsIt() {
		OAuth2AuthorizedClient saved = save(this.agent, "username:u1");
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1")).isSameAs(saved);
	}

	@Test
	void loadAuthorizedClientWhenNotSavedThenReturnsNull() {
		save(this.agent, "username:u1");
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u2")).isNull();
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("customer", "username:u1")).isNull();
	}

	@Test
	void loadAuthorizedClientWhenSameSubjectInTwoClientsThenKeepsThemApart() {
		OAuth2AuthorizedClient agentClient = save(this.agent, "username:u1");
		OAuth2AuthorizedClient customerClient = save(this.customer, "username:u1");
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1"))
			.isSameAs(agentClient);
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("customer", "username:u1"))
			.isSameAs(customerClient);
		assertThat(this.service.subjectCount()).isEqualTo(2);
	}

	@Test
	void saveAuthorizedClientWhenSubjectSavedAgainThenReplacesIt() {
		save(this.agent, "username:u1");
		OAuth2AuthorizedClient newer = save(this.agent, "username:u1");
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1")).isSameAs(newer);
		assertThat(this.service.subjectCount()).isOne();
	}

	@Test
	void removeAuthorizedClientWhenSubjectSavedThenRemovesIt() {
		save(this.agent, "username:u1");
		this.service.removeAuthorizedClient("agent", "username:u1");
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1")).isNull();
		assertThat(this.service.subjectCount()).isZero();
	}

	@Test
	void saveAuthorizedClientWhen10000SubjectsThenKeepsAtMostMaxSubjects() {
		for (int i = 1; i <= 10_000; i++) {
			save(this.agent, "username:user-" + i);
			if (i % 1_000 == 0) {
				assertThat(this.service.subjectCount()).isLessThanOrEqualTo(100);
			}
		}
		assertThat(this.service.subjectCount()).isLessThanOrEqualTo(100).isPositive();
	}

	@Test
	void saveAuthorizedClientWhenDefaultBoundExceededThenKeepsAtMost10000Subjects() {
		CaffeineOAuth2AuthorizedClientService service = new CaffeineOAuth2AuthorizedClientService();
		for (int i = 1; i <= 12_000; i++) {
			service.saveAuthorizedClient(authorizedClient(this.agent, "username:user-" + i),
					TestEgainAuthorizedClients.principal("username:user-" + i));
		}
		assertThat(CaffeineOAuth2AuthorizedClientService.DEFAULT_MAX_SUBJECTS).isEqualTo(10_000);
		assertThat(service.subjectCount()).isLessThanOrEqualTo(10_000);
	}

	@Test
	void saveAuthorizedClientWhenSubjectsChurnThenKeepsSubjectsInUse() {
		List<OAuth2AuthorizedClient> inUse = IntStream.range(0, 25)
			.mapToObj((i) -> save(this.agent, "username:in-use-" + i))
			.toList();
		for (int i = 1; i <= 10_000; i++) {
			save(this.agent, "username:user-" + i);
			OAuth2AuthorizedClient used = inUse.get(i % inUse.size());
			assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", used.getPrincipalName()))
				.isSameAs(used);
		}
		assertThat(inUse).allSatisfy((used) -> assertThat(
				this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", used.getPrincipalName()))
			.isSameAs(used));
		assertThat(this.service.subjectCount()).isLessThanOrEqualTo(100);
	}

	@Test
	void saveAuthorizedClientWhenSubjectsChurnThenKeepsLatest() {
		OAuth2AuthorizedClient latest = null;
		for (int i = 1; i <= 10_000; i++) {
			latest = save(this.agent, "username:user-" + i);
			assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:user-" + i))
				.isSameAs(latest);
		}
		assertThat(this.service.subjectCount()).isLessThanOrEqualTo(100);
	}

	@Test
	void saveAuthorizedClientWhenSubjectsChurnThenApplicationTokensAreKept() {
		OAuth2AuthorizedClient applicationClient = save(this.application, APPLICATION);
		OAuth2AuthorizedClient anonymousClient = save(this.anonymous, APPLICATION);
		for (int i = 1; i <= 10_000; i++) {
			save(this.agent, "username:user-" + i);
		}
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("application", APPLICATION))
			.isSameAs(applicationClient);
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("anonymous", APPLICATION))
			.isSameAs(anonymousClient);
		assertThat(this.service.subjectCount()).isLessThanOrEqualTo(100);
	}

	@Test
	void saveAuthorizedClientWhenApplicationTokenThenNotCountedAsSubject() {
		save(this.application, APPLICATION);
		save(this.anonymous, APPLICATION);
		assertThat(this.service.subjectCount()).isZero();
	}

	@Test
	void saveAuthorizedClientWhenBoundIsOneThenApplicationTokensAndLatestSubjectAreKept() {
		CaffeineOAuth2AuthorizedClientService service = new CaffeineOAuth2AuthorizedClientService(1);
		OAuth2AuthorizedClient applicationClient = authorizedClient(this.application, APPLICATION);
		service.saveAuthorizedClient(applicationClient, TestEgainAuthorizedClients.principal(APPLICATION));
		for (int i = 1; i <= 1_000; i++) {
			service.saveAuthorizedClient(authorizedClient(this.agent, "username:user-" + i),
					TestEgainAuthorizedClients.principal("username:user-" + i));
			assertThat(service.subjectCount()).isOne();
		}
		assertThat(service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:user-1000")).isNotNull();
		assertThat(service.<OAuth2AuthorizedClient>loadAuthorizedClient("application", APPLICATION))
			.isSameAs(applicationClient);
	}

	@Test
	void removeAuthorizedClientWhenApplicationTokenThenRemovesOnlyThatClients() {
		save(this.application, APPLICATION);
		OAuth2AuthorizedClient anonymousClient = save(this.anonymous, APPLICATION);
		this.service.removeAuthorizedClient("application", APPLICATION);
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("application", APPLICATION)).isNull();
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("anonymous", APPLICATION))
			.isSameAs(anonymousClient);
	}

	@Test
	void removeAllWhenSubjectAndApplicationTokensStoredThenRemovesEveryOne() {
		save(this.agent, "username:u1");
		save(this.customer, "email:u2@example.com");
		save(this.application, APPLICATION);
		save(this.anonymous, APPLICATION);
		this.service.removeAll();
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1")).isNull();
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("customer", "email:u2@example.com"))
			.isNull();
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("application", APPLICATION)).isNull();
		assertThat(this.service.<OAuth2AuthorizedClient>loadAuthorizedClient("anonymous", APPLICATION)).isNull();
		assertThat(this.service.subjectCount()).isZero();
	}

	@Test
	void removeAllWhenSubjectsEvictedThenKeepsEvictionCountAndStoresAgain() {
		CaffeineOAuth2AuthorizedClientService service = new CaffeineOAuth2AuthorizedClientService(1);
		for (int i = 1; i <= 3; i++) {
			service.saveAuthorizedClient(authorizedClient(this.agent, "username:user-" + i),
					TestEgainAuthorizedClients.principal("username:user-" + i));
		}
		service.removeAll();
		OAuth2AuthorizedClient saved = authorizedClient(this.agent, "username:user-4");
		service.saveAuthorizedClient(saved, TestEgainAuthorizedClients.principal("username:user-4"));
		assertThat(service.evictionCount()).isEqualTo(2);
		assertThat(service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:user-4")).isSameAs(saved);
		assertThat(service.subjectCount()).isOne();
	}

	private OAuth2AuthorizedClient save(ClientRegistration registration, String principalName) {
		OAuth2AuthorizedClient authorizedClient = authorizedClient(registration, principalName);
		this.service.saveAuthorizedClient(authorizedClient, TestEgainAuthorizedClients.principal(principalName));
		return authorizedClient;
	}

	private static OAuth2AuthorizedClient authorizedClient(ClientRegistration registration, String principalName) {
		return TestEgainAuthorizedClients.authorizedClient(registration, principalName,
				"token-" + registration.getRegistrationId() + "-" + principalName);
	}

	// Argument checks (found by mutation testing: see docs/testing.md).

	@Test
	void loadAuthorizedClientWhenIdOrPrincipalNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.loadAuthorizedClient("", "pa"))
			.withMessage("clientRegistrationId cannot be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.loadAuthorizedClient("agent", ""))
			.withMessage("principalName cannot be empty");
	}

	@Test
	void removeAuthorizedClientWhenIdOrPrincipalNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.removeAuthorizedClient("", "pa"))
			.withMessage("clientRegistrationId cannot be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.removeAuthorizedClient("agent", ""))
			.withMessage("principalName cannot be empty");
	}

	@Test
	void loadAndRemoveWhenApplicationTokenAndClientRegistrationIdEmptyThenThrowsIllegalArgumentException() {
		String application = EgainAuthorizeRequests.APPLICATION_PRINCIPAL_NAME;
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.loadAuthorizedClient("", application))
			.withMessage("clientRegistrationId cannot be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> this.service.removeAuthorizedClient("", application))
			.withMessage("clientRegistrationId cannot be empty");
	}

}
