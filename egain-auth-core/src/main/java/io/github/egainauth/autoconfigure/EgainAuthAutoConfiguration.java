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

import io.github.egainauth.client.EgainSubjectResolver;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.web.EgainAllowedOrigins;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.RestClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of what every eGain client needs, whatever the stack: the
 * {@code egain.auth} properties (checked as they are bound), the client registrations,
 * the subject resolver, the token expiry policy and the origins that may receive tokens.
 * The blocking, reactive, {@code WebClient}, actuator and metrics parts follow in
 * auto-configurations of their own. Nothing here touches the application's inbound web
 * security.
 *
 * @author egain-auth authors
 * @see EgainAuthBlockingAutoConfiguration
 * @see EgainAuthReactiveAutoConfiguration
 */
@AutoConfiguration
@ConditionalOnClass({ ClientRegistration.class, RestClient.class })
@Conditional(EgainClientsConfiguredCondition.class)
@EnableConfigurationProperties(EgainAuthProperties.class)
public final class EgainAuthAutoConfiguration {

	/**
	 * The name of the application-defined {@code OAuth2AuthorizedClientService} (or
	 * {@code ReactiveOAuth2AuthorizedClientService}) bean that, if present, stores eGain
	 * tokens instead of the bounded in-memory store.
	 */
	public static final String AUTHORIZED_CLIENT_SERVICE_BEAN_NAME = EgainAuthBeans.AUTHORIZED_CLIENT_SERVICE_BEAN_NAME;

	@Bean
	@ConditionalOnMissingBean
	EgainClientRegistrationRepository egainClientRegistrationRepository(EgainAuthProperties properties,
			ObjectProvider<EgainTenantMetadataClient> tenantMetadataClient) {
		return EgainAuthBeans.registrations(properties, tenantMetadataClient::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	EgainSubjectResolver egainSubjectResolver() {
		return EgainSubjectResolver.principalName();
	}

	@Bean
	@ConditionalOnMissingBean
	EgainTokenExpiry egainTokenExpiry(EgainAuthProperties properties) {
		return EgainAuthBeans.tokenExpiry(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "egain.auth.refresh-ahead.enabled", havingValue = "true", matchIfMissing = true)
	EgainTokenRenewalExecutor egainTokenRenewalExecutor() {
		return new EgainTokenRenewalExecutor();
	}

	@Bean
	@ConditionalOnMissingBean
	EgainAllowedOrigins egainAllowedOrigins(EgainAuthProperties properties) {
		return EgainAuthBeans.allowedOrigins(properties);
	}

}
