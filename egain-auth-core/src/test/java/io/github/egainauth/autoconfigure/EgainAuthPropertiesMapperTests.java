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

package io.github.egainauth.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.autoconfigure.InvalidEgainConfigurationException.Problem;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.client.registration.EgainTenantMetadata;
import io.github.egainauth.client.registration.TestEgainTenantMetadata;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link EgainAuthPropertiesMapper}.
 *
 * @author egain-auth authors
 */
class EgainAuthPropertiesMapperTests {

	private static final String DISCOVERED = "https://login.example.com";

	private static final String DOCUMENT_URI = "https://api.ai.egain.cloud/core/authmgr/v3/metadata/tenant/"
			+ TestEgainTenantMetadata.TENANT_ID;

	private final EgainAuthProperties properties = new EgainAuthProperties();

	@Test
	void asClientRegistrationsWhenOnBehalfOfUserThenPasswordGrantAgainstUserRealm() {
		this.properties.setTenantId("TENANT");
		addClient("agent-assist", "on-behalf-of-user", "knowledge.portalmgr.onbehalfof.read");
		ClientRegistration registration = registration("agent-assist");
		assertThat(registration.getRegistrationId()).isEqualTo("agent-assist");
		assertThat(registration.getClientName()).isEqualTo("agent-assist");
		assertThat(registration.getClientId()).isEqualTo("agent-assist-id");
		assertThat(registration.getClientSecret()).isEqualTo(TestEgainProperties.CLIENT_SECRET);
		assertThat(registration.getClientAuthenticationMethod())
			.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		assertThat(registration.getAuthorizationGrantType()).isEqualTo(new AuthorizationGrantType("password"));
		assertThat(EgainFlow.from(registration)).isEqualTo(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(EgainClientRegistrations.defaultSubjectKind(registration)).isEqualTo(EgainSubject.Kind.USERNAME);
		assertThat(registration.getProviderDetails().getTokenUri())
			.isEqualTo("https://ai.egain.cloud/system/auth/TENANT-U/oauth2/token");
		assertThat(registration.getScopes()).containsExactly("knowledge.portalmgr.onbehalfof.read");
	}

	@Test
	void asClientRegistrationsWhenTokenExchangeThenTokenExchangeGrantAgainstUserRealmWithIdentityProvider() {
		this.properties.setTenantId("TENANT");
		addClient("sso-agent", "token-exchange", "knowledge.portalmgr.onbehalfof.read").setRegistrationId(" okta-sso ");
		ClientRegistration registration = registration("sso-agent");
		assertThat(registration.getAuthorizationGrantType())
			.isEqualTo(new AuthorizationGrantType("urn:ietf:params:oauth:grant-type:token-exchange"));
		assertThat(EgainFlow.from(registration)).isEqualTo(EgainFlow.TOKEN_EXCHANGE);
		assertThat(EgainClientRegistrations.defaultSubjectKind(registration))
			.isEqualTo(EgainSubject.Kind.EXTERNAL_TOKEN);
		assertThat(EgainClientRegistrations.ssoRegistrationId(registration)).isEqualTo("okta-sso");
		assertThat(registration.getProviderDetails().getTokenUri())
			.isEqualTo("https://ai.egain.cloud/system/auth/TENANT-U/oauth2/token");
		assertThat(registration.getScopes()).containsExactly("knowledge.portalmgr.onbehalfof.read");
	}

	@Test
	void asClientRegistrationsWhenTokenExchangeWithoutScopesThenNoScopes() {
		this.properties.setTenantId("TENANT");
		EgainAuthProperties.Client client = addClient("sso-agent", "token-exchange", "knowledge.portalmgr.read");
		client.setScopes(List.of());
		client.setRegistrationId("okta-sso");
		assertThat(registration("sso-agent").getScopes()).isNullOrEmpty();
	}

	@Test
	void asClientRegistrationsWhenOnBehalfOfCustomerThenPasswordGrantAgainstCustomerRealm() {
		this.properties.setTenantId("TENANT");
		addClient("portal", "on-behalf-of-customer", "knowledge.portalmgr.onbehalfof.customer.read");
		ClientRegistration registration = registration("portal");
		assertThat(registration.getAuthorizationGrantType()).isEqualTo(EgainFlow.PASSWORD);
		assertThat(EgainFlow.from(registration)).isEqualTo(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(EgainClientRegistrations.defaultSubjectKind(registration)).isEqualTo(EgainSubject.Kind.EMAIL);
		assertThat(registration.getProviderDetails().getTokenUri())
			.isEqualTo("https://ai.egain.cloud/system/auth/TENANT-C/oauth2/token");
		assertThat(registration.getScopes()).containsExactly("knowledge.portalmgr.onbehalfof.customer.read");
	}

	@Test
	void asClientRegistrationsWhenClientCredentialsThenClientCredentialsGrantAgainstUserRealm() {
		this.properties.setTenantId("TENANT");
		addClient("reporting", "client-credentials", "knowledge.portalmgr.manage");
		ClientRegistration registration = registration("reporting");
		assertThat(registration.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
		assertThat(EgainFlow.from(registration)).isEqualTo(EgainFlow.CLIENT_CREDENTIALS);
		assertThat(registration.getProviderDetails().getTokenUri())
			.isEqualTo("https://ai.egain.cloud/system/auth/TENANT-U/oauth2/token");
		assertThat(registration.getScopes()).containsExactly("knowledge.portalmgr.manage");
	}

	@Test
	void asClientRegistrationsWhenAnonymousCustomerThenAnonymousEndpointAndPrefixedScopes() {
		this.properties.setTenantId("TENANT");
		addClient("chat", "anonymous-customer", "core.aiservices.read knowledge.portalmgr.read");
		ClientRegistration registration = registration("chat");
		assertThat(registration.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
		assertThat(EgainFlow.from(registration)).isEqualTo(EgainFlow.ANONYMOUS_CUSTOMER);
		assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(
				"https://api.ai.egain.cloud/core/authmgr/v3/oauth2/v2.0/anonymous/token?user_type=customer&domain_hint=TENANT");
		assertThat(registration.getScopes()).containsExactly("https://api.ai.egain.cloud/auth/core.aiservices.read",
				"https://api.ai.egain.cloud/auth/knowledge.portalmgr.read");
	}

	@Test
	void asClientRegistrationsWhenFlowInOtherCaseThenRecognized() {
		this.properties.setTenantId("TENANT");
		addClient("reporting", " Client-Credentials ", "knowledge.portalmgr.manage");
		assertThat(EgainFlow.from(registration("reporting"))).isEqualTo(EgainFlow.CLIENT_CREDENTIALS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "user-id", "userid", "user_id", "USER-ID", " user-id " })
	void asClientRegistrationsWhenUserIdentifierIsUserIdThenDefaultSubjectKindUserId(String userIdentifier) {
		this.properties.setTenantId("TENANT");
		addClient("agent-assist", "on-behalf-of-user", "knowledge.portalmgr.onbehalfof.read")
			.setUserIdentifier(bound(userIdentifier, EgainAuthProperties.UserIdentifier.class));
		assertThat(EgainClientRegistrations.defaultSubjectKind(registration("agent-assist")))
			.isEqualTo(EgainSubject.Kind.USER_ID);
	}

	@Test
	void asClientRegistrationsWhenDefaultLocaleTurkishThenUpperCaseValuesStillRecognized() {
		// In Turkish, "I".toLowerCase() is a dotless "ı": "USER-ID" would become
		// "user-ıd".
		Locale defaultLocale = Locale.getDefault();
		Locale.setDefault(Locale.forLanguageTag("tr-TR"));
		try {
			this.properties.setTenantId("TENANT");
			this.properties.setAuthBaseUrl("HTTPS://ai.egain.cloud");
			addClient("agent-assist", "ON-BEHALF-OF-USER", "knowledge.portalmgr.onbehalfof.read")
				.setUserIdentifier(bound("USER-ID", EgainAuthProperties.UserIdentifier.class));
			ClientRegistration registration = registration("agent-assist");
			assertThat(EgainClientRegistrations.defaultSubjectKind(registration)).isEqualTo(EgainSubject.Kind.USER_ID);
			assertThat(EgainFlow.from(registration)).isEqualTo(EgainFlow.ON_BEHALF_OF_USER);
		}
		finally {
			Locale.setDefault(defaultLocale);
		}
	}

	@Test
	void asClientRegistrationsWhenUserIdentifierIsUsernameThenDefaultSubjectKindUsername() {
		this.properties.setTenantId("TENANT");
		addClient("agent-assist", "on-behalf-of-user", "knowledge.portalmgr.onbehalfof.read")
			.setUserIdentifier(bound("Username", EgainAuthProperties.UserIdentifier.class));
		assertThat(EgainClientRegistrations.defaultSubjectKind(registration("agent-assist")))
			.isEqualTo(EgainSubject.Kind.USERNAME);
	}

	@Test
	void asClientRegistrationsWhenTokenUriSetThenUsedAsGivenAndTenantNotNeeded() {
		addClient("agent-assist", "on-behalf-of-user", "knowledge.portalmgr.onbehalfof.read")
			.setTokenUri(" https://ai.egain.cloud/system/auth/OTHER-U/oauth2/token ");
		addClient("chat", "anonymous-customer", "core.aiservices.read").setTokenUri(
				"https://api.ai.egain.cloud/core/authmgr/v3/oauth2/v2.0/anonymous/token?user_type=customer&domain_hint=OTHER");
		assertThat(registration("agent-assist").getProviderDetails().getTokenUri())
			.isEqualTo("https://ai.egain.cloud/system/auth/OTHER-U/oauth2/token");
		assertThat(registration("chat").getProviderDetails().getTokenUri()).isEqualTo(
				"https://api.ai.egain.cloud/core/authmgr/v3/oauth2/v2.0/anonymous/token?user_type=customer&domain_hint=OTHER");
	}

	@Test
	void asClientRegistrationsWhenScopePrefixSetOnAnonymousClientThenReplacesDefault() {
		this.properties.setTenantId("TENANT");
		addClient("chat", "anonymous-customer", "core.aiservices.read").setScopePrefix("https://api.example.com/auth/");
		assertThat(registration("chat").getScopes())
			.containsExactly("https://api.example.com/auth/core.aiservices.read");
	}

	@Test
	void asClientRegistrationsWhenScopePrefixHasNoTrailingSlashThenOneIsAdded() {
		this.properties.setTenantId("TENANT");
		addClient("chat", "anonymous-customer", "core.aiservices.read").setScopePrefix("https://api.example.com/auth");
		assertThat(registration("chat").getScopes())
			.containsExactly("https://api.example.com/auth/core.aiservices.read");
	}

	@Test
	void asClientRegistrationsWhenScopeAlreadyAbsoluteThenNotPrefixed() {
		this.properties.setTenantId("TENANT");
		addClient("chat", "anonymous-customer",
				"https://api.ai.egain.cloud/auth/core.aiservices.read knowledge.portalmgr.read");
		assertThat(registration("chat").getScopes()).containsExactly(
				"https://api.ai.egain.cloud/auth/core.aiservices.read",
				"https://api.ai.egain.cloud/auth/knowledge.portalmgr.read");
	}

	@Test
	void asClientRegistrationsWhenScopePrefixSetOnOtherFlowThenApplied() {
		this.properties.setTenantId("TENANT");
		addClient("agent-assist", "on-behalf-of-user", "knowledge.portalmgr.onbehalfof.read")
			.setScopePrefix("https://api.ai.egain.cloud/auth/");
		addClient("reporting", "client-credentials", "knowledge.portalmgr.manage")
			.setScopePrefix("https://api.ai.egain.cloud/auth/");
		assertThat(registration("agent-assist").getScopes())
			.containsExactly("https://api.ai.egain.cloud/auth/knowledge.portalmgr.onbehalfof.read");
		assertThat(registration("reporting").getScopes())
			.containsExactly("https://api.ai.egain.cloud/auth/knowledge.portalmgr.manage");
	}

	@Test
	void asClientRegistrationsWhenNoScopePrefixOnOtherFlowsThenScopesUnprefixed() {
		this.properties.setTenantId("TENANT");
		addClient("agent-assist", "on-behalf-of-user", "knowledge.portalmgr.onbehalfof.read");
		addClient("portal", "on-behalf-of-customer", "knowledge.portalmgr.onbehalfof.customer.read");
		addClient("reporting", "client-credentials", "knowledge.portalmgr.manage");
		assertThat(registration("agent-assist").getScopes()).containsExactly("knowledge.portalmgr.onbehalfof.read");
		assertThat(registration("portal").getScopes()).containsExactly("knowledge.portalmgr.onbehalfof.customer.read");
		assertThat(registration("reporting").getScopes()).containsExactly("knowledge.portalmgr.manage");
	}

	@Test
	void asClientRegistrationsWhenScopesSeparatedBySpacesTabsNewLinesAndCommasThenSplit() {
		this.properties.setTenantId("TENANT");
		addClient("reporting", "client-credentials", " a.read  b.read\tc.read\nd.read,e.read ");
		assertThat(registration("reporting").getScopes()).containsExactly("a.read", "b.read", "c.read", "d.read",
				"e.read");
	}

	@Test
	void asClientRegistrationsWhenScopesListedAndRepeatedThenDeduplicatedInOrder() {
		this.properties.setTenantId("TENANT");
		addClient("reporting", "client-credentials", "b.read").setScopes(List.of("b.read a.read", "a.read", "c.read"));
		assertThat(registration("reporting").getScopes()).containsExactly("b.read", "a.read", "c.read");
	}

	@Test
	void asClientRegistrationsWhenPrefixedScopesRepeatThenDeduplicated() {
		this.properties.setTenantId("TENANT");
		addClient("chat", "anonymous-customer",
				"core.aiservices.read https://api.ai.egain.cloud/auth/core.aiservices.read");
		assertThat(registration("chat").getScopes())
			.containsExactly("https://api.ai.egain.cloud/auth/core.aiservices.read");
	}

	@Test
	void asClientRegistrationsWhenBaseUrlsHaveTrailingSlashesThenNoDoubleSlashes() {
		this.properties.setTenantId("TENANT");
		this.properties.setAuthBaseUrl("https://auth.example.com/");
		this.properties.setApiBaseUrl("https://api.example.com/");
		addClient("agent-assist", "on-behalf-of-user", "knowledge.portalmgr.onbehalfof.read");
		addClient("portal", "on-behalf-of-customer", "knowledge.portalmgr.onbehalfof.customer.read");
		addClient("chat", "anonymous-customer", "core.aiservices.read");
		assertThat(registration("agent-assist").getProviderDetails().getTokenUri())
			.isEqualTo("https://auth.example.com/system/auth/TENANT-U/oauth2/token");
		assertThat(registration("portal").getProviderDetails().getTokenUri())
			.isEqualTo("https://auth.example.com/system/auth/TENANT-C/oauth2/token");
		ClientRegistration chat = registration("chat");
		assertThat(chat.getProviderDetails().getTokenUri()).isEqualTo(
				"https://api.example.com/core/authmgr/v3/oauth2/v2.0/anonymous/token?user_type=customer&domain_hint=TENANT");
		assertThat(chat.getScopes()).containsExactly("https://api.example.com/auth/core.aiservices.read");
	}

	@Test
	void asClientRegistrationsWhenBaseUrlsHavePathsThenKept() {
		this.properties.setTenantId("TENANT");
		this.properties.setAuthBaseUrl("http://localhost:8089/egain");
		this.properties.setApiBaseUrl("http://127.0.0.1:8089/egain-api/");
		addClient("agent-assist", "on-behalf-of-user", "knowledge.portalmgr.onbehalfof.read");
		addClient("chat", "anonymous-customer", "core.aiservices.read");
		assertThat(registration("agent-assist").getProviderDetails().getTokenUri())
			.isEqualTo("http://localhost:8089/egain/system/auth/TENANT-U/oauth2/token");
		ClientRegistration chat = registration("chat");
		assertThat(chat.getProviderDetails().getTokenUri()).isEqualTo("http://127.0.0.1:8089/egain-api"
				+ "/core/authmgr/v3/oauth2/v2.0/anonymous/token?user_type=customer&domain_hint=TENANT");
		assertThat(chat.getScopes()).containsExactly("http://127.0.0.1:8089/egain-api/auth/core.aiservices.read");
	}

	@Test
	void asClientRegistrationsWhenClientsInOrderThenRegistrationsInSameOrder() {
		this.properties.setTenantId("TENANT");
		addClient("zeta", "client-credentials", "a.read");
		addClient("alpha", "client-credentials", "a.read");
		addClient("mid", "client-credentials", "a.read");
		assertThat(new EgainAuthPropertiesMapper(this.properties).asClientRegistrations().keySet())
			.containsExactly("zeta", "alpha", "mid");
	}

	@Test
	void asClientRegistrationsWhenNoClientsThenEmpty() {
		assertThat(new EgainAuthPropertiesMapper(this.properties).asClientRegistrations()).isEmpty();
	}

	@Test
	void asClientRegistrationsWhenSeveralProblemsThenAllReportedWithPropertyPaths() {
		addClient("agent-assist", "on-behalf-of-user", "").setClientSecret(" ");
		addClient("reporting", "client-credentials", "a.read")
			.setUserIdentifier(EgainAuthProperties.UserIdentifier.USERNAME);
		this.properties.setApiBaseUrl("http://api.example.com");
		assertThatExceptionOfType(InvalidEgainConfigurationException.class).isThrownBy(this.properties::validate)
			.satisfies((ex) -> assertThat(ex.getProblems()).extracting(Problem::property)
				.containsExactly("egain.auth.tenant-id", "egain.auth.api-base-url",
						"egain.auth.clients.agent-assist.client-secret", "egain.auth.clients.agent-assist.scopes",
						"egain.auth.clients.reporting.user-identifier"))
			.withMessageStartingWith("Invalid eGain configuration: egain.auth.tenant-id: is missing")
			.withMessageNotContaining(TestEgainProperties.CLIENT_SECRET);
	}

	@Test
	void asClientRegistrationsWhenScopePrefixBlankThenProblem() {
		this.properties.setTenantId("TENANT");
		addClient("chat", "anonymous-customer", "core.aiservices.read").setScopePrefix(" ");
		assertThat(problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.property()).isEqualTo("egain.auth.clients.chat.scope-prefix");
			assertThat(problem.reason()).isEqualTo("is blank");
		});
	}

	@Test
	void asClientRegistrationsWhenTokenUriEmptyThenProblem() {
		this.properties.setTenantId("TENANT");
		addClient("reporting", "client-credentials", "a.read").setTokenUri("");
		assertThat(problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.property()).isEqualTo("egain.auth.clients.reporting.token-uri");
			assertThat(problem.reason()).isEqualTo("is missing");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8089", "http://127.0.0.1:8089", "http://127.0.0.2:8089",
			"http://[::1]:8089", "http://[0:0:0:0:0:0:0:1]:8089", "https://ai.egain.cloud", "HTTPS://AI.EGAIN.CLOUD" })
	void asClientRegistrationsWhenBaseUrlHttpsOrLoopbackThenAccepted(String url) {
		this.properties.setTenantId("TENANT");
		this.properties.setAuthBaseUrl(url);
		addClient("reporting", "client-credentials", "a.read");
		assertThat(registration("reporting").getProviderDetails().getTokenUri())
			.isEqualTo(url + "/system/auth/TENANT-U/oauth2/token");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://ai.egain.cloud", "http://cafe:8089", "http://deadbeef", "http://1.2.3.4",
			"http://127.0.0.1.example.com", "http://10.0.0.1", "http://[::2]:8089", "http://localhost.example.com" })
	void asClientRegistrationsWhenBaseUrlPlainHttpToOtherHostThenProblem(String url) {
		this.properties.setTenantId("TENANT");
		this.properties.setAuthBaseUrl(url);
		addClient("reporting", "client-credentials", "a.read");
		assertThat(problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.property()).isEqualTo("egain.auth.auth-base-url");
			assertThat(problem.reason()).isEqualTo("'" + url + "' uses plain http:// to a host that is not loopback, "
					+ "which would send client secrets and tokens unencrypted");
		});
	}

	@Test
	void asClientRegistrationsWhenProblemsThenSecretNotInProblems() {
		addClient("agent-assist", null, "").setTokenUri("http://egain.example.com/token");
		assertThat(problems()).isNotEmpty()
			.allSatisfy((problem) -> assertThat(problem.toString()).doesNotContain(TestEgainProperties.CLIENT_SECRET));
	}

	@Test
	void asClientRegistrationsWhenDiscoveryDisabledThenTokenUrlsAndPrefixesConfiguredOrDerived() {
		this.properties.setTenantId("TENANT");
		addClient("agent-assist", "on-behalf-of-user", "a.read");
		addClient("chat", "anonymous-customer", "a.read");
		addClient("reporting", "client-credentials", "a.read").setTokenUri("https://login.example.com/token");
		addClient("portal", "on-behalf-of-customer", "a.read").setScopePrefix("https://api.example.com/scopes/");
		assertSources(registration("agent-assist"), "derived", "derived", null);
		assertSources(registration("chat"), "derived", "derived", "https://api.ai.egain.cloud/auth/");
		assertSources(registration("reporting"), "configured", "derived", null);
		assertSources(registration("portal"), "derived", "configured", "https://api.example.com/scopes/");
		assertThat(registration("portal").getScopes()).containsExactly("https://api.example.com/scopes/a.read");
		assertThat(new EgainAuthPropertiesMapper(this.properties).asDiscoveredClientRegistrations()).isEmpty();
		assertThat(new EgainAuthPropertiesMapper(this.properties).asClientRegistrations().values())
			.noneMatch(EgainAuthPropertiesMapper::isAwaitingDiscovery);
	}

	@Test
	void asClientRegistrationsWhenDiscoveryEnabledThenAwaitingDiscoveryWithScopesAsConfigured() {
		this.properties.setTenantId("TENANT");
		this.properties.getDiscovery().setEnabled(true);
		addClient("chat", "anonymous-customer", "core.aiservices.read");
		ClientRegistration registration = registration("chat");
		assertThat(EgainAuthPropertiesMapper.isAwaitingDiscovery(registration)).isTrue();
		assertSources(registration, "discovered", "discovered", null);
		assertThat(registration.getScopes()).containsExactly("core.aiservices.read");
		assertThat(new EgainAuthPropertiesMapper(this.properties).asDiscoveredClientRegistrations())
			.containsOnlyKeys("chat");
	}

	@Test
	void asDiscoveredClientRegistrationsWhenDocumentReadThenTokenUrlAndPrefixOfEachFlow() {
		this.properties.setTenantId(TestEgainTenantMetadata.TENANT_ID);
		this.properties.getDiscovery().setEnabled(true);
		addClient("agent-assist", "on-behalf-of-user", "a.read https://other.example.com/b.read");
		addClient("portal", "on-behalf-of-customer", "a.read");
		addClient("reporting", "client-credentials", "a.read");
		addClient("chat", "anonymous-customer", "a.read");
		Map<String, ClientRegistration> discovered = discover(TestEgainTenantMetadata.document(DISCOVERED));
		assertThat(discovered).containsOnlyKeys("agent-assist", "portal", "reporting", "chat");
		assertThat(discovered.values()).noneMatch(EgainAuthPropertiesMapper::isAwaitingDiscovery);
		String userPrefix = DISCOVERED + TestEgainTenantMetadata.USER_PREFIX_PATH;
		String customerPrefix = DISCOVERED + TestEgainTenantMetadata.CUSTOMER_PREFIX_PATH;
		ClientRegistration user = discovered.get("agent-assist");
		assertThat(user.getProviderDetails().getTokenUri())
			.isEqualTo(DISCOVERED + TestEgainTenantMetadata.USER_TOKEN_PATH);
		assertThat(user.getScopes()).containsExactly(userPrefix + "a.read", "https://other.example.com/b.read");
		assertSources(user, "discovered", "discovered", userPrefix);
		ClientRegistration customer = discovered.get("portal");
		assertThat(customer.getProviderDetails().getTokenUri())
			.isEqualTo(DISCOVERED + TestEgainTenantMetadata.CUSTOMER_TOKEN_PATH);
		assertThat(customer.getScopes()).containsExactly(customerPrefix + "a.read");
		assertSources(customer, "discovered", "discovered", customerPrefix);
		ClientRegistration application = discovered.get("reporting");
		assertThat(application.getProviderDetails().getTokenUri())
			.isEqualTo(DISCOVERED + TestEgainTenantMetadata.USER_TOKEN_PATH);
		assertThat(application.getScopes()).containsExactly(userPrefix + "a.read");
		ClientRegistration anonymous = discovered.get("chat");
		assertThat(anonymous.getProviderDetails().getTokenUri())
			.isEqualTo(DISCOVERED + TestEgainTenantMetadata.ANONYMOUS_TOKEN_PATH
					+ TestEgainTenantMetadata.ANONYMOUS_TOKEN_QUERY + TestEgainTenantMetadata.TENANT_ID);
		assertThat(anonymous.getScopes()).containsExactly(customerPrefix + "a.read");
		assertThat(EgainFlow.from(anonymous)).isEqualTo(EgainFlow.ANONYMOUS_CUSTOMER);
		assertThat(anonymous.getClientSecret()).isEqualTo(TestEgainProperties.CLIENT_SECRET);
	}

	@Test
	void asDiscoveredClientRegistrationsWhenValuesConfiguredThenConfiguredWin() {
		this.properties.setTenantId(TestEgainTenantMetadata.TENANT_ID);
		this.properties.getDiscovery().setEnabled(true);
		EgainAuthProperties.Client both = addClient("both", "on-behalf-of-user", "a.read");
		both.setTokenUri("https://configured.example.com/token");
		both.setScopePrefix("https://configured.example.com/scopes/");
		addClient("url", "on-behalf-of-user", "a.read").setTokenUri("https://configured.example.com/token");
		addClient("prefix", "on-behalf-of-user", "a.read").setScopePrefix("https://configured.example.com/scopes/");
		Map<String, ClientRegistration> discovered = discover(TestEgainTenantMetadata.document(DISCOVERED));
		assertThat(discovered).containsOnlyKeys("url", "prefix");
		ClientRegistration configured = registration("both");
		assertThat(EgainAuthPropertiesMapper.isAwaitingDiscovery(configured)).isFalse();
		assertThat(configured.getProviderDetails().getTokenUri()).isEqualTo("https://configured.example.com/token");
		assertThat(configured.getScopes()).containsExactly("https://configured.example.com/scopes/a.read");
		assertSources(configured, "configured", "configured", "https://configured.example.com/scopes/");
		ClientRegistration url = discovered.get("url");
		assertThat(url.getProviderDetails().getTokenUri()).isEqualTo("https://configured.example.com/token");
		assertThat(url.getScopes()).containsExactly(DISCOVERED + TestEgainTenantMetadata.USER_PREFIX_PATH + "a.read");
		assertSources(url, "configured", "discovered", DISCOVERED + TestEgainTenantMetadata.USER_PREFIX_PATH);
		ClientRegistration prefix = discovered.get("prefix");
		assertThat(prefix.getProviderDetails().getTokenUri())
			.isEqualTo(DISCOVERED + TestEgainTenantMetadata.USER_TOKEN_PATH);
		assertThat(prefix.getScopes()).containsExactly("https://configured.example.com/scopes/a.read");
		assertSources(prefix, "discovered", "configured", "https://configured.example.com/scopes/");
	}

	@Test
	void asDiscoveredClientRegistrationsWhenDocumentHasNoPrefixThenDerived() {
		this.properties.setTenantId(TestEgainTenantMetadata.TENANT_ID);
		this.properties.getDiscovery().setEnabled(true);
		addClient("agent-assist", "on-behalf-of-user", "a.read");
		addClient("chat", "anonymous-customer", "a.read");
		Map<String, Object> document = TestEgainTenantMetadata.with(TestEgainTenantMetadata
			.with(TestEgainTenantMetadata.document(DISCOVERED), "authenticationDetails.apiPermissionPrefix", null),
				"apiMetadata", null);
		Map<String, ClientRegistration> discovered = discover(document);
		assertThat(discovered.get("agent-assist").getScopes()).containsExactly("a.read");
		assertSources(discovered.get("agent-assist"), "discovered", "derived", null);
		assertThat(discovered.get("chat").getScopes()).containsExactly("https://api.ai.egain.cloud/auth/a.read");
		assertSources(discovered.get("chat"), "discovered", "derived", "https://api.ai.egain.cloud/auth/");
	}

	@Test
	void asDiscoveredClientRegistrationsWhenDocumentLacksTokenUrlThenNamesPathAndProperty() {
		this.properties.setTenantId(TestEgainTenantMetadata.TENANT_ID);
		this.properties.getDiscovery().setEnabled(true);
		addClient("portal", "on-behalf-of-customer", "a.read");
		EgainTenantMetadata metadata = TestEgainTenantMetadata.metadata(DOCUMENT_URI, TestEgainTenantMetadata
			.with(TestEgainTenantMetadata.document(DISCOVERED), "authenticationDetails.oAuthCustomer", null));
		assertThatIllegalStateException()
			.isThrownBy(() -> new EgainAuthPropertiesMapper(this.properties).asDiscoveredClientRegistrations()
				.get("portal")
				.apply(metadata))
			.withMessage("eGain's tenant metadata document at " + DOCUMENT_URI
					+ " has no authenticationDetails.oAuthCustomer[0].accessTokenURL, where the token URL of "
					+ "on-behalf-of-customer clients is read from; set egain.auth.clients.portal.token-uri to the "
					+ "Access Token URL from eGain's console, or have the document fixed");
	}

	@Test
	void asDiscoveredClientRegistrationsWhenPrefixMalformedThenNamesPathAndProperty() {
		this.properties.setTenantId(TestEgainTenantMetadata.TENANT_ID);
		this.properties.getDiscovery().setEnabled(true);
		addClient("agent-assist", "on-behalf-of-user", "a.read");
		EgainTenantMetadata metadata = TestEgainTenantMetadata.metadata(DOCUMENT_URI, TestEgainTenantMetadata
			.with(TestEgainTenantMetadata.document(DISCOVERED), "apiMetadata.CORE.iApiPermissionPrefix", 7));
		assertThatIllegalStateException()
			.isThrownBy(() -> new EgainAuthPropertiesMapper(this.properties).asDiscoveredClientRegistrations()
				.get("agent-assist")
				.apply(metadata))
			.withMessage("eGain's tenant metadata document at " + DOCUMENT_URI
					+ " is malformed: apiMetadata.CORE.iApiPermissionPrefix is a number, not a string; set "
					+ "egain.auth.clients.agent-assist.scope-prefix to the Scope Prefix from eGain's console, or have "
					+ "the document fixed");
	}

	@Test
	void validateWhenDiscoveryWithoutTenantIdThenOneProblemNamingTenantId() {
		this.properties.getDiscovery().setEnabled(true);
		addClient("agent-assist", "on-behalf-of-user", "a.read");
		addClient("reporting", "client-credentials", "a.read").setTokenUri("https://login.example.com/token");
		assertThat(problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.property()).isEqualTo("egain.auth.tenant-id");
			assertThat(problem.reason()).isEqualTo("is missing, but egain.auth.discovery.enabled is true and eGain's "
					+ "tenant metadata document is read by tenant id");
			assertThat(problem.action()).isEqualTo("Set egain.auth.tenant-id to your eGain tenant id (e.g. "
					+ "TMPRODB88619984), or set egain.auth.discovery.enabled to false");
		});
	}

	private static void assertSources(ClientRegistration registration, String tokenUriSource, String scopePrefixSource,
			@Nullable String scopePrefix) {
		assertThat(EgainAuthPropertiesMapper.tokenUriSource(registration).getValue()).isEqualTo(tokenUriSource);
		assertThat(EgainAuthPropertiesMapper.scopePrefixSource(registration).getValue()).isEqualTo(scopePrefixSource);
		assertThat(EgainAuthPropertiesMapper.scopePrefix(registration)).isEqualTo(scopePrefix);
	}

	private Map<String, ClientRegistration> discover(Map<String, Object> document) {
		this.properties.validate();
		EgainTenantMetadata metadata = TestEgainTenantMetadata.metadata(DOCUMENT_URI, document);
		Map<String, ClientRegistration> discovered = new LinkedHashMap<>();
		new EgainAuthPropertiesMapper(this.properties).asDiscoveredClientRegistrations()
			.forEach((name, builder) -> discovered.put(name, builder.apply(metadata)));
		return discovered;
	}

	/**
	 * Converts a value as Spring Boot binds it: enum values in any case, with dashes or
	 * underscores.
	 */
	private static <T> @Nullable T bound(@Nullable String value, Class<T> type) {
		return (value != null) ? ApplicationConversionService.getSharedInstance().convert(value.trim(), type) : null;
	}

	private EgainAuthProperties.Client addClient(String name, @Nullable String flow, String scopes) {
		EgainAuthProperties.Client client = new EgainAuthProperties.Client();
		client.setFlow(bound(flow, EgainFlow.class));
		client.setClientId(name + "-id");
		client.setClientSecret(TestEgainProperties.CLIENT_SECRET);
		client.setScopes(List.of(scopes));
		this.properties.getClients().put(name, client);
		return client;
	}

	private ClientRegistration registration(String name) {
		this.properties.validate();
		Map<String, ClientRegistration> registrations = new EgainAuthPropertiesMapper(this.properties)
			.asClientRegistrations();
		assertThat(registrations).containsKey(name);
		return registrations.get(name);
	}

	private List<Problem> problems() {
		return assertThatExceptionOfType(InvalidEgainConfigurationException.class).isThrownBy(this.properties::validate)
			.actual()
			.getProblems();
	}

}
