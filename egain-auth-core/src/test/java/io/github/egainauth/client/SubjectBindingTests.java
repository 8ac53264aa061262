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
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientId;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SubjectBinding}: a token is bound to its client and subject wherever
 * it is stored or handed over.
 *
 * @author egain-auth authors
 */
class SubjectBindingTests {

	private static final EgainSubject PA = EgainSubject.username("pa");

	private static final EgainSubject JDOE = EgainSubject.username("jdoe");

	private final ClientRegistration agent = TestEgainAuthorizedClients.registration("agent",
			EgainFlow.ON_BEHALF_OF_USER);

	private final ClientRegistration application = TestEgainAuthorizedClients.registration("application",
			EgainFlow.CLIENT_CREDENTIALS);

	private final OAuth2AuthorizedClient paToken = bound(this.agent, PA, "token-pa");

	private final OAuth2AuthorizedClient applicationToken = TestEgainAuthorizedClients
		.authorizedClient(this.application, "application", "token-application");

	@Test
	void servesWhenOtherClientThenFalse() {
		assertThat(SubjectBinding.serves(this.paToken, id("customer", "pa"), PA)).isFalse();
	}

	@Test
	void servesWhenIssuedForTheSubjectThenTrue() {
		assertThat(SubjectBinding.serves(this.paToken, id("agent", "pa"), PA)).isTrue();
	}

	@Test
	void servesWhenIssuedForAnotherSubjectThenFalse() {
		assertThat(SubjectBinding.serves(this.paToken, id("agent", "pa"), JDOE)).isFalse();
	}

	@Test
	void servesWhenNoSubjectThenOnlyApplicationTokens() {
		assertThat(SubjectBinding.serves(this.applicationToken, id("application", "application"), null)).isTrue();
		assertThat(SubjectBinding.serves(this.paToken, id("agent", "pa"), null)).isFalse();
	}

	@Test
	void storedWhenNoneThenNull() {
		assertThat(SubjectBinding.stored(null, id("agent", "pa"), PA)).isNull();
	}

	@Test
	void storedWhenOtherClientThenNull() {
		assertThat(SubjectBinding.stored(this.paToken, id("customer", "pa"), PA)).isNull();
	}

	@Test
	void storedWhenBoundToTheSubjectThenIt() {
		assertThat(SubjectBinding.stored(this.paToken, id("agent", "pa"), PA)).isSameAs(this.paToken);
	}

	@Test
	void storedWhenBoundToAnotherSubjectThenNull() {
		assertThat(SubjectBinding.stored(this.paToken, id("agent", "jdoe"), JDOE)).isNull();
		assertThat(SubjectBinding.stored(this.paToken, id("agent", "pa"), null)).isNull();
	}

	@Test
	void storedWhenPlainApplicationTokenThenIt() {
		assertThat(SubjectBinding.stored(this.applicationToken, id("application", "application"), null))
			.isSameAs(this.applicationToken);
	}

	@Test
	void storedWhenPlainTokenStoredUnderTheSubjectThenBoundToIt() {
		// A store that forgot the eGain type (e.g. one that serializes) still keeps it
		// under
		// the subject's name.
		OAuth2AuthorizedClient plain = TestEgainAuthorizedClients.authorizedClient(this.agent, "username:pa",
				"token-pa");
		OAuth2AuthorizedClient stored = SubjectBinding.stored(plain, id("agent", "username:pa"), PA);
		assertThat(stored).isInstanceOf(EgainAuthorizedClient.class);
		assertThat(((EgainAuthorizedClient) stored).getSubject()).isEqualTo(PA);
		assertThat(stored.getPrincipalName()).isEqualTo("username:pa");
		assertThat(stored.getAccessToken()).isSameAs(plain.getAccessToken());
	}

	@Test
	void checkedWhenNoneThenNull() {
		assertThat(SubjectBinding.checked(null, "agent", PA)).isNull();
	}

	@Test
	void checkedWhenIssuedToTheClientForTheSubjectThenIt() {
		assertThat(SubjectBinding.checked(this.paToken, "agent", PA)).isSameAs(this.paToken);
	}

	@Test
	void checkedWhenApplicationTokenThenItWhoeverAsks() {
		assertThat(SubjectBinding.checked(this.applicationToken, "application", PA)).isSameAs(this.applicationToken);
		assertThat(SubjectBinding.checked(this.applicationToken, "application", null)).isSameAs(this.applicationToken);
	}

	@Test
	void checkedWhenOnBehalfOfTokenAndNoSubjectNamedThenIt() {
		assertThat(SubjectBinding.checked(this.paToken, "agent", null)).isSameAs(this.paToken);
	}

	@Test
	void checkedWhenAnotherClientsTokenThenThrowsIllegalStateException() {
		assertThatIllegalStateException().isThrownBy(() -> SubjectBinding.checked(this.paToken, "customer", PA))
			.withMessage("The authorized-client manager answered a request of eGain client 'customer' with a token "
					+ "that was not issued to that client; refusing to use it. Give the manager egain-auth's "
					+ "on-behalf-of providers, which bind each token to its subject");
	}

	@Test
	void checkedWhenAnotherSubjectsTokenThenThrowsIllegalStateException() {
		assertThatIllegalStateException().isThrownBy(() -> SubjectBinding.checked(this.paToken, "agent", JDOE))
			.withMessage("The authorized-client manager answered a request of eGain client 'agent' with a token "
					+ "that was not issued for the requested subject; refusing to use it. Give the manager "
					+ "egain-auth's on-behalf-of providers, which bind each token to its subject");
	}

	@Test
	void checkedWhenNotAnEgainRegistrationThenIt() {
		ClientRegistration own = ClientRegistration.withRegistrationId("agent")
			.authorizationGrantType(EgainFlow.PASSWORD)
			.clientId("client-id")
			.tokenUri("https://idp.example.com/token")
			.build();
		OAuth2AuthorizedClient ownToken = TestEgainAuthorizedClients.authorizedClient(own, "pa", "token-own");
		assertThat(SubjectBinding.checked(ownToken, "agent", PA)).isSameAs(ownToken);
	}

	@Test
	void storageNameWhenBoundThenSubjectsStorageName() {
		assertThat(SubjectBinding.storageName(this.paToken)).isEqualTo(EgainAuthorizeRequests.storageName(PA));
		assertThat(SubjectBinding.storageName(this.applicationToken)).isEqualTo("application");
	}

	@Test
	void sameTokenWhenSameValueThenTrue() {
		OAuth2AuthorizedClient copy = TestEgainAuthorizedClients.authorizedClient(this.agent, "pa", "token-pa");
		assertThat(SubjectBinding.sameToken(this.paToken, copy)).isTrue();
		assertThat(SubjectBinding.sameToken(this.paToken, this.applicationToken)).isFalse();
	}

	private static OAuth2AuthorizedClient bound(ClientRegistration registration, EgainSubject subject, String token) {
		OAuth2AuthorizedClient plain = TestEgainAuthorizedClients.authorizedClient(registration,
				EgainAuthorizeRequests.storageName(subject), token);
		return new EgainAuthorizedClient(registration, plain.getPrincipalName(), subject, plain.getAccessToken(), null);
	}

	private static OAuth2AuthorizedClientId id(String clientRegistrationId, String principalName) {
		return new OAuth2AuthorizedClientId(clientRegistrationId, principalName);
	}

	@Test
	void servesWhenNoSubjectAndOtherClientsApplicationTokenThenFalse() {
		assertThat(SubjectBinding.serves(this.applicationToken, id("anonymous", "application"), null)).isFalse();
	}

	@Test
	void storageNameWhenBoundTokenHasOtherPrincipalNameThenSubjectsStorageName() {
		// e.g. issued through Spring's own manager, under the caller's principal name
		OAuth2AuthorizedClient issued = new EgainAuthorizedClient(this.agent, "alice", PA,
				this.paToken.getAccessToken(), null);
		assertThat(SubjectBinding.storageName(issued)).isEqualTo("username:pa");
	}

}
