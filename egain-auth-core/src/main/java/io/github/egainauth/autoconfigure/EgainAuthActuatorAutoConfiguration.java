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

import io.github.egainauth.client.registration.EgainClientRegistrationRepository;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of eGain's actuator endpoints: the {@code info} contributor and the
 * masking of client secrets in {@code /env} and {@code /configprops}. The {@code egain}
 * health indicator comes with each Spring Boot line's
 * {@code EgainAuthHealthAutoConfiguration}.
 *
 * @author egain-auth authors
 */
@AutoConfiguration(after = { EgainAuthBlockingAutoConfiguration.class, EgainAuthReactiveAutoConfiguration.class })
@Conditional(EgainClientsConfiguredCondition.class)
public final class EgainAuthActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(InfoContributor.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EgainInfoContributor egainInfoContributor(EgainClientRegistrationRepository registrations) {
			return new EgainInfoContributor(registrations);
		}

		/**
		 * Masks eGain client secrets in {@code /configprops} and {@code /env} even when
		 * an application chooses to show values there: under keys that name them (e.g.
		 * {@code EGAIN_CLIENT_SECRET}) and in any value that contains one (e.g.
		 * {@code sun.java.command}).
		 * @param properties the {@code egain.auth} properties, whose client secrets are
		 * masked
		 * @return the sanitizing function
		 */
		@Bean
		@ConditionalOnMissingBean(name = "egainSecretSanitizingFunction")
		SanitizingFunction egainSecretSanitizingFunction(EgainAuthProperties properties) {
			return new EgainSecretSanitizingFunction(properties);
		}

	}

}
