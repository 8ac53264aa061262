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

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.autoconfigure.InvalidEgainConfigurationException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link EgainAuthPropertiesValidator}, through
 * {@link EgainAuthProperties#validate()}: each rule at its edge, valid on one side and
 * reported on the other with the property it names. The failure analysis of the same
 * problems is tested with the auto-configuration.
 *
 * @author egain-auth authors
 */
class EgainAuthPropertiesValidatorTests {

	private static final String CLIENT = "egain.auth.clients.agent.";

	@Test
	void validateWhenValidThenNoProblem() {
		assertThatNoException().isThrownBy(() -> valid().validate());
	}

	@Test
	void validateWhenSeveralProblemsThenEveryOneReportedInOrder() {
		EgainAuthProperties properties = valid();
		properties.setAuthBaseUrl("ftp://ai.egain.cloud");
		properties.getClients().get("agent").setClientId(" ");
		properties.getTokenEndpoint().setMaxAttempts(0);
		assertThat(problems(properties)).extracting(Problem::property)
			.containsExactly("egain.auth.auth-base-url", "egain.auth.token-endpoint.max-attempts",
					CLIENT + "client-id");
	}

	@Test
	void validateWhenFlowMissingThenListsEveryFlow() {
		EgainAuthProperties properties = valid();
		properties.getClients().get("agent").setFlow(null);
		assertThat(problems(properties)).singleElement()
			.satisfies((problem) -> assertThat(problem.property()).isEqualTo(CLIENT + "flow"))
			.satisfies((problem) -> assertThat(problem.action()).isEqualTo("Set " + CLIENT + "flow to one of "
					+ "on-behalf-of-user, on-behalf-of-customer, client-credentials, anonymous-customer, "
					+ "token-exchange"));
	}

	@Test
	void validateWhenClientSecretMissingThenReported() {
		EgainAuthProperties properties = valid();
		properties.getClients().get("agent").setClientSecret("");
		assertThat(problems(properties)).extracting(Problem::property).containsExactly(CLIENT + "client-secret");
	}

	@Test
	void validateWhenTenantMissingThenNamesClientsThatNeedIt() {
		EgainAuthProperties properties = valid();
		properties.setTenantId(null);
		properties.getClients().put("reporting", client(EgainFlow.CLIENT_CREDENTIALS));
		EgainAuthProperties.Client explicit = client(EgainFlow.CLIENT_CREDENTIALS);
		explicit.setTokenUri("https://ai.egain.cloud/system/auth/T-U/oauth2/token");
		properties.getClients().put("explicit", explicit);
		assertThat(problems(properties)).singleElement().satisfies((problem) -> {
			assertThat(problem.property()).isEqualTo("egain.auth.tenant-id");
			assertThat(problem.reason())
				.isEqualTo("is missing, but the token URL of 'agent', 'reporting' is derived from it");
		});
	}

	@Test
	void validateWhenUserIdentifierOnUserFlowThenValidAndElsewhereReported() {
		EgainAuthProperties properties = valid();
		properties.getClients().get("agent").setUserIdentifier(EgainAuthProperties.UserIdentifier.USER_ID);
		assertThatNoException().isThrownBy(properties::validate);
		properties.getClients().get("agent").setFlow(EgainFlow.CLIENT_CREDENTIALS);
		assertThat(problems(properties)).extracting(Problem::property).containsExactly(CLIENT + "user-identifier");
	}

	@Test
	void validateWhenTokenExchangeWithRegistrationIdAndNoScopesThenValid() {
		EgainAuthProperties properties = valid();
		EgainAuthProperties.Client client = properties.getClients().get("agent");
		client.setFlow(EgainFlow.TOKEN_EXCHANGE);
		client.setScopes(List.of());
		client.setRegistrationId("okta-sso");
		assertThatNoException().isThrownBy(properties::validate);
	}

	@Test
	void validateWhenTokenExchangeWithoutRegistrationIdThenReported() {
		EgainAuthProperties properties = valid();
		properties.getClients().get("agent").setFlow(EgainFlow.TOKEN_EXCHANGE);
		properties.getClients().get("agent").setRegistrationId(" ");
		assertThat(problems(properties)).singleElement().satisfies((problem) -> {
			assertThat(problem.property()).isEqualTo(CLIENT + "registration-id");
			assertThat(problem.reason()).isEqualTo("is missing, but token-exchange clients need it");
		});
	}

	@Test
	void validateWhenRegistrationIdOnOtherFlowThenReportedAndWithoutFlowNot() {
		EgainAuthProperties properties = valid();
		properties.getClients().get("agent").setRegistrationId("okta-sso");
		assertThat(problems(properties)).singleElement().satisfies((problem) -> {
			assertThat(problem.property()).isEqualTo(CLIENT + "registration-id");
			assertThat(problem.reason()).isEqualTo("is set, but only token-exchange clients name an identity provider");
		});
		properties.getClients().get("agent").setFlow(null);
		assertThat(problems(properties)).extracting(Problem::property).containsExactly(CLIENT + "flow");
	}

	@Test
	void validateWhenScopesEmptyOnOtherFlowThenReported() {
		EgainAuthProperties properties = valid();
		properties.getClients().get("agent").setScopes(List.of(" "));
		assertThat(problems(properties)).extracting(Problem::property).containsExactly(CLIENT + "scopes");
	}

	@ParameterizedTest
	@ValueSource(strings = { "connect-timeout", "read-timeout", "deadline" })
	void validateWhenTimeoutZeroOrNegativeThenReportedAndOneMillisecondValid(String setting) {
		assertThat(problems(withTimeout(setting, Duration.ZERO))).singleElement()
			.satisfies((problem) -> assertThat(problem.property()).isEqualTo("egain.auth.token-endpoint." + setting))
			.satisfies((problem) -> assertThat(problem.reason()).isEqualTo("is PT0S, but must be positive"));
		assertThat(problems(withTimeout(setting, Duration.ofMillis(-1)))).hasSize(1);
		assertThatNoException().isThrownBy(() -> withTimeout(setting, Duration.ofMillis(1)).validate());
	}

	@Test
	void validateWhenMaxAttemptsBelowOneThenReportedAndOneValid() {
		assertThat(problems(with((properties) -> properties.getTokenEndpoint().setMaxAttempts(0))))
			.extracting(Problem::property)
			.containsExactly("egain.auth.token-endpoint.max-attempts");
		assertThatNoException()
			.isThrownBy(() -> with((properties) -> properties.getTokenEndpoint().setMaxAttempts(1)).validate());
	}

	@Test
	void validateWhenInitialBackoffNegativeThenReportedAndZeroValid() {
		assertThat(
				problems(with((properties) -> properties.getTokenEndpoint().setInitialBackoff(Duration.ofMillis(-1)))))
			.extracting(Problem::property)
			.containsExactly("egain.auth.token-endpoint.initial-backoff");
		assertThatNoException().isThrownBy(() -> with((properties) -> {
			properties.getTokenEndpoint().setInitialBackoff(Duration.ZERO);
			properties.getTokenEndpoint().setMaxBackoff(Duration.ZERO);
		}).validate());
	}

	@Test
	void validateWhenMaxBackoffShorterThanInitialThenReportedAndEqualValid() {
		assertThat(problems(with((properties) -> {
			properties.getTokenEndpoint().setInitialBackoff(Duration.ofMillis(500));
			properties.getTokenEndpoint().setMaxBackoff(Duration.ofMillis(499));
		}))).extracting(Problem::property).containsExactly("egain.auth.token-endpoint.max-backoff");
		assertThatNoException().isThrownBy(() -> with((properties) -> {
			properties.getTokenEndpoint().setInitialBackoff(Duration.ofMillis(500));
			properties.getTokenEndpoint().setMaxBackoff(Duration.ofMillis(500));
		}).validate());
	}

	@Test
	void validateWhenClockSkewNegativeThenReportedAndZeroValid() {
		assertThat(problems(with((properties) -> properties.setClockSkew(Duration.ofMillis(-1)))))
			.extracting(Problem::property)
			.containsExactly("egain.auth.clock-skew");
		assertThatNoException()
			.isThrownBy(() -> with((properties) -> properties.setClockSkew(Duration.ZERO)).validate());
	}

	@Test
	void validateWhenDefaultTokenLifetimeBelowOneSecondThenReportedAndOneSecondValid() {
		assertThat(problems(with((properties) -> {
			properties.setClockSkew(Duration.ZERO);
			properties.setDefaultTokenLifetime(Duration.ofMillis(999));
		}))).extracting(Problem::reason).containsExactly("is shorter than one second");
		assertThatNoException().isThrownBy(() -> with((properties) -> {
			properties.setClockSkew(Duration.ZERO);
			properties.setDefaultTokenLifetime(Duration.ofSeconds(1));
		}).validate());
	}

	@Test
	void validateWhenDefaultTokenLifetimeNotBeyondClockSkewThenReportedAndOneMillisecondBeyondValid() {
		assertThat(problems(with((properties) -> {
			properties.setClockSkew(Duration.ofSeconds(60));
			properties.setDefaultTokenLifetime(Duration.ofSeconds(60));
		}))).extracting(Problem::property).containsExactly("egain.auth.default-token-lifetime");
		assertThatNoException().isThrownBy(() -> with((properties) -> {
			properties.setClockSkew(Duration.ofSeconds(60));
			properties.setDefaultTokenLifetime(Duration.ofMillis(60_001));
		}).validate());
	}

	@Test
	void validateWhenClockSkewNegativeThenDefaultTokenLifetimeNotComparedWithIt() {
		assertThat(problems(with((properties) -> {
			properties.setClockSkew(Duration.ofSeconds(-5));
			properties.setDefaultTokenLifetime(Duration.ofSeconds(2));
		}))).extracting(Problem::property).containsExactly("egain.auth.clock-skew");
	}

	@Test
	void validateWhenCacheMaxSubjectsBelowOneThenReportedAndOneValid() {
		assertThat(problems(with((properties) -> properties.getCache().setMaxSubjects(0))))
			.extracting(Problem::property)
			.containsExactly("egain.auth.cache.max-subjects");
		assertThatNoException()
			.isThrownBy(() -> with((properties) -> properties.getCache().setMaxSubjects(1)).validate());
	}

	@Test
	void validateWhenAllowedOriginInvalidThenReportedByIndex() {
		assertThat(problems(with((properties) -> properties
			.setAllowedOrigins(List.of("https://api.eu.egain.cloud", "https://api.eu.egain.cloud/path")))))
			.extracting(Problem::property)
			.containsExactly("egain.auth.allowed-origins[1]");
	}

	@Test
	@SuppressWarnings("deprecation")
	void validateWhenAllowedHostNotAHostThenReportedByIndex() {
		assertThat(problems(with((properties) -> properties
			.setAllowedHosts(List.of("api.eu.egain.cloud", "[::1]", "https://api.eu.egain.cloud", " ")))))
			.extracting(Problem::property)
			.containsExactly("egain.auth.allowed-hosts[2]", "egain.auth.allowed-hosts[3]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://ai.egain.cloud", "http://localhost:9090", "http://127.0.0.1:9090",
			"HTTPS://AI.EGAIN.CLOUD" })
	void validateWhenBaseUrlHttpsOrLoopbackHttpThenValid(String url) {
		assertThatNoException().isThrownBy(() -> with((properties) -> properties.setApiBaseUrl(url)).validate());
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://api.ai.egain.cloud", "ftp://api.ai.egain.cloud", "https://", "not a url",
			"/relative", " " })
	void validateWhenBaseUrlNotHttpsOrNotAbsoluteThenReported(String url) {
		assertThat(problems(with((properties) -> properties.setApiBaseUrl(url)))).extracting(Problem::property)
			.containsExactly("egain.auth.api-base-url");
	}

	@Test
	void validateWhenTokenUriPlainHttpToRemoteHostThenReportedNamingIt() {
		assertThat(problems(with((properties) -> properties.getClients()
			.get("agent")
			.setTokenUri("http://ai.egain.cloud/system/auth/T-U/oauth2/token")))).singleElement()
			.satisfies((problem) -> assertThat(problem.property()).isEqualTo(CLIENT + "token-uri"))
			.satisfies((problem) -> assertThat(problem.reason()).startsWith(
					"'http://ai.egain.cloud/system/auth/T-U/oauth2/token' uses plain http:// to a host that is not "
							+ "loopback"));
	}

	@Test
	void validateWhenPlaceholderUnresolvedThenOnlyThePlaceholderReported() {
		assertThat(problems(with((properties) -> properties.getClients()
			.get("agent")
			.setClientSecret("${EGAIN_SECRET_THAT_IS_NOT_SET}")))).extracting(Problem::property)
			.containsExactly(CLIENT + "client-secret");
	}

	private static EgainAuthProperties withTimeout(String setting, Duration value) {
		return with((properties) -> {
			EgainAuthProperties.TokenEndpoint endpoint = properties.getTokenEndpoint();
			switch (setting) {
				case "connect-timeout" -> endpoint.setConnectTimeout(value);
				case "read-timeout" -> endpoint.setReadTimeout(value);
				default -> endpoint.setDeadline(value);
			}
		});
	}

	private static EgainAuthProperties with(Consumer<EgainAuthProperties> change) {
		EgainAuthProperties properties = valid();
		change.accept(properties);
		return properties;
	}

	private static EgainAuthProperties valid() {
		EgainAuthProperties properties = new EgainAuthProperties();
		properties.setTenantId("TENANT");
		properties.getClients().put("agent", client(EgainFlow.ON_BEHALF_OF_USER));
		return properties;
	}

	private static EgainAuthProperties.Client client(EgainFlow flow) {
		EgainAuthProperties.Client client = new EgainAuthProperties.Client();
		client.setFlow(flow);
		client.setClientId("client-id");
		client.setClientSecret(TestEgainProperties.CLIENT_SECRET);
		client.setScopes(List.of("knowledge.portalmgr.read"));
		return client;
	}

	private static List<Problem> problems(EgainAuthProperties properties) {
		InvalidEgainConfigurationException failure = catchThrowableOfType(InvalidEgainConfigurationException.class,
				properties::validate);
		assertThat(failure).as("validation failure").isNotNull();
		return failure.getProblems();
	}

}
