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

package io.github.egainauth;

import java.util.Map;

import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainFlow}.
 *
 * @author egain-auth authors
 */
class EgainFlowTests {

	private static final String TOKEN_URI = "https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token";

	@Test
	void getValueWhenAnyThenConfigurationName() {
		assertThat(EgainFlow.ON_BEHALF_OF_USER.getValue()).isEqualTo("on-behalf-of-user");
		assertThat(EgainFlow.ON_BEHALF_OF_CUSTOMER.getValue()).isEqualTo("on-behalf-of-customer");
		assertThat(EgainFlow.CLIENT_CREDENTIALS.getValue()).isEqualTo("client-credentials");
		assertThat(EgainFlow.ANONYMOUS_CUSTOMER.getValue()).isEqualTo("anonymous-customer");
	}

	@Test
	void getAuthorizationGrantTypeWhenAnyThenGrantSentOnTheWire() {
		assertThat(EgainFlow.PASSWORD.getValue()).isEqualTo("password");
		assertThat(EgainFlow.ON_BEHALF_OF_USER.getAuthorizationGrantType()).isEqualTo(EgainFlow.PASSWORD);
		assertThat(EgainFlow.ON_BEHALF_OF_CUSTOMER.getAuthorizationGrantType()).isEqualTo(EgainFlow.PASSWORD);
		assertThat(EgainFlow.CLIENT_CREDENTIALS.getAuthorizationGrantType())
			.isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
		assertThat(EgainFlow.ANONYMOUS_CUSTOMER.getAuthorizationGrantType())
			.isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
	}

	@ParameterizedTest
	@EnumSource
	void fromValueWhenValueOfFlowThenFlow(EgainFlow flow) {
		assertThat(EgainFlow.fromValue(flow.getValue())).isEqualTo(flow);
	}

	@Test
	void fromValueWhenOtherCaseOrSurroundingBlanksThenFlow() {
		assertThat(EgainFlow.fromValue(" On-Behalf-Of-User ")).isEqualTo(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(EgainFlow.fromValue("ANONYMOUS-CUSTOMER")).isEqualTo(EgainFlow.ANONYMOUS_CUSTOMER);
	}

	@Test
	void fromValueWhenUnknownThenNull() {
		assertThat(EgainFlow.fromValue("password")).isNull();
		assertThat(EgainFlow.fromValue("on_behalf_of_user")).isNull();
		assertThat(EgainFlow.fromValue("")).isNull();
	}

	@Test
	void fromValueWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainFlow.fromValue(null))
			.withMessage("value cannot be null");
	}

	@ParameterizedTest
	@EnumSource
	void fromWhenRegistrationMetadataNamesFlowThenFlow(EgainFlow flow) {
		ClientRegistration registration = EgainClientRegistrations.withRegistrationId("egain", flow)
			.clientId("client")
			.tokenUri(TOKEN_URI)
			.build();
		assertThat(EgainFlow.from(registration)).isEqualTo(flow);
	}

	@Test
	void fromWhenRegistrationMetadataHoldsFlowInstanceThenFlow() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("egain")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientId("client")
			.tokenUri(TOKEN_URI)
			.providerConfigurationMetadata(Map.of(EgainFlow.METADATA_KEY, EgainFlow.ANONYMOUS_CUSTOMER))
			.build();
		assertThat(EgainFlow.from(registration)).isEqualTo(EgainFlow.ANONYMOUS_CUSTOMER);
	}

	@Test
	void fromWhenRegistrationMetadataNamesUnknownFlowThenNull() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("egain")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientId("client")
			.tokenUri(TOKEN_URI)
			.providerConfigurationMetadata(Map.of(EgainFlow.METADATA_KEY, "implicit"))
			.build();
		assertThat(EgainFlow.from(registration)).isNull();
	}

	@Test
	void fromWhenNoMetadataAndPasswordGrantThenNotEgains() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("egain")
			.authorizationGrantType(EgainFlow.PASSWORD)
			.clientId("client")
			.tokenUri(TOKEN_URI)
			.build();
		assertThat(EgainFlow.from(registration)).isNull();
	}

	@Test
	void fromWhenNoMetadataAndClientCredentialsGrantThenNotEgains() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("egain")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientId("client")
			.tokenUri(TOKEN_URI)
			.build();
		assertThat(EgainFlow.from(registration)).isNull();
	}

	@Test
	void fromWhenAuthorizationCodeGrantThenNull() {
		assertThat(EgainFlow.from(TestEgainClientRegistrations.authorizationCode().build())).isNull();
	}

	@Test
	void fromWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainFlow.from(null))
			.withMessage("clientRegistration cannot be null");
	}

	@Test
	void supportsWhenOnBehalfOfUserThenUsernameAndUserIdOnly() {
		assertThat(EgainFlow.ON_BEHALF_OF_USER.supports(EgainSubject.Kind.USERNAME)).isTrue();
		assertThat(EgainFlow.ON_BEHALF_OF_USER.supports(EgainSubject.Kind.USER_ID)).isTrue();
		assertThat(EgainFlow.ON_BEHALF_OF_USER.supports(EgainSubject.Kind.EMAIL)).isFalse();
		assertThat(EgainFlow.ON_BEHALF_OF_USER.isOnBehalfOf()).isTrue();
	}

	@Test
	void supportsWhenOnBehalfOfCustomerThenEmailOnly() {
		assertThat(EgainFlow.ON_BEHALF_OF_CUSTOMER.supports(EgainSubject.Kind.USERNAME)).isFalse();
		assertThat(EgainFlow.ON_BEHALF_OF_CUSTOMER.supports(EgainSubject.Kind.USER_ID)).isFalse();
		assertThat(EgainFlow.ON_BEHALF_OF_CUSTOMER.supports(EgainSubject.Kind.EMAIL)).isTrue();
		assertThat(EgainFlow.ON_BEHALF_OF_CUSTOMER.isOnBehalfOf()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(names = { "CLIENT_CREDENTIALS", "ANONYMOUS_CUSTOMER" })
	void supportsWhenApplicationFlowThenNoSubject(EgainFlow flow) {
		for (EgainSubject.Kind kind : EgainSubject.Kind.values()) {
			assertThat(flow.supports(kind)).as(kind.name()).isFalse();
		}
		assertThat(flow.getSubjectKinds()).isEmpty();
		assertThat(flow.isOnBehalfOf()).isFalse();
	}

	@Test
	void supportsWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainFlow.ON_BEHALF_OF_USER.supports(null))
			.withMessage("kind cannot be null");
	}

}
