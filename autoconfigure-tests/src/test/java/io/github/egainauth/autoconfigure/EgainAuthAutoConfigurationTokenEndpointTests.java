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
import java.time.Duration;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainSubjectResolver;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that {@link EgainAuthAutoConfiguration} applies the token endpoint settings, the
 * default token lifetime, the subject resolver and the observation registry to what it
 * builds, servlet and reactive alike, against a token endpoint on loopback.
 *
 * @author egain-auth authors
 */
class EgainAuthAutoConfigurationTokenEndpointTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(EgainAuthAutoConfiguration.class,
			EgainAuthBlockingAutoConfiguration.class, EgainAuthReactiveAutoConfiguration.class,
			EgainAuthHttpClientAutoConfiguration.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String USER_CLIENT = TestEgainProperties.USER_CLIENT;

	private static final EgainSubject PA = EgainSubject.username("pa");

	private MockWebServer server;

	private ApplicationContextRunner contextRunner;

	private ReactiveWebApplicationContextRunner reactiveContextRunner;

	@BeforeEach
	void setUp() throws IOException {
		this.server = TestEgainTokenServer.start();
		String[] properties = TestEgainProperties.join(TestEgainProperties.oneClient(),
				new String[] { "egain.auth.clients." + USER_CLIENT + ".token-uri="
						+ this.server.url("/system/auth/TENANT-U/oauth2/token") });
		this.contextRunner = new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(properties);
		this.reactiveContextRunner = new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(properties);
	}

	@AfterEach
	void tearDown() {
		SecurityContextHolder.clearContext();
		this.server.close();
	}

	@Test
	void getTokenWhenMaxAttemptsOneThenServerErrorNotRetried() {
		answerEveryRequest(503);
		this.contextRunner.withPropertyValues("egain.auth.token-endpoint.max-attempts=1").run((context) -> {
			assertThatExceptionOfType(OAuth2AuthorizationException.class)
				.isThrownBy(() -> context.getBean(EgainAccessTokens.class).getToken(USER_CLIENT, PA));
			assertThat(this.server.getRequestCount()).isOne();
		});
	}

	@Test
	void getTokenWhenBackoffsConfiguredThenServerErrorRetriedUpToMaxAttempts() {
		answerEveryRequest(503);
		this.contextRunner.withPropertyValues(fastRetries()).run((context) -> {
			assertThatExceptionOfType(OAuth2AuthorizationException.class)
				.isThrownBy(() -> context.getBean(EgainAccessTokens.class).getToken(USER_CLIENT, PA));
			assertThat(this.server.getRequestCount()).isEqualTo(3);
		});
	}

	@Test
	void reactiveGetTokenWhenMaxAttemptsOneThenServerErrorNotRetried() {
		answerEveryRequest(503);
		this.reactiveContextRunner.withPropertyValues("egain.auth.token-endpoint.max-attempts=1").run((context) -> {
			assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(
					() -> context.getBean(ReactiveEgainAccessTokens.class).getToken(USER_CLIENT, PA).block(TIMEOUT));
			assertThat(this.server.getRequestCount()).isOne();
		});
	}

	@Test
	void reactiveGetTokenWhenBackoffsConfiguredThenServerErrorRetriedUpToMaxAttempts() {
		answerEveryRequest(503);
		this.reactiveContextRunner.withPropertyValues(fastRetries()).run((context) -> {
			assertThatExceptionOfType(OAuth2AuthorizationException.class).isThrownBy(
					() -> context.getBean(ReactiveEgainAccessTokens.class).getToken(USER_CLIENT, PA).block(TIMEOUT));
			assertThat(this.server.getRequestCount()).isEqualTo(3);
		});
	}

	@Test
	void getTokenWhenNoExpiresInThenDefaultTokenLifetime() {
		this.server.setDispatcher(
				TestEgainTokenServer.answering((request) -> TestEgainTokenResponses.accessTokenWithoutExpiresIn("t")));
		this.contextRunner.withPropertyValues("egain.auth.default-token-lifetime=2h").run((context) -> {
			OAuth2AccessToken token = context.getBean(EgainAccessTokens.class).getToken(USER_CLIENT, PA);
			assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofHours(2));
		});
	}

	@Test
	void reactiveGetTokenWhenNoExpiresInThenDefaultTokenLifetime() {
		this.server.setDispatcher(
				TestEgainTokenServer.answering((request) -> TestEgainTokenResponses.accessTokenWithoutExpiresIn("t")));
		this.reactiveContextRunner.withPropertyValues("egain.auth.default-token-lifetime=2h").run((context) -> {
			OAuth2AccessToken token = context.getBean(ReactiveEgainAccessTokens.class)
				.getToken(USER_CLIENT, PA)
				.block(TIMEOUT);
			assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofHours(2));
		});
	}

	@Test
	void getTokenWhenSubjectResolverBeanThenManagerUsesIt() throws InterruptedException {
		answerWithToken();
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("someone", null, "ROLE_X"));
		this.contextRunner.withBean(EgainSubjectResolver.class, () -> (principal, registration) -> PA)
			.run((context) -> context.getBean(EgainAccessTokens.class).getToken(USER_CLIENT));
		assertThat(formOf(this.server.takeRequest())).contains("subject_username=pa");
	}

	@Test
	void reactiveGetTokenWhenSubjectResolverBeanThenManagerUsesIt() throws InterruptedException {
		answerWithToken();
		this.reactiveContextRunner.withBean(EgainSubjectResolver.class, () -> (principal, registration) -> PA)
			.run((context) -> context.getBean(ReactiveEgainAccessTokens.class)
				.getToken(USER_CLIENT)
				.contextWrite(ReactiveSecurityContextHolder
					.withAuthentication(new TestingAuthenticationToken("someone", null, "ROLE_X")))
				.block(TIMEOUT));
		assertThat(formOf(this.server.takeRequest())).contains("subject_username=pa");
	}

	@Test
	void getTokenWhenObservationRegistryBeanThenTokenRequestObserved() {
		answerWithToken();
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(TestObservationRegistry.class, () -> registry)
			.run((context) -> context.getBean(EgainAccessTokens.class).getToken(USER_CLIENT, PA));
		TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("egain.auth.token.requests");
	}

	@Test
	void reactiveGetTokenWhenObservationRegistryBeanThenTokenRequestObserved() {
		answerWithToken();
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.reactiveContextRunner.withBean(TestObservationRegistry.class, () -> registry)
			.run((context) -> context.getBean(ReactiveEgainAccessTokens.class)
				.getToken(USER_CLIENT, PA)
				.block(TIMEOUT));
		TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("egain.auth.token.requests");
	}

	private void answerEveryRequest(int status) {
		this.server.setDispatcher(TestEgainTokenServer
			.answering((request) -> TestEgainTokenResponses.error(status, "server_error", "eGain is busy")));
	}

	private void answerWithToken() {
		this.server.setDispatcher(
				TestEgainTokenServer.answering((request) -> TestEgainTokenResponses.accessToken("token-pa", 3600)));
	}

	private static String[] fastRetries() {
		return new String[] { "egain.auth.token-endpoint.max-attempts=3",
				"egain.auth.token-endpoint.initial-backoff=1ms", "egain.auth.token-endpoint.max-backoff=1ms" };
	}

	private static String formOf(RecordedRequest request) {
		return request.getBody().utf8();
	}

}
