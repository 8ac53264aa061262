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

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.egainauth.TestEgainLogs;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainClientFailure;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.EgainTokenStatistics;
import io.github.egainauth.client.EgainTokenStatus;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the metrics, info, health and sanitizing beans of
 * {@link EgainAuthAutoConfiguration}, and for its startup log line.
 *
 * @author egain-auth authors
 */
class EgainAuthAutoConfigurationObservabilityTests {

	private static final String SANITIZING_FUNCTION = "egainSecretSanitizingFunction";

	private static final String VALUE = TestEgainProperties.CLIENT_SECRET;

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(EgainAuthAutoConfiguration.class,
			EgainAuthBlockingAutoConfiguration.class, EgainAuthReactiveAutoConfiguration.class,
			EgainAuthWebClientAutoConfiguration.class, EgainAuthActuatorAutoConfiguration.class,
			EgainAuthHealthAutoConfiguration.class, EgainAuthHttpClientAutoConfiguration.class,
			EgainAuthMetricsAutoConfiguration.class);

	@RegisterExtension
	final TestEgainLogs logs = new TestEgainLogs();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues(TestEgainProperties.allFlows());

	@Test
	void autoConfigurationWhenClientsConfiguredThenObservabilityBeans() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(EgainTokenMetrics.class)
			.hasSingleBean(EgainInfoContributor.class)
			.hasSingleBean(EgainHealthIndicator.class)
			.hasBean(SANITIZING_FUNCTION)
			.getBean(SANITIZING_FUNCTION)
			.isInstanceOf(SanitizingFunction.class));
	}

	@Test
	void autoConfigurationWhenNoClientsThenNoObservabilityBeans() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(TestEgainProperties.tenant())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EgainTokenMetrics.class)
				.doesNotHaveBean(EgainInfoContributor.class)
				.doesNotHaveBean(EgainHealthIndicator.class)
				.doesNotHaveBean(SANITIZING_FUNCTION));
	}

	@Test
	void tokenMetricsWhenBoundThenReportBlockingManagerStatistics() {
		this.contextRunner.run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(EgainTokenMetrics.class).bindTo(registry);
			EgainTokenStatistics statistics = context.getBean(EgainAuthorizedClientManager.class).getStatistics();
			assertThat(registry.get("egain.auth.token.cache.misses").functionCounter().count())
				.isEqualTo(statistics.tokenRequests());
			assertThat(registry.getMeters()).extracting((meter) -> meter.getId().getName())
				.containsOnly("egain.auth.token.cache.hits", "egain.auth.token.cache.misses",
						"egain.auth.token.cache.evictions", "egain.auth.token.single-flight.waits",
						"egain.auth.token.renewals.ahead", "egain.auth.token.stale.serves",
						"egain.auth.token.failures");
			// Subjects can fail only where there are subjects; nothing is tagged with
			// one.
			assertThat(registry.find("egain.auth.token.failures").functionCounters())
				.extracting((counter) -> counter.getId().getTag("client") + " " + counter.getId().getTag("flow") + " "
						+ counter.getId().getTag("cause"))
				.containsExactlyInAnyOrder("agent-assist on-behalf-of-user subject",
						"agent-assist on-behalf-of-user client", "portal on-behalf-of-customer subject",
						"portal on-behalf-of-customer client", "reporting client-credentials client",
						"chat anonymous-customer client");
		});
	}

	@Test
	void observabilityWhenReactiveAppThenBeansFollowReactiveManager() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(TestEgainProperties.allFlows())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(EgainReactiveAuthorizedClientManager.class)
					.doesNotHaveBean(EgainAuthorizedClientManager.class)
					.hasSingleBean(EgainTokenMetrics.class)
					.hasSingleBean(EgainHealthIndicator.class)
					.hasSingleBean(EgainInfoContributor.class);
				var health = context.getBean(EgainHealthIndicator.class).health();
				assertThat(health.getStatus().getCode()).isEqualTo("UP");
				assertThat(health.getDetails()).containsEntry("clients",
						Map.of(TestEgainProperties.USER_CLIENT, "ok", TestEgainProperties.CUSTOMER_CLIENT, "ok",
								TestEgainProperties.APPLICATION_CLIENT, "ok", TestEgainProperties.ANONYMOUS_CLIENT,
								"ok"));
			});
	}

	@Test
	void clientRegistrationRepositoryWhenCreatedThenLogsClientsAndFlowsButNoSecret() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			List<ILoggingEvent> startupLines = this.logs.events()
				.stream()
				.filter((event) -> event.getLoggerName().equals(EgainAuthAutoConfiguration.class.getName()))
				.toList();
			assertThat(startupLines).singleElement().satisfies((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.INFO);
				assertThat(event.getFormattedMessage()).isEqualTo("eGain clients: "
						+ "agent-assist (on-behalf-of-user; token URL derived: " + TestEgainProperties.USER_TOKEN_URI
						+ "; scope prefix derived: none) " + "portal (on-behalf-of-customer; token URL derived: "
						+ TestEgainProperties.CUSTOMER_TOKEN_URI + "; scope prefix derived: none) "
						+ "reporting (client-credentials; token URL derived: " + TestEgainProperties.USER_TOKEN_URI
						+ "; scope prefix derived: none) " + "chat (anonymous-customer; token URL derived: "
						+ TestEgainProperties.ANONYMOUS_TOKEN_URI
						+ "; scope prefix derived: https://api.ai.egain.cloud/auth/)");
			});
		});
		// Nothing else logged while the context started and stopped, at any level,
		// shows the secret either.
		assertThat(this.logs.lines()).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).doesNotContain(TestEgainProperties.CLIENT_SECRET));
	}

	@Test
	void tokenMetricsWhenDefinedByUserThenBacksOff() {
		EgainTokenMetrics metrics = new EgainTokenMetrics(new EgainClientRegistrationRepository(List.of()),
				() -> new EgainTokenStatistics(0, 0, 0, 0));
		this.contextRunner.withBean(EgainTokenMetrics.class, () -> metrics)
			.run((context) -> assertThat(context).getBean(EgainTokenMetrics.class).isSameAs(metrics));
	}

	@Test
	void infoContributorWhenDefinedByUserThenBacksOff() {
		EgainInfoContributor infoContributor = new EgainInfoContributor(
				new EgainClientRegistrationRepository(List.of()));
		this.contextRunner.withBean(EgainInfoContributor.class, () -> infoContributor)
			.run((context) -> assertThat(context).getBean(EgainInfoContributor.class).isSameAs(infoContributor));
	}

	@Test
	void healthIndicatorWhenDefinedByUserThenBacksOff() {
		EgainHealthIndicator healthIndicator = new EgainHealthIndicator(
				new EgainClientRegistrationRepository(List.of()), new EgainTokenStatus() {

					@Override
					public EgainTokenStatistics getStatistics() {
						return new EgainTokenStatistics(0, 0, 0, 0);
					}

					@Override
					public Map<String, EgainClientFailure> getFailingClients() {
						return Map.of();
					}

				});
		this.contextRunner.withBean(EgainHealthIndicator.class, () -> healthIndicator)
			.run((context) -> assertThat(context).getBean(EgainHealthIndicator.class).isSameAs(healthIndicator));
	}

	@Test
	void sanitizingFunctionWhenUserDefinesOneOfTheSameNameThenBacksOff() {
		SanitizingFunction mine = SanitizingFunction.sanitizeValue();
		this.contextRunner.withBean(SANITIZING_FUNCTION, SanitizingFunction.class, () -> mine)
			.run((context) -> assertThat(context).getBean(SANITIZING_FUNCTION).isSameAs(mine));
	}

	@Test
	void sanitizingFunctionWhenUserDefinesOtherSanitizingFunctionThenBothExist() {
		SanitizingFunction mine = SanitizingFunction.sanitizeValue();
		this.contextRunner.withBean("mySanitizingFunction", SanitizingFunction.class, () -> mine)
			.run((context) -> assertThat(context).getBeans(SanitizingFunction.class)
				.containsOnlyKeys("mySanitizingFunction", SANITIZING_FUNCTION));
	}

	@Test
	void healthIndicatorWhenDisabledThenNotDefined() {
		this.contextRunner.withPropertyValues("management.health.egain.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EgainHealthIndicator.class)
				.hasSingleBean(EgainTokenMetrics.class)
				.hasSingleBean(EgainInfoContributor.class));
	}

	@Test
	void healthIndicatorWhenHealthIndicatorsDisabledByDefaultThenNotDefined() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EgainHealthIndicator.class));
	}

	@Test
	void autoConfigurationWhenNoMicrometerThenNoTokenMetrics() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EgainTokenMetrics.class)
				.hasSingleBean(EgainInfoContributor.class)
				.hasSingleBean(EgainHealthIndicator.class)
				.hasBean(SANITIZING_FUNCTION)
				.hasSingleBean(EgainAuthorizedClientManager.class));
	}

	@Test
	void autoConfigurationWhenNoActuatorThenNoInfoContributorOrSanitizingFunction() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(EgainInfoContributor.class)
					.doesNotHaveBean(SANITIZING_FUNCTION)
					.hasSingleBean(EgainTokenMetrics.class)
					.hasSingleBean(EgainAuthorizedClientManager.class);
				// Spring Boot 4's health support lives outside its actuator, Spring Boot
				// 3's
				// inside
				assertThat(context.getBeansOfType(EgainHealthIndicator.class))
					.hasSize(TestSpringBootLine.healthOutsideActuator() ? 1 : 0);
			});
	}

	@Test
	void autoConfigurationWhenNoHealthThenNoHealthIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(TestSpringBootLine.healthPackage()))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EgainHealthIndicator.class)
				.hasSingleBean(EgainTokenMetrics.class)
				.hasSingleBean(EgainInfoContributor.class)
				.hasSingleBean(EgainAuthorizedClientManager.class));
	}

	@Test
	void autoConfigurationWhenNoMicrometerActuatorOrHealthThenTokensStillServed() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("io.micrometer.core", "org.springframework.boot.actuate",
					TestSpringBootLine.healthPackage()))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EgainTokenMetrics.class)
				.doesNotHaveBean(EgainInfoContributor.class)
				.doesNotHaveBean(EgainHealthIndicator.class)
				.doesNotHaveBean(SANITIZING_FUNCTION)
				.hasSingleBean(EgainAuthorizedClientManager.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "egain.auth.clients.x.client-secret", "egain.auth.clients.agent-assist.client-secret",
			"egain.auth.clients.x.clientSecret", "clientSecret", "clients.x.clientSecret",
			"EGAIN_AUTH_CLIENTS_X_CLIENTSECRET", "EGAIN_AUTH_CLIENTS_X_CLIENT_SECRET", "EGAIN_CLIENT_SECRET" })
	void sanitizingFunctionWhenClientSecretKeyAndValuesShownThenMasked(String key) {
		this.contextRunner.run((context) -> assertThat(showingValues(context).sanitize(data(key), true))
			.isEqualTo(SanitizableData.SANITIZED_VALUE));
	}

	@ParameterizedTest
	@ValueSource(strings = { "egain.auth.clients.x.client-id", "clientId", "egain.auth.tenant-id",
			"egain.auth.clients.x.token-uri", "egain.auth.clients.x.scopes" })
	void sanitizingFunctionWhenOtherKeyAndValuesShownThenLeftAlone(String key) {
		this.contextRunner.run((context) -> assertThat(showingValues(context).sanitize(data(key, "visible"), true))
			.isEqualTo("visible"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "sun.java.command", "my.copy", "JAVA_TOOL_OPTIONS" })
	void sanitizingFunctionWhenValueContainsConfiguredSecretAndValuesShownThenMasked(String key) {
		this.contextRunner.run((context) -> assertThat(
				showingValues(context).sanitize(data(key, "--egain.auth.clients.portal.client-secret=" + VALUE), true))
			.isEqualTo(SanitizableData.SANITIZED_VALUE));
	}

	/**
	 * Returns the sanitizer of {@code /env} and {@code /configprops} with the eGain
	 * function, as when an application sets their {@code show-values} to {@code always}.
	 */
	private static Sanitizer showingValues(ApplicationContext context) {
		return new Sanitizer(List.of(context.getBean(SANITIZING_FUNCTION, SanitizingFunction.class)));
	}

	@Test
	void infoContributorWhenContributingThenListsClientsWithoutSecret() {
		this.contextRunner.run((context) -> {
			Info.Builder builder = new Info.Builder();
			context.getBean(EgainInfoContributor.class).contribute(builder);
			assertThat(builder.build().toString())
				.contains(TestEgainProperties.USER_CLIENT, "on-behalf-of-user", TestEgainProperties.USER_TOKEN_URI)
				.doesNotContain(TestEgainProperties.CLIENT_SECRET);
		});
	}

	private static SanitizableData data(String key) {
		return data(key, VALUE);
	}

	private static SanitizableData data(String key, String value) {
		PropertySource<?> propertySource = new MapPropertySource("test", Map.of(key, value));
		return new SanitizableData(propertySource, key, value);
	}

}
