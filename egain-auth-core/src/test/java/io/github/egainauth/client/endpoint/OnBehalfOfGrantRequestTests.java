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

package io.github.egainauth.client.endpoint;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OnBehalfOfGrantRequest}.
 *
 * @author egain-auth authors
 */
class OnBehalfOfGrantRequestTests {

	private static final String TOKEN_URI = "https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token";

	private final ClientRegistration user = TestEgainClientRegistrations.onBehalfOfUser(TOKEN_URI).build();

	private final ClientRegistration customer = TestEgainClientRegistrations.onBehalfOfCustomer(TOKEN_URI).build();

	@Test
	void constructorWhenClientRegistrationNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OnBehalfOfGrantRequest(null, EgainSubject.username("pa")))
			.withMessage("clientRegistration cannot be null");
	}

	@Test
	void constructorWhenSubjectNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OnBehalfOfGrantRequest(this.user, null))
			.withMessage("subject cannot be null");
	}

	@Test
	void constructorWhenClientCredentialsRegistrationThenThrowsIllegalArgumentException() {
		ClientRegistration clientCredentials = TestEgainClientRegistrations.clientCredentials(TOKEN_URI).build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OnBehalfOfGrantRequest(clientCredentials, EgainSubject.username("pa")))
			.withMessage("clientRegistration.authorizationGrantType must be password");
	}

	@Test
	void constructorWhenEmailSubjectForUserFlowThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OnBehalfOfGrantRequest(this.user, EgainSubject.email("pa@example.com")))
			.withMessage("Client 'agent-assist' uses the on-behalf-of-user flow, which cannot issue a token for "
					+ "email subjects; use EgainSubject.username(...) or EgainSubject.userId(...)");
	}

	@Test
	void constructorWhenUsernameSubjectForCustomerFlowThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OnBehalfOfGrantRequest(this.customer, EgainSubject.username("pa")))
			.withMessage("Client 'customer-portal' uses the on-behalf-of-customer flow, which cannot issue a token "
					+ "for username subjects; use EgainSubject.email(...)");
	}

	@Test
	void constructorWhenUserIdSubjectForCustomerFlowThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OnBehalfOfGrantRequest(this.customer, EgainSubject.userId("77")))
			.withMessage("Client 'customer-portal' uses the on-behalf-of-customer flow, which cannot issue a token "
					+ "for userid subjects; use EgainSubject.email(...)");
	}

	@Test
	void constructorWhenUsernameSubjectForUserFlowThenCreated() {
		OnBehalfOfGrantRequest grantRequest = new OnBehalfOfGrantRequest(this.user, EgainSubject.username("pa"));
		assertThat(grantRequest.getClientRegistration()).isSameAs(this.user);
		assertThat(grantRequest.getGrantType()).isEqualTo(EgainFlow.PASSWORD);
		assertThat(grantRequest.getSubject()).isEqualTo(EgainSubject.username("pa"));
	}

	@Test
	void constructorWhenUserIdSubjectForUserFlowThenCreated() {
		OnBehalfOfGrantRequest grantRequest = new OnBehalfOfGrantRequest(this.user, EgainSubject.userId("77"));
		assertThat(grantRequest.getSubject()).isEqualTo(EgainSubject.userId("77"));
	}

	@Test
	void constructorWhenEmailSubjectForCustomerFlowThenCreated() {
		OnBehalfOfGrantRequest grantRequest = new OnBehalfOfGrantRequest(this.customer,
				EgainSubject.email("pa@example.com"));
		assertThat(grantRequest.getSubject()).isEqualTo(EgainSubject.email("pa@example.com"));
	}

	@Test
	void constructorWhenPasswordRegistrationWithoutFlowMetadataThenThrowsIllegalArgumentException() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("legacy")
			.authorizationGrantType(EgainFlow.PASSWORD)
			.clientId("client")
			.tokenUri(TOKEN_URI)
			.build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OnBehalfOfGrantRequest(registration, EgainSubject.username("pa")))
			.withMessage("Client 'legacy' is not an eGain on-behalf-of client; build its registration with "
					+ "EgainClientRegistrations.withRegistrationId(name, EgainFlow.ON_BEHALF_OF_USER) (or "
					+ "ON_BEHALF_OF_CUSTOMER, TOKEN_EXCHANGE)");
	}

}
