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

import java.io.IOException;
import java.util.List;

import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.web.client.EgainClientHttpRequestInterceptor;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

/**
 * Tests for {@link EgainConfigurationFailureAnalyzer}, fed by real startup failures of
 * {@link EgainAuthAutoConfiguration}.
 *
 * @author egain-auth authors
 */
@ExtendWith(OutputCaptureExtension.class)
class EgainConfigurationFailureAnalyzerTests {

	private static final String NL = System.lineSeparator();

	private static final String CLIENT = "egain.auth.clients.agent-assist.";

	private static final String TOKEN_ENDPOINT = "egain.auth.token-endpoint.";

	/**
	 * An environment variable and property that no test sets.
	 */
	private static final String UNSET = "EGAIN_TEST_UNSET_7F3A";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
					EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
					EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
					EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class));

	@Test
	void analyzeWhenClientIdMissingThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "client-id=")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: egain.auth.clients.agent-assist.client-id" + NL + "    Reason: is missing");
				assertThat(analysis.getAction()).contains(
						"Set egain.auth.clients.agent-assist.client-id to the client id of the eGain client application");
			});
	}

	@Test
	void analyzeWhenClientSecretMissingThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.tenant())
			.withPropertyValues(CLIENT + "flow=on-behalf-of-user", CLIENT + "client-id=agent-assist-id",
					CLIENT + "scopes=knowledge.portalmgr.onbehalfof.read")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains(
						"Property: egain.auth.clients.agent-assist.client-secret" + NL + "    Reason: is missing");
				assertThat(analysis.getAction()).contains(
						"Set egain.auth.clients.agent-assist.client-secret to the client secret of the eGain client application");
			});
	}

	@Test
	void analyzeWhenFlowUnknownThenNamesPropertyValueAndFlows() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "flow=on-behalf-of-robot")
			.run((context) -> {
				FailureAnalysis analysis = analyzeBindFailure(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth.clients.agent-assist.flow" + NL
						+ "    Reason: 'on-behalf-of-robot' is not an eGain flow");
				assertThat(analysis.getAction()).contains("Set egain.auth.clients.agent-assist.flow to one of "
						+ "on-behalf-of-user, on-behalf-of-customer, client-credentials, anonymous-customer");
			});
	}

	@Test
	void analyzeWhenApplicationBringsItsOwnRegistrationsThenPropertiesStillChecked() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "client-secret=", "egain.auth.token-endpoint.max-attempts=0")
			.withBean(EgainClientRegistrationRepository.class, () -> new EgainClientRegistrationRepository(List.of()))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains(
						"Property: egain.auth.clients.agent-assist.client-secret" + NL + "    Reason: is missing",
						"Property: egain.auth.token-endpoint.max-attempts" + NL + "    Reason: is 0");
			});
	}

	@Test
	void analyzeWhenFlowMissingThenNamesPropertyAndFlows() {
		this.contextRunner.withPropertyValues(TestEgainProperties.tenant())
			.withPropertyValues(CLIENT + "client-id=agent-assist-id",
					CLIENT + "client-secret=" + TestEgainProperties.CLIENT_SECRET,
					CLIENT + "scopes=knowledge.portalmgr.onbehalfof.read")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: egain.auth.clients.agent-assist.flow" + NL + "    Reason: is missing");
				assertThat(analysis.getAction()).contains("Set egain.auth.clients.agent-assist.flow to one of "
						+ "on-behalf-of-user, on-behalf-of-customer, client-credentials, anonymous-customer");
			});
	}

	@Test
	void analyzeWhenTenantIdMissingAndTokenUrlDerivedThenNamesTenantIdAndClients() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withPropertyValues("egain.auth.tenant-id=",
					"egain.auth.clients.reporting.token-uri=https://ai.egain.cloud/system/auth/OTHER-U/oauth2/token")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth.tenant-id" + NL
						+ "    Reason: is missing, but the token URL of 'agent-assist', 'portal', 'chat' is derived from it");
				assertThat(analysis.getDescription()).doesNotContain("'reporting'");
				assertThat(analysis.getAction()).contains("Set egain.auth.tenant-id to your eGain tenant id")
					.contains("or set token-uri on each of those clients");
			});
	}

	@Test
	void analyzeWhenTenantIdMissingButEveryClientSetsTokenUriThenNoFailure() {
		String tokenUri = "https://ai.egain.cloud/system/auth/TENANT-U/oauth2/token";
		this.contextRunner
			.withPropertyValues(TestEgainProperties.client("agent-assist", "on-behalf-of-user",
					"knowledge.portalmgr.onbehalfof.read"))
			.withPropertyValues(
					TestEgainProperties.client("reporting", "client-credentials", "knowledge.portalmgr.manage"))
			.withPropertyValues(CLIENT + "token-uri=" + tokenUri, "egain.auth.clients.reporting.token-uri=" + tokenUri)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(EgainClientRegistrationRepository.class);
				assertThat(context.getBean(EgainClientRegistrationRepository.class))
					.extracting((registration) -> registration.getProviderDetails().getTokenUri())
					.containsExactly(tokenUri, tokenUri);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "client-credentials", "anonymous-customer" })
	void analyzeWhenUserIdentifierOnApplicationFlowThenNamesPropertyAndFix(String flow) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "flow=" + flow, CLIENT + "user-identifier=username")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: egain.auth.clients.agent-assist.user-identifier" + NL
							+ "    Reason: is set, but only on-behalf-of-user clients identify users");
				assertThat(analysis.getAction()).contains("Remove egain.auth.clients.agent-assist.user-identifier");
			});
	}

	@Test
	void analyzeWhenUserIdentifierOnCustomerFlowThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "flow=on-behalf-of-customer", CLIENT + "user-identifier=user-id")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: egain.auth.clients.agent-assist.user-identifier" + NL
							+ "    Reason: is set, but on-behalf-of-customer clients identify customers by email");
				assertThat(analysis.getAction()).contains("Remove egain.auth.clients.agent-assist.user-identifier");
			});
	}

	@Test
	void analyzeWhenUserIdentifierUnknownThenNamesPropertyValueAndChoices() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "user-identifier=email")
			.run((context) -> {
				FailureAnalysis analysis = analyzeBindFailure(context);
				assertThat(analysis.getDescription())
					.contains("Property: egain.auth.clients.agent-assist.user-identifier" + NL
							+ "    Reason: 'email' is not a user identifier");
				assertThat(analysis.getAction()).contains(
						"Set egain.auth.clients.agent-assist.user-identifier to username (recommended by eGain) or user-id");
			});
	}

	@Test
	void analyzeWhenTokenExchangeWithoutRegistrationIdThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "flow=token-exchange")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: egain.auth.clients.agent-assist.registration-id" + NL
							+ "    Reason: is missing, but token-exchange clients need it");
				assertThat(analysis.getAction()).contains("Set egain.auth.clients.agent-assist.registration-id to the "
						+ "id eGain's console shows for your identity (SSO) provider");
			});
	}

	@Test
	void analyzeWhenRegistrationIdOnOtherFlowThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "registration-id=okta-sso")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: egain.auth.clients.agent-assist.registration-id" + NL
							+ "    Reason: is set, but only token-exchange clients name an identity provider");
				assertThat(analysis.getAction()).contains("Remove egain.auth.clients.agent-assist.registration-id, "
						+ "or set egain.auth.clients.agent-assist.flow to token-exchange");
			});
	}

	@Test
	void analyzeWhenTokenExchangeWithoutScopesThenStarts() {
		this.contextRunner.withPropertyValues(TestEgainProperties.tenant())
			.withPropertyValues(CLIENT + "flow=token-exchange", CLIENT + "client-id=agent-assist-id",
					CLIENT + "client-secret=" + TestEgainProperties.CLIENT_SECRET, CLIENT + "registration-id=okta-sso")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void analyzeWhenScopesMissingThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.tenant())
			.withPropertyValues(CLIENT + "flow=on-behalf-of-user", CLIENT + "client-id=agent-assist-id",
					CLIENT + "client-secret=" + TestEgainProperties.CLIENT_SECRET)
			.run((context) -> assertScopesProblem(analyze(context)));
	}

	@Test
	void analyzeWhenScopesBlankThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "scopes=  ")
			.run((context) -> assertScopesProblem(analyze(context)));
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "not a url", "ftp://ai.egain.cloud/token", "/system/auth/TENANT-U/oauth2/token", "https://" })
	void analyzeWhenTokenUriMalformedThenNamesPropertyAndFix(String tokenUri) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "token-uri=" + tokenUri)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth.clients.agent-assist.token-uri"
						+ NL + "    Reason: '" + tokenUri + "' is not");
				assertThat(analysis.getAction()).contains(
						"Set egain.auth.clients.agent-assist.token-uri to an absolute https:// URL (plain http:// is "
								+ "allowed only for localhost and other loopback addresses)");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "api-base-url", "auth-base-url" })
	void analyzeWhenBaseUrlMalformedThenNamesPropertyAndFix(String property) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth." + property + "=api.ai.egain.cloud")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth." + property + NL
						+ "    Reason: 'api.ai.egain.cloud' is not an absolute http(s) URL");
				assertThat(analysis.getAction())
					.contains("Set egain.auth." + property + " to an absolute https:// URL");
			});
	}

	@Test
	void analyzeWhenBaseUrlHasInvalidSyntaxThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.auth-base-url=https://ai.egain.cloud/a b")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth.auth-base-url" + NL
						+ "    Reason: 'https://ai.egain.cloud/a b' is not a valid URL");
				assertThat(analysis.getAction()).contains("Set egain.auth.auth-base-url to an absolute https:// URL");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://ai.egain.cloud/system/auth/TENANT-U/oauth2/token",
			"http://10.0.0.8:8080/oauth2/token", "http://localhost.example.com/oauth2/token" })
	void analyzeWhenTokenUriPlainHttpToRemoteHostThenNamesPropertyAndFix(String tokenUri) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "token-uri=" + tokenUri)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth.clients.agent-assist.token-uri"
						+ NL + "    Reason: '" + tokenUri + "' uses plain http:// to a host that is not loopback");
				assertThat(analysis.getAction())
					.contains("Set egain.auth.clients.agent-assist.token-uri to an absolute https:// URL");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "api-base-url", "auth-base-url" })
	void analyzeWhenBaseUrlPlainHttpToRemoteHostThenNamesPropertyAndFix(String property) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth." + property + "=http://ai.egain.cloud")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth." + property + NL
						+ "    Reason: 'http://ai.egain.cloud' uses plain http:// to a host that is not loopback");
				assertThat(analysis.getAction())
					.contains("Set egain.auth." + property + " to an absolute https:// URL");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8089/oauth2/token", "http://LOCALHOST:8089/oauth2/token",
			"http://127.0.0.1:8089/oauth2/token", "http://[::1]:8089/oauth2/token" })
	void autoConfigurationWhenTokenUriPlainHttpToLoopbackThenNoFailure(String tokenUri) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "token-uri=" + tokenUri)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EgainClientRegistrationRepository.class))
					.extracting((registration) -> registration.getProviderDetails().getTokenUri())
					.containsExactly(tokenUri);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8089", "http://127.0.0.1:8089", "http://[::1]:8089" })
	void autoConfigurationWhenBaseUrlsPlainHttpToLoopbackThenNoFailure(String baseUrl) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.auth-base-url=" + baseUrl, "egain.auth.api-base-url=" + baseUrl)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EgainClientRegistrationRepository.class))
					.extracting((registration) -> registration.getProviderDetails().getTokenUri())
					.containsExactly(baseUrl + "/system/auth/TENANT-U/oauth2/token");
			});
	}

	@Test
	void analyzeWhenMaxAttemptsZeroThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(TOKEN_ENDPOINT + "max-attempts=0")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: egain.auth.token-endpoint.max-attempts" + NL + "    Reason: is 0");
				assertThat(analysis.getAction())
					.contains("Set egain.auth.token-endpoint.max-attempts to 1 (no retries) or more");
			});
	}

	@Test
	void analyzeWhenAllowedHostIsUrlThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.allowed-hosts=api.ai.egain.cloud,https://eu.api.egain.cloud/")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth.allowed-hosts[1]" + NL
						+ "    Reason: 'https://eu.api.egain.cloud/' is not a host name (a URL, a path or a port is not)");
				assertThat(analysis.getDescription()).doesNotContain("allowed-hosts[0]");
				assertThat(analysis.getAction()).contains(
						"Set egain.auth.allowed-hosts[1] to a bare host name, e.g. api.ai.egain.cloud, or better, "
								+ "replace it with egain.auth.allowed-origins, e.g. https://api.ai.egain.cloud");
			});
	}

	@Test
	void analyzeWhenAllowedHostIsNoValidHostNameThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.allowed-hosts=api..egain.cloud")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: egain.auth.allowed-hosts[0]" + NL
						+ "    Reason: 'api..egain.cloud' is not a host name (a URL, a path or a port is not)"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"https://api.eu.egain.cloud/ | 'https://api.eu.egain.cloud/' has a path, query or fragment, but an origin "
					+ "is only scheme, host and port",
			"https://api.eu.egain.cloud/knowledge | 'https://api.eu.egain.cloud/knowledge' has a path, query or "
					+ "fragment, but an origin is only scheme, host and port",
			"https://api.eu.egain.cloud?tenant=T | 'https://api.eu.egain.cloud?tenant=T' has a path, query or "
					+ "fragment, but an origin is only scheme, host and port",
			"https://agent:pa55word@api.eu.egain.cloud | 'https://******@api.eu.egain.cloud' has user info, but an "
					+ "origin is only scheme, host and port",
			"http://api.eu.egain.cloud | 'http://api.eu.egain.cloud' uses plain http:// to a host that is not "
					+ "loopback, which would send tokens unencrypted",
			"api.eu.egain.cloud | 'api.eu.egain.cloud' is not an http(s) origin",
			"ftp://api.eu.egain.cloud | 'ftp://api.eu.egain.cloud' is not an http(s) origin",
			"https://api eu | 'https://api eu' is not a valid URL (Illegal character in authority)" })
	void analyzeWhenAllowedOriginInvalidThenNamesPropertyAndFix(String origin, String reason) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.allowed-origins[0]=https://api.staging.egain.cloud:8443",
					"egain.auth.allowed-origins[1]=" + origin)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: egain.auth.allowed-origins[1]" + NL + "    Reason: " + reason);
				assertThat(analysis.getDescription()).doesNotContain("allowed-origins[0]").doesNotContain("pa55word");
				assertThat(analysis.getAction()).contains("Set egain.auth.allowed-origins[1] to scheme, host and "
						+ "optional port only, e.g. https://api.eu.egain.cloud or https://api.eu.egain.cloud:8443 "
						+ "(plain http:// is allowed only for localhost and other loopback addresses)");
			});
	}

	@Test
	void autoConfigurationWhenAllowedOriginsValidThenNoFailure() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.allowed-origins=https://API.eu.egain.cloud:443, https://[::1]:8443, "
					+ "http://localhost:8080, http://127.0.0.1, http://[::1]")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(EgainClientHttpRequestInterceptor.class));
	}

	@Test
	void analyzeWhenInitialBackoffNegativeThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(TOKEN_ENDPOINT + "initial-backoff=-1s")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth.token-endpoint.initial-backoff"
						+ NL + "    Reason: is PT-1S, but must not be negative");
				assertThat(analysis.getDescription()).doesNotContain("max-backoff");
				assertThat(analysis.getAction())
					.contains("Set egain.auth.token-endpoint.initial-backoff to zero or more, e.g. 200ms");
			});
	}

	@Test
	void analyzeWhenMaxBackoffShorterThanInitialBackoffThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(TOKEN_ENDPOINT + "initial-backoff=1s", TOKEN_ENDPOINT + "max-backoff=500ms")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth.token-endpoint.max-backoff" + NL
						+ "    Reason: (PT0.5S) is shorter than egain.auth.token-endpoint.initial-backoff (PT1S)");
				assertThat(analysis.getAction()).contains(
						"Set egain.auth.token-endpoint.max-backoff to at least egain.auth.token-endpoint.initial-backoff");
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "connect-timeout, 0s, PT0S", "connect-timeout, -5s, PT-5S", "read-timeout, 0ms, PT0S",
			"read-timeout, -1ms, PT-0.001S", "deadline, 0s, PT0S", "deadline, -20s, PT-20S" })
	void analyzeWhenTokenEndpointDurationNotPositiveThenNamesPropertyAndFix(String property, String value,
			String shown) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(TOKEN_ENDPOINT + property + "=" + value)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth.token-endpoint." + property + NL
						+ "    Reason: is " + shown + ", but must be positive");
				assertThat(analysis.getAction())
					.contains("Set egain.auth.token-endpoint." + property + " to a positive duration, e.g. 5s");
			});
	}

	@Test
	void analyzeWhenClockSkewNegativeThenNamesPropertyAndFix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.clock-skew=-1s")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: egain.auth.clock-skew" + NL + "    Reason: is negative");
				assertThat(analysis.getAction()).contains("Set egain.auth.clock-skew to zero or more, e.g. 60s");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "0s", "500ms", "-1h" })
	void analyzeWhenDefaultTokenLifetimeShorterThanOneSecondThenNamesPropertyAndFix(String lifetime) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.default-token-lifetime=" + lifetime)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains(
						"Property: egain.auth.default-token-lifetime" + NL + "    Reason: is shorter than one second");
				assertThat(analysis.getAction())
					.contains("Set egain.auth.default-token-lifetime to the lifetime of eGain's tokens, e.g. 1h");
			});
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1 })
	void analyzeWhenCacheMaxSubjectsBelowOneThenNamesPropertyAndFix(int maxSubjects) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.cache.max-subjects=" + maxSubjects)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: egain.auth.cache.max-subjects" + NL + "    Reason: is " + maxSubjects);
				assertThat(analysis.getAction())
					.contains("Set egain.auth.cache.max-subjects to 1 or more (default 10000)");
			});
	}

	@Test
	void analyzeWhenSeveralSettingsInvalidThenReportsEachAndNoSecret() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(TOKEN_ENDPOINT + "max-attempts=0", TOKEN_ENDPOINT + "deadline=0s",
					"egain.auth.clock-skew=-1s", "egain.auth.cache.max-subjects=0")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidEgainConfigurationException.class)
					.extracting((ex) -> ((InvalidEgainConfigurationException) ex).getProblems())
					.asInstanceOf(list(InvalidEgainConfigurationException.Problem.class))
					.extracting(InvalidEgainConfigurationException.Problem::property)
					.containsExactly("egain.auth.token-endpoint.deadline", "egain.auth.token-endpoint.max-attempts",
							"egain.auth.clock-skew", "egain.auth.cache.max-subjects");
				assertThat(analysis.getDescription() + analysis.getAction())
					.doesNotContain(TestEgainProperties.CLIENT_SECRET);
			});
	}

	@Test
	void autoConfigurationWhenTokenEndpointSettingsValidThenNoFailure() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(TOKEN_ENDPOINT + "max-attempts=1", TOKEN_ENDPOINT + "initial-backoff=0s",
					TOKEN_ENDPOINT + "max-backoff=0s", TOKEN_ENDPOINT + "deadline=1ms",
					TOKEN_ENDPOINT + "connect-timeout=1ms", TOKEN_ENDPOINT + "read-timeout=1ms",
					"egain.auth.clock-skew=0s", "egain.auth.default-token-lifetime=1s",
					"egain.auth.cache.max-subjects=1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void analyzeWhenSeveralProblemsThenReportsAll() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withPropertyValues("egain.auth.api-base-url=http://api.example.com", CLIENT + "client-id=",
					"egain.auth.clients.portal.flow=", "egain.auth.clients.reporting.scopes=",
					"egain.auth.clients.chat.user-identifier=username")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth.api-base-url",
						"Property: egain.auth.clients.agent-assist.client-id",
						"Property: egain.auth.clients.portal.flow", "Property: egain.auth.clients.reporting.scopes",
						"Property: egain.auth.clients.chat.user-identifier");
				assertThat(analysis.getAction()).contains("Set egain.auth.api-base-url",
						"Set egain.auth.clients.agent-assist.client-id", "Set egain.auth.clients.portal.flow",
						"Set egain.auth.clients.reporting.scopes", "Remove egain.auth.clients.chat.user-identifier");
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidEgainConfigurationException.class)
					.extracting((ex) -> ((InvalidEgainConfigurationException) ex).getProblems())
					.asInstanceOf(list(InvalidEgainConfigurationException.Problem.class))
					.hasSize(5);
			});
	}

	@Test
	void analyzeWhenProblemsThenClientSecretNeverAppears(CapturedOutput output) {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withPropertyValues(CLIENT + "client-id=", CLIENT + "token-uri=http://egain.example.com/token",
					"egain.auth.clients.chat.user-identifier=username", "egain.auth.clients.portal.flow=",
					"egain.auth.clients.reporting.scopes=")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).doesNotContain(TestEgainProperties.CLIENT_SECRET);
				assertThat(analysis.getAction()).doesNotContain(TestEgainProperties.CLIENT_SECRET);
				for (Throwable ex = context.getStartupFailure(); ex != null; ex = ex.getCause()) {
					assertThat(ex.getMessage()).doesNotContain(TestEgainProperties.CLIENT_SECRET);
					assertThat(ex.toString()).doesNotContain(TestEgainProperties.CLIENT_SECRET);
				}
				assertThat(output).contains("Invalid eGain configuration")
					.doesNotContain(TestEgainProperties.CLIENT_SECRET);
			});
	}

	@ParameterizedTest
	@CsvSource({ "egain.auth.tenant-id, egain.auth.tenant-id", "egain.auth.auth-base-url, egain.auth.auth-base-url",
			"egain.auth.api-base-url, egain.auth.api-base-url",
			"egain.auth.accept-language, egain.auth.accept-language",
			"egain.auth.allowed-hosts, egain.auth.allowed-hosts[0]",
			"egain.auth.clients.agent-assist.client-id, egain.auth.clients.agent-assist.client-id",
			"egain.auth.clients.agent-assist.client-secret, egain.auth.clients.agent-assist.client-secret",
			"egain.auth.clients.agent-assist.scopes, egain.auth.clients.agent-assist.scopes[0]",
			"egain.auth.clients.agent-assist.token-uri, egain.auth.clients.agent-assist.token-uri",
			"egain.auth.clients.agent-assist.scope-prefix, egain.auth.clients.agent-assist.scope-prefix" })
	void analyzeWhenPlaceholderUnresolvedThenNamesPropertyAndVariable(String key, String property) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(key + "=${" + UNSET + "}")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains(
						"Property: " + property + NL + "    Reason: refers to ${" + UNSET + "}, which is not set");
				assertThat(analysis.getAction())
					.contains("Set the environment variable " + UNSET + " or the property " + UNSET);
				// The placeholder is the one problem: not also "not a URL", "not a flow",
				// ...
				assertThat(problems(context)).extracting(InvalidEgainConfigurationException.Problem::property)
					.containsExactly(property);
			});
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "egain.auth.clients.agent-assist.flow", "egain.auth.clients.agent-assist.user-identifier" })
	void analyzeWhenPlaceholderOfChoiceUnresolvedThenNamesPropertyAndVariable(String property) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(property + "=${" + UNSET + "}")
			.run((context) -> {
				FailureAnalysis analysis = analyzeBindFailure(context);
				assertThat(analysis.getDescription())
					.isEqualTo("The eGain client configuration is invalid:" + NL + NL + "    Property: " + property + NL
							+ "    Reason: refers to ${" + UNSET + "}, which is not set");
				assertThat(analysis.getAction())
					.contains("Set the environment variable " + UNSET + " or the property " + UNSET);
			});
	}

	@Test
	void analyzeWhenClientSecretPlaceholderUnresolvedThenSameMessageAsExample() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "client-secret=${EGAIN_CLIENT_SECRET_OF_NO_TEST}")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth.clients.agent-assist.client-secret"
						+ NL + "    Reason: refers to ${EGAIN_CLIENT_SECRET_OF_NO_TEST}, which is not set");
				assertThat(analysis.getAction()).contains("Set the environment variable EGAIN_CLIENT_SECRET_OF_NO_TEST "
						+ "or the property EGAIN_CLIENT_SECRET_OF_NO_TEST");
			});
	}

	@Test
	void analyzeWhenPlaceholderNamesDottedPropertyThenNamesItsEnvironmentVariable() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "client-id=${egain-test.unset.client-id}")
			.run((context) -> assertThat(analyze(context).getAction())
				.contains("Set the environment variable EGAIN_TEST_UNSET_CLIENT_ID or the property "
						+ "egain-test.unset.client-id"));
	}

	@Test
	void analyzeWhenPlaceholderPartOfSecretThenQuotesOnlyPlaceholder() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain-test.secret=" + TestEgainProperties.CLIENT_SECRET,
					CLIENT + "client-secret=${egain-test.secret}${" + UNSET + "}")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Reason: refers to ${" + UNSET + "}, which is not set");
				assertThat(analysis.getDescription() + analysis.getAction())
					.doesNotContain(TestEgainProperties.CLIENT_SECRET);
				for (Throwable ex = context.getStartupFailure(); ex != null; ex = ex.getCause()) {
					assertThat(ex.toString()).doesNotContain(TestEgainProperties.CLIENT_SECRET);
				}
			});
	}

	@Test
	void analyzeWhenPlaceholdersUnresolvedInSeveralClientsThenReportsEach() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withPropertyValues(CLIENT + "client-secret=${" + UNSET + "}",
					"egain.auth.clients.chat.scopes=core.aiservices.read, ${" + UNSET + "_SCOPE}",
					"egain.auth.clients.reporting.client-id=")
			.run((context) -> {
				analyze(context);
				assertThat(problems(context)).extracting(InvalidEgainConfigurationException.Problem::property)
					.containsExactlyInAnyOrder("egain.auth.clients.agent-assist.client-secret",
							"egain.auth.clients.chat.scopes[1]", "egain.auth.clients.reporting.client-id");
			});
	}

	@Test
	void autoConfigurationWhenPlaceholderHasDefaultThenNoFailure() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(CLIENT + "client-secret=${" + UNSET + ":fallback-secret}",
					"egain.auth.tenant-id=${" + UNSET + "_TENANT:TENANT}")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EgainClientRegistrationRepository.class)
					.findByRegistrationId("agent-assist")
					.getClientSecret()).isEqualTo("fallback-secret");
			});
	}

	@Test
	void autoConfigurationWhenClientSecretUnresolvedThenFailsWithoutTokenRequest() throws IOException {
		try (MockWebServer server = TestEgainTokenServer.start()) {
			server.enqueue(TestEgainTokenResponses.accessToken("application-token", 3600));
			this.contextRunner.withPropertyValues(reportingAt(server))
				.withPropertyValues("egain.auth.clients.reporting.client-secret=${" + UNSET + "}")
				.withUserConfiguration(StartupTokenConfiguration.class)
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure())
						.hasRootCauseInstanceOf(InvalidEgainConfigurationException.class);
				});
			assertThat(server.getRequestCount()).isZero();
		}
	}

	@Test
	void autoConfigurationWhenClientSecretResolvedThenStartupTokenRequested() throws IOException {
		// The same application asks for a token while it starts, once its secret is set.
		try (MockWebServer server = TestEgainTokenServer.start()) {
			server.enqueue(TestEgainTokenResponses.accessToken("application-token", 3600));
			this.contextRunner.withPropertyValues(reportingAt(server))
				.withPropertyValues(UNSET + "=" + TestEgainProperties.CLIENT_SECRET,
						"egain.auth.clients.reporting.client-secret=${" + UNSET + "}")
				.withUserConfiguration(StartupTokenConfiguration.class)
				.run((context) -> assertThat(context).hasNotFailed()
					.getBean("startupToken")
					.isEqualTo("application-token"));
			assertThat(server.getRequestCount()).isOne();
		}
	}

	@ParameterizedTest
	@CsvSource({ "60s, 60s, PT1M, PT1M", "30s, 60s, PT30S, PT1M", "1m, 5m, PT1M, PT5M" })
	void analyzeWhenDefaultTokenLifetimeNotLongerThanClockSkewThenNamesBothProperties(String lifetime, String clockSkew,
			String lifetimeShown, String clockSkewShown) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.default-token-lifetime=" + lifetime, "egain.auth.clock-skew=" + clockSkew)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: egain.auth.default-token-lifetime" + NL
						+ "    Reason: (" + lifetimeShown + ") does not exceed egain.auth.clock-skew (" + clockSkewShown
						+ "), so a token without expires_in would be requested again on every call");
				assertThat(analysis.getAction()).contains("Set egain.auth.default-token-lifetime longer than "
						+ "egain.auth.clock-skew (e.g. 1h), or set egain.auth.clock-skew shorter");
			});
	}

	@Test
	void autoConfigurationWhenDefaultTokenLifetimeJustLongerThanClockSkewThenNoFailure() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.default-token-lifetime=61s", "egain.auth.clock-skew=60s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void analyzeWhenOtherFailureThenNoAnalysis() {
		assertThat(new EgainConfigurationFailureAnalyzer().analyze(new IllegalStateException("unrelated"))).isNull();
	}

	@Test
	void springFactoriesWhenLoadedThenRegistersFailureAnalyzer() {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class, (factoryType, factoryImplementationName, failure) -> {
				// Other modules' analyzers may need constructor arguments; only ours
				// matters.
			});
		assertThat(analyzers).hasAtLeastOneElementOfType(EgainConfigurationFailureAnalyzer.class);
	}

	private static void assertScopesProblem(FailureAnalysis analysis) {
		assertThat(analysis.getDescription()).contains("Property: egain.auth.clients.agent-assist.scopes" + NL
				+ "    Reason: is empty, but eGain requires at least one scope");
		assertThat(analysis.getAction()).contains(
				"Set egain.auth.clients.agent-assist.scopes to the scopes the client needs, as a list or space-separated");
	}

	private static List<InvalidEgainConfigurationException.Problem> problems(AssertableApplicationContext context) {
		Throwable rootCause = NestedExceptionUtils.getRootCause(context.getStartupFailure());
		assertThat(rootCause).isInstanceOf(InvalidEgainConfigurationException.class);
		return ((InvalidEgainConfigurationException) rootCause).getProblems();
	}

	/**
	 * Returns the properties of one client-credentials client whose token endpoint is on
	 * the given server.
	 */
	private static String[] reportingAt(MockWebServer server) {
		String baseUrl = server.url("/").toString().replaceAll("/$", "");
		return TestEgainProperties.join(TestEgainProperties.tenant(),
				TestEgainProperties.client("reporting", "client-credentials", "knowledge.portalmgr.manage"),
				new String[] { "egain.auth.auth-base-url=" + baseUrl, "egain.auth.api-base-url=" + baseUrl,
						"egain.auth.token-endpoint.max-attempts=1" });
	}

	/**
	 * A value Boot cannot bind to a flow or user identifier fails binding, and is
	 * reported as every other eGain configuration problem is.
	 */
	private static FailureAnalysis analyzeBindFailure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).hasCauseInstanceOf(BindException.class);
		FailureAnalysis analysis = new EgainBindFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).startsWith("The eGain client configuration is invalid:");
		assertThat(analysis.getAction()).startsWith("Update your application's configuration:");
		return analysis;
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(InvalidEgainConfigurationException.class);
		FailureAnalysis analysis = new EgainConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).startsWith("The eGain client configuration is invalid:");
		assertThat(analysis.getAction()).startsWith("Update your application's configuration:");
		return analysis;
	}

	/**
	 * An application that asks for a token while it starts.
	 */
	@Configuration(proxyBeanMethods = false)
	static class StartupTokenConfiguration {

		@Bean
		String startupToken(EgainAccessTokens accessTokens) {
			return accessTokens.getToken("reporting").getTokenValue();
		}

	}

}
