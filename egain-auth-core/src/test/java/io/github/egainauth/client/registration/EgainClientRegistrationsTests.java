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
import java.util.Map;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainClientRegistrations}.
 *
 * @author egain-auth authors
 */
class EgainClientRegistrationsTests {

	private static final String AUTH = EgainClientRegistrations.DEFAULT_AUTH_BASE_URL;

	private static final String API = EgainClientRegistrations.DEFAULT_API_BASE_URL;

	private static final String TENANT_ID = "TMPRODB88619984";

	@Test
	void defaultBaseUrlsWhenReadThenEgainCloud() {
		assertThat(AUTH).isEqualTo("https://ai.egain.cloud");
		assertThat(API).isEqualTo("https://api.ai.egain.cloud");
	}

	@ParameterizedTest
	@EnumSource
	void withRegistrationIdWhenFlowThenPresetsGrantTypeSecretPostAndFlowMetadata(EgainFlow flow) {
		ClientRegistration registration = EgainClientRegistrations.withRegistrationId("egain", flow)
			.clientId("client")
			.clientSecret("secret")
			.tokenUri("https://ai.egain.cloud/token")
			.build();
		assertThat(registration.getRegistrationId()).isEqualTo("egain");
		assertThat(registration.getAuthorizationGrantType()).isEqualTo(flow.getAuthorizationGrantType());
		assertThat(registration.getClientAuthenticationMethod())
			.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		assertThat(registration.getProviderDetails().getConfigurationMetadata()).containsEntry(EgainFlow.METADATA_KEY,
				flow.getValue());
		assertThat(EgainClientRegistrations.isEgainRegistration(registration)).isTrue();
		if (flow.isOnBehalfOf()) {
			assertThat(EgainClientRegistrations.defaultSubjectKind(registration))
				.isEqualTo(flow.getSubjectKinds().iterator().next());
		}
		else {
			assertThat(registration.getProviderDetails().getConfigurationMetadata())
				.doesNotContainKey(EgainClientRegistrations.SUBJECT_KIND_METADATA_KEY);
		}
	}

	@Test
	void withRegistrationIdWhenRegistrationIdEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.withRegistrationId(" ", EgainFlow.CLIENT_CREDENTIALS))
			.withMessage("registrationId cannot be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.withRegistrationId(null, EgainFlow.CLIENT_CREDENTIALS))
			.withMessage("registrationId cannot be empty");
	}

	@Test
	void withRegistrationIdWhenFlowNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.withRegistrationId("egain", null))
			.withMessage("flow cannot be null");
	}

	@Test
	void tokenUriWhenOnBehalfOfUserThenUserRealmOnAuthBase() {
		assertThat(EgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, AUTH, API, TENANT_ID))
			.isEqualTo("https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token");
	}

	@Test
	void tokenUriWhenOnBehalfOfCustomerThenCustomerRealmOnAuthBase() {
		assertThat(EgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_CUSTOMER, AUTH, API, TENANT_ID))
			.isEqualTo("https://ai.egain.cloud/system/auth/TMPRODB88619984-C/oauth2/token");
	}

	@Test
	void tokenUriWhenClientCredentialsThenUserRealmOnAuthBase() {
		assertThat(EgainClientRegistrations.tokenUri(EgainFlow.CLIENT_CREDENTIALS, AUTH, API, TENANT_ID))
			.isEqualTo("https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token");
	}

	@Test
	void tokenUriWhenAnonymousCustomerThenAnonymousEndpointOnApiBase() {
		assertThat(EgainClientRegistrations.tokenUri(EgainFlow.ANONYMOUS_CUSTOMER, AUTH, API, TENANT_ID))
			.isEqualTo("https://api.ai.egain.cloud/core/authmgr/v3/oauth2/v2.0/anonymous/token"
					+ "?user_type=customer&domain_hint=TMPRODB88619984");
	}

	@ParameterizedTest
	@EnumSource
	void tokenUriWhenBaseUrlsEndInSlashThenSameAsWithout(EgainFlow flow) {
		assertThat(EgainClientRegistrations.tokenUri(flow, AUTH + "/", API + "/", TENANT_ID))
			.isEqualTo(EgainClientRegistrations.tokenUri(flow, AUTH, API, TENANT_ID));
	}

	@Test
	void tokenUriWhenTenantIdHasSurroundingBlanksThenTrimmed() {
		assertThat(EgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, AUTH, API, " " + TENANT_ID + " "))
			.isEqualTo("https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token");
	}

	@Test
	void tokenUriWhenArgumentMissingThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.tokenUri(null, AUTH, API, TENANT_ID))
			.withMessage("flow cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, "", API, TENANT_ID))
			.withMessage("authBaseUrl cannot be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, AUTH, " ", TENANT_ID))
			.withMessage("apiBaseUrl cannot be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, AUTH, API, null))
			.withMessage("tenantId cannot be empty");
	}

	@Test
	void defaultScopePrefixWhenApiBaseUrlThenAuthPath() {
		assertThat(EgainClientRegistrations.defaultScopePrefix(API)).isEqualTo("https://api.ai.egain.cloud/auth/");
	}

	@Test
	void defaultScopePrefixWhenApiBaseUrlEndsInSlashThenAuthPath() {
		assertThat(EgainClientRegistrations.defaultScopePrefix(API + "/"))
			.isEqualTo("https://api.ai.egain.cloud/auth/");
	}

	@Test
	void defaultScopePrefixWhenApiBaseUrlEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainClientRegistrations.defaultScopePrefix(""))
			.withMessage("apiBaseUrl cannot be empty");
	}

	@Test
	void prefixScopesWhenRelativeScopesThenEachPrefixedInOrder() {
		assertThat(EgainClientRegistrations.prefixScopes(List.of("core.aiservices.read", "knowledge.portalmgr.read"),
				"https://api.ai.egain.cloud/auth/"))
			.containsExactly("https://api.ai.egain.cloud/auth/core.aiservices.read",
					"https://api.ai.egain.cloud/auth/knowledge.portalmgr.read");
	}

	@Test
	void prefixScopesWhenScopeAlreadyAbsoluteUrlThenLeftAlone() {
		assertThat(EgainClientRegistrations.prefixScopes(
				List.of("https://api.example.com/auth/core.aiservices.read", "knowledge.portalmgr.read"),
				"https://api.ai.egain.cloud/auth/"))
			.containsExactly("https://api.example.com/auth/core.aiservices.read",
					"https://api.ai.egain.cloud/auth/knowledge.portalmgr.read");
	}

	@Test
	void prefixScopesWhenPrefixWithoutTrailingSlashThenSlashAdded() {
		assertThat(EgainClientRegistrations.prefixScopes(List.of("core.aiservices.read"),
				"https://api.ai.egain.cloud/auth"))
			.containsExactly("https://api.ai.egain.cloud/auth/core.aiservices.read");
	}

	@Test
	void prefixScopesWhenPrefixEndsInColonThenNoSlashAdded() {
		assertThat(EgainClientRegistrations.prefixScopes(List.of("core.aiservices.read"), "urn:egain:"))
			.containsExactly("urn:egain:core.aiservices.read");
	}

	@Test
	void prefixScopesWhenNoScopesThenEmpty() {
		assertThat(EgainClientRegistrations.prefixScopes(List.of(), "https://api.ai.egain.cloud/auth/")).isEmpty();
	}

	@Test
	void prefixScopesWhenArgumentMissingThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.prefixScopes(null, "https://api.ai.egain.cloud/auth/"))
			.withMessage("scopes cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.prefixScopes(List.of("core.aiservices.read"), " "))
			.withMessage("prefix cannot be empty");
	}

	// Argument checks of the three-argument builder and of defaultSubjectKind, which the
	// two-argument builder cannot reach (found by mutation testing: see docs/testing.md).

	@Test
	void withRegistrationIdWhenDefaultSubjectKindAndRegistrationIdEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.withRegistrationId(" ", EgainFlow.ON_BEHALF_OF_USER,
					EgainSubject.Kind.USERNAME))
			.withMessage("registrationId cannot be empty");
	}

	@Test
	void withRegistrationIdWhenDefaultSubjectKindAndFlowNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.withRegistrationId("egain", null, EgainSubject.Kind.USERNAME))
			.withMessage("flow cannot be null");
	}

	@Test
	void withRegistrationIdWhenDefaultSubjectKindDoesNotSuitFlowThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.withRegistrationId("egain", EgainFlow.ON_BEHALF_OF_CUSTOMER,
					EgainSubject.Kind.USERNAME))
			.withMessage("defaultSubjectKind USERNAME does not suit the on-behalf-of-customer flow");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.withRegistrationId("egain", EgainFlow.ON_BEHALF_OF_USER, null))
			.withMessage("defaultSubjectKind null does not suit the on-behalf-of-user flow");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.withRegistrationId("egain", EgainFlow.CLIENT_CREDENTIALS,
					EgainSubject.Kind.EMAIL))
			.withMessage("defaultSubjectKind EMAIL does not suit the client-credentials flow");
	}

	@Test
	void defaultSubjectKindWhenClientRegistrationNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainClientRegistrations.defaultSubjectKind(null))
			.withMessage("clientRegistration cannot be null");
	}

	@Test
	void defaultSubjectKindWhenApplicationLevelFlowThenThrowsIllegalArgumentException() {
		ClientRegistration registration = EgainClientRegistrations
			.withRegistrationId("knowledge-sync", EgainFlow.CLIENT_CREDENTIALS)
			.clientId("client-id")
			.tokenUri("https://ai.egain.cloud/system/auth/TENANT-U/oauth2/token")
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> EgainClientRegistrations.defaultSubjectKind(registration))
			.withMessage("Client 'knowledge-sync' is not an on-behalf-of client");
	}

	@Test
	void withRegistrationIdWhenRegistrationIdEmptyAndFlowNullThenReportsRegistrationId() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainClientRegistrations.withRegistrationId(" ", null, null))
			.withMessage("registrationId cannot be empty");
	}

	@ParameterizedTest
	@EnumSource(names = { "ON_BEHALF_OF_USER", "ON_BEHALF_OF_CUSTOMER" })
	void defaultSubjectKindWhenOnBehalfOfRegistrationRecordsNoKindThenFlowsFirstKind(EgainFlow flow) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("built-elsewhere")
			.authorizationGrantType(flow.getAuthorizationGrantType())
			.clientId("client-id")
			.tokenUri("https://ai.egain.cloud/token")
			.providerConfigurationMetadata(Map.of(EgainFlow.METADATA_KEY, flow.getValue()))
			.build();
		assertThat(EgainClientRegistrations.defaultSubjectKind(registration))
			.isEqualTo(flow.getSubjectKinds().iterator().next());
	}

	@Test
	void defaultSubjectKindAndIsEgainRegistrationWhenPlainRegistrationThenNotEgain() {
		ClientRegistration registration = plainRegistration();
		assertThat(EgainClientRegistrations.isEgainRegistration(registration)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> EgainClientRegistrations.defaultSubjectKind(registration))
			.withMessage("Client 'github' is not an on-behalf-of client");
	}

	private static ClientRegistration plainRegistration() {
		return ClientRegistration.withRegistrationId("github")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientId("client-id")
			.tokenUri("https://github.com/login/oauth/access_token")
			.build();
	}

	@Test
	void withTokenExchangeWhenIdsGivenThenTokenExchangeGrantWithIdentityProvider() {
		ClientRegistration registration = EgainClientRegistrations.withTokenExchange("sso-agent", " okta-sso ")
			.clientId("client-id")
			.clientSecret("client-secret")
			.tokenUri("https://ai.egain.cloud/system/auth/T-U/oauth2/token")
			.build();
		assertThat(EgainFlow.from(registration)).isEqualTo(EgainFlow.TOKEN_EXCHANGE);
		assertThat(registration.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.TOKEN_EXCHANGE);
		assertThat(EgainClientRegistrations.ssoRegistrationId(registration)).isEqualTo("okta-sso");
		assertThat(EgainClientRegistrations.defaultSubjectKind(registration))
			.isEqualTo(EgainSubject.Kind.EXTERNAL_TOKEN);
	}

	@Test
	void withTokenExchangeWhenIdMissingThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainClientRegistrations.withTokenExchange(" ", "okta"))
			.withMessage("registrationId cannot be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> EgainClientRegistrations.withTokenExchange("sso", ""))
			.withMessage("ssoRegistrationId cannot be empty");
	}

	@Test
	void ssoRegistrationIdWhenNoneRecordedThenThrowsIllegalArgumentExceptionNamingTheFix() {
		ClientRegistration registration = EgainClientRegistrations.withRegistrationId("sso", EgainFlow.TOKEN_EXCHANGE)
			.clientId("client-id")
			.clientSecret("client-secret")
			.tokenUri("https://ai.egain.cloud/system/auth/T-U/oauth2/token")
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> EgainClientRegistrations.ssoRegistrationId(registration))
			.withMessage("Client 'sso' names no identity provider for token exchange; build its registration with "
					+ "EgainClientRegistrations.withTokenExchange(name, ssoRegistrationId)");
		assertThatIllegalArgumentException().isThrownBy(() -> EgainClientRegistrations.ssoRegistrationId(null))
			.withMessage("clientRegistration cannot be null");
	}

}
