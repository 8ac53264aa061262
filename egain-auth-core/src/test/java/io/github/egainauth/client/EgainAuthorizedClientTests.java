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

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainAuthorizedClient}: whom a token was issued for, whether Spring's
 * stores hand back the eGain type or a plain {@link OAuth2AuthorizedClient}.
 *
 * @author egain-auth authors
 */
class EgainAuthorizedClientTests {

	private static final EgainSubject PA = EgainSubject.username("pa");

	private final ClientRegistration agent = TestEgainAuthorizedClients.registration("agent",
			EgainFlow.ON_BEHALF_OF_USER);

	private final OAuth2AuthorizedClient issued = TestEgainAuthorizedClients.authorizedClient(this.agent, "pa",
			"token-pa");

	@Test
	void constructorWhenSubjectNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainAuthorizedClient(this.agent, "pa", null, this.issued.getAccessToken(), null))
			.withMessage("subject cannot be null");
	}

	@Test
	void isIssuedForWhenAuthorizedClientNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAuthorizedClient.isIssuedFor(null, "agent", PA))
			.withMessage("authorizedClient cannot be null");
	}

	@Test
	void isIssuedForWhenClientRegistrationIdEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAuthorizedClient.isIssuedFor(this.issued, "", PA))
			.withMessage("clientRegistrationId cannot be empty");
	}

	@Test
	void isIssuedForWhenSubjectNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainAuthorizedClient.isIssuedFor(this.issued, "agent", null))
			.withMessage("subject cannot be null");
	}

	@Test
	void isIssuedForWhenEgainAuthorizedClientThenOnlyItsClientAndSubject() {
		EgainAuthorizedClient authorizedClient = new EgainAuthorizedClient(this.agent, "pa", PA,
				this.issued.getAccessToken(), null);
		assertThat(EgainAuthorizedClient.isIssuedFor(authorizedClient, "agent", PA)).isTrue();
		assertThat(EgainAuthorizedClient.isIssuedFor(authorizedClient, "agent", EgainSubject.userId("pa"))).isFalse();
		assertThat(EgainAuthorizedClient.isIssuedFor(authorizedClient, "other-agent", PA)).isFalse();
	}

	@Test
	void isIssuedForWhenPlainAuthorizedClientOfRememberedTokenThenOnlyItsClientAndSubject() {
		// Spring's JDBC-less stores may hand back a plain OAuth2AuthorizedClient holding
		// the
		// very token the provider issued.
		IssuedTokens.issued(this.issued.getAccessToken(), "agent", PA);
		assertThat(EgainAuthorizedClient.isIssuedFor(this.issued, "agent", PA)).isTrue();
		assertThat(EgainAuthorizedClient.isIssuedFor(this.issued, "agent", EgainSubject.username("jdoe"))).isFalse();
		assertThat(EgainAuthorizedClient.isIssuedFor(this.issued, "other-agent", PA)).isFalse();
	}

	@Test
	void isIssuedForWhenRememberedForAnotherClientOfTheSameIdThenFalse() {
		// The registration id of the held client and of the remembered issue must both
		// match.
		IssuedTokens.issued(this.issued.getAccessToken(), "customer", PA);
		assertThat(EgainAuthorizedClient.isIssuedFor(this.issued, "agent", PA)).isFalse();
	}

	@Test
	void isIssuedForWhenPlainAuthorizedClientOfUnknownTokenThenFalse() {
		assertThat(EgainAuthorizedClient.isIssuedFor(this.issued, "agent", PA)).isFalse();
	}

}
