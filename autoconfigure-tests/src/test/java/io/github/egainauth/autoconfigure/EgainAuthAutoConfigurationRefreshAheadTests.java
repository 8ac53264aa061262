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

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the executor on which the auto-configured managers renew tokens ahead of
 * their expiry: there by default, gone with
 * {@code egain.auth.refresh-ahead.enabled=false}, and stopped with the application
 * context.
 *
 * @author egain-auth authors
 */
class EgainAuthAutoConfigurationRefreshAheadTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(EgainAuthAutoConfiguration.class,
			EgainAuthBlockingAutoConfiguration.class, EgainAuthReactiveAutoConfiguration.class,
			EgainAuthHttpClientAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues(TestEgainProperties.oneClient());

	@Test
	void autoConfigurationWhenDefaultThenRenewalExecutorRunsUntilContextCloses() {
		EgainTokenRenewalExecutor[] executor = new EgainTokenRenewalExecutor[1];
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(EgainTokenRenewalExecutor.class);
			executor[0] = context.getBean(EgainTokenRenewalExecutor.class);
			assertThat(executor[0].isShutdown()).isFalse();
		});
		assertThat(executor[0].isShutdown()).isTrue();
	}

	@Test
	void autoConfigurationWhenRefreshAheadDisabledThenNoRenewalExecutor() {
		this.contextRunner.withPropertyValues("egain.auth.refresh-ahead.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EgainTokenRenewalExecutor.class));
	}

	@Test
	void reactiveAutoConfigurationWhenDefaultThenRenewalExecutorRunsUntilContextCloses() {
		EgainTokenRenewalExecutor[] executor = new EgainTokenRenewalExecutor[1];
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(TestEgainProperties.oneClient())
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainTokenRenewalExecutor.class);
				executor[0] = context.getBean(EgainTokenRenewalExecutor.class);
			});
		assertThat(executor[0].isShutdown()).isTrue();
	}

}
