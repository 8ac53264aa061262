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

import io.github.egainauth.client.EgainTokenStatus;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code egain} health indicator on Spring Boot 3
 * ({@code management.health.egain.enabled}).
 *
 * @author egain-auth authors
 */
@AutoConfiguration(after = { EgainAuthBlockingAutoConfiguration.class, EgainAuthReactiveAutoConfiguration.class })
@ConditionalOnClass({ AbstractHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(EgainTokenStatus.class)
public final class EgainAuthHealthAutoConfiguration {

	@Bean
	@ConditionalOnEnabledHealthIndicator("egain")
	@ConditionalOnMissingBean
	EgainHealthIndicator egainHealthIndicator(EgainClientRegistrationRepository registrations,
			EgainTokenStatus egainTokenStatus) {
		return new EgainHealthIndicator(registrations, egainTokenStatus);
	}

}
