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

package io.github.egainauth.test;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EgainStandInEnvironmentPostProcessor}, through the
 * {@code spring.factories} registration an application picks up.
 *
 * @author egain-auth authors
 */
class EgainStandInEnvironmentPostProcessorTests {

	private static final String FORM = TestEgainHttp.form("grant_type", "client_credentials", "client_id", "app-client",
			"client_secret", "app-secret", "scope", "knowledge.portalmgr.read");

	@Test
	void runWhenStandInEnabledThenEgainAuthPointsAtLiveStandIn() throws Exception {
		try (ConfigurableApplicationContext context = run("--egain.stand-in.enabled=true")) {
			ConfigurableEnvironment environment = context.getEnvironment();
			String authBaseUrl = environment.getProperty("egain.auth.auth-base-url");
			assertThat(authBaseUrl).matches("http://127\\.0\\.0\\.1:[1-9][0-9]*");
			assertThat(environment.getProperty("egain.auth.api-base-url")).isEqualTo(authBaseUrl);
			assertThat(environment.getProperty("egain.auth.tenant-id")).isEqualTo(EgainStandIn.DEFAULT_TENANT_ID);
			HttpResponse<String> response = TestEgainHttp
				.postToken(authBaseUrl + "/system/auth/" + EgainStandIn.DEFAULT_TENANT_ID + "-U/oauth2/token", FORM);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(TestEgainHttp.json(response)).containsEntry("token_type", "Bearer");
		}
	}

	@Test
	void runWhenStandInEnabledThenStandInIsBeanServingEgainAuth() throws Exception {
		try (ConfigurableApplicationContext context = run("--egain.stand-in.enabled=true")) {
			EgainStandIn standIn = context.getBean("egainStandIn", EgainStandIn.class);
			assertThat(standIn.getBaseUrl())
				.isEqualTo(context.getEnvironment().getProperty("egain.auth.auth-base-url"));
			HttpResponse<String> response = TestEgainHttp.postToken(
					standIn.getBaseUrl() + "/system/auth/" + EgainStandIn.DEFAULT_TENANT_ID + "-U/oauth2/token", FORM);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(standIn.getTokenRequests()).singleElement()
				.satisfies((request) -> assertThat(request.clientId()).isEqualTo("app-client"));
		}
	}

	@Test
	void closeWhenStandInEnabledThenStandInStops() {
		ConfigurableApplicationContext context = run("--egain.stand-in.enabled=true");
		String tokenUri = context.getEnvironment().getProperty("egain.auth.auth-base-url") + "/system/auth/"
				+ EgainStandIn.DEFAULT_TENANT_ID + "-U/oauth2/token";
		context.close();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> TestEgainHttp.postToken(tokenUri, FORM));
	}

	@Test
	void runWhenStandInTenantIdThenServesThatTenant() throws Exception {
		try (ConfigurableApplicationContext context = run("--egain.stand-in.enabled=true",
				"--egain.stand-in.tenant-id=TMPLOCAL1")) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(environment.getProperty("egain.auth.tenant-id")).isEqualTo("TMPLOCAL1");
			HttpResponse<String> response = TestEgainHttp.postToken(
					environment.getProperty("egain.auth.auth-base-url") + "/system/auth/TMPLOCAL1-U/oauth2/token",
					FORM);
			assertThat(response.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void runWhenStandInEnabledThenOverridesConfiguredEgainUrls() {
		try (ConfigurableApplicationContext context = run("--egain.stand-in.enabled=true",
				"--egain.auth.auth-base-url=https://ai.egain.cloud", "--egain.auth.tenant-id=TMPRODB88619984")) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(environment.getProperty("egain.auth.auth-base-url")).startsWith("http://127.0.0.1:");
			assertThat(environment.getProperty("egain.auth.tenant-id")).isEqualTo(EgainStandIn.DEFAULT_TENANT_ID);
		}
	}

	@Test
	void runWhenStandInNotEnabledThenNothingStarted() {
		try (ConfigurableApplicationContext context = run()) {
			assertNoStandIn(context.getEnvironment());
		}
	}

	@Test
	void runWhenStandInDisabledThenNothingStarted() {
		try (ConfigurableApplicationContext context = run("--egain.stand-in.enabled=false")) {
			assertNoStandIn(context.getEnvironment());
		}
	}

	@Test
	void runWhenStandInNotEnabledThenNoStandInBean() {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(context.getBeanProvider(EgainStandIn.class).getIfAvailable()).isNull();
		}
	}

	@Test
	void runWhenProcessedAheadOfTimeThenNothingStarted() {
		try (ConfigurableApplicationContext context = run("--egain.stand-in.enabled=true",
				"--spring.aot.processing=true")) {
			assertNoStandIn(context.getEnvironment());
			assertThat(context.getBeanProvider(EgainStandIn.class).getIfAvailable()).isNull();
		}
	}

	private static void assertNoStandIn(ConfigurableEnvironment environment) {
		assertThat(environment.getPropertySources().contains(EgainStandInEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty("egain.auth.auth-base-url")).isNull();
		assertThat(environment.getProperty("egain.auth.api-base-url")).isNull();
		assertThat(environment.getProperty("egain.auth.tenant-id")).isNull();
	}

	private static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application
			.setDefaultProperties(Map.of("spring.main.web-application-type", "none", "spring.main.banner-mode", "off"));
		return application.run(args);
	}

	// A second pass and a failed start (found by mutation testing: see docs/testing.md).

	@Test
	void runWhenStandInPropertySourceAlreadyPresentThenNoSecondStandIn() {
		try (ConfigurableApplicationContext context = run("--egain.stand-in.enabled=true")) {
			ConfigurableEnvironment environment = context.getEnvironment();
			PropertySource<?> standIn = environment.getPropertySources()
				.get(EgainStandInEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
			new EgainStandInEnvironmentPostProcessor((destination) -> destination.get())
				.postProcessEnvironment(environment, new SpringApplication(EmptyConfiguration.class));
			assertThat(environment.getPropertySources().get(EgainStandInEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
				.isSameAs(standIn);
		}
	}

	@Test
	void runWhenApplicationFailsToStartThenStandInStops() {
		AtomicReference<String> authBaseUrl = new AtomicReference<>();
		SpringApplication application = new SpringApplication(FailingConfiguration.class);
		application
			.setDefaultProperties(Map.of("spring.main.web-application-type", "none", "spring.main.banner-mode", "off"));
		application.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) (event) -> authBaseUrl
			.set(event.getEnvironment().getProperty("egain.auth.auth-base-url")));
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> application.run("--egain.stand-in.enabled=true"))
			.withStackTraceContaining("No application here");
		assertThat(authBaseUrl.get()).startsWith("http://127.0.0.1:");
		String tokenUri = authBaseUrl.get() + "/system/auth/" + EgainStandIn.DEFAULT_TENANT_ID + "-U/oauth2/token";
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> TestEgainHttp.postToken(tokenUri, FORM));
	}

	@Configuration(proxyBeanMethods = false)
	static class FailingConfiguration {

		@Bean
		String failing() {
			throw new IllegalStateException("No application here");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
