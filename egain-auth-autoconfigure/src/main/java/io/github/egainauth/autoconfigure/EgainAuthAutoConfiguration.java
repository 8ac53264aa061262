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

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.EgainSubjectResolver;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.log.LogMessage;
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
	public static final String AUTHORIZED_CLIENT_SERVICE_BEAN_NAME = "egainAuthorizedClientService";

	private static final Log logger = LogFactory.getLog(EgainAuthAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	EgainClientRegistrationRepository egainClientRegistrationRepository(EgainAuthProperties properties) {
		EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(
				new EgainAuthPropertiesMapper(properties).asClientRegistrations().values());
		logger.info(LogMessage.of(() -> describe(registrations)));
		return registrations;
	}

	@Bean
	@ConditionalOnMissingBean
	EgainSubjectResolver egainSubjectResolver() {
		return EgainSubjectResolver.principalName();
	}

	/**
	 * The one expiry policy that the providers and the manager share.
	 * @param properties the {@code egain.auth} properties, for the clock skew
	 * @return the token expiry policy
	 */
	@Bean
	@ConditionalOnMissingBean
	EgainTokenExpiry egainTokenExpiry(EgainAuthProperties properties) {
		return new EgainTokenExpiry(Clock.systemUTC(), properties.getClockSkew());
	}

	/**
	 * eGain tokens go only to the API base URL's origin and any configured further ones;
	 * a host under the deprecated allowed-hosts stands for its https origin on port 443.
	 * @param properties the {@code egain.auth} properties
	 * @return the origins that may receive eGain tokens
	 */
	@Bean
	@ConditionalOnMissingBean
	@SuppressWarnings("deprecation")
	EgainAllowedOrigins egainAllowedOrigins(EgainAuthProperties properties) {
		URI apiBaseUrl = URI.create(properties.getApiBaseUrl().trim());
		Set<String> origins = new LinkedHashSet<>();
		origins.add(apiBaseUrl.getScheme() + "://" + apiBaseUrl.getHost()
				+ ((apiBaseUrl.getPort() != -1) ? ":" + apiBaseUrl.getPort() : ""));
		origins.addAll(properties.getAllowedOrigins());
		properties.getAllowedHosts().forEach((host) -> origins.add("https://" + host.trim()));
		return EgainAllowedOrigins.of(origins);
	}

	/**
	 * One line naming each client, its flow and token endpoint; nothing secret.
	 * @param registrations the client registrations
	 * @return the line
	 */
	static String describe(EgainClientRegistrationRepository registrations) {
		StringBuilder line = new StringBuilder("eGain clients:");
		for (ClientRegistration registration : registrations) {
			EgainFlow flow = EgainFlow.from(registration);
			line.append(' ')
				.append(registration.getRegistrationId())
				.append(" (")
				.append((flow != null) ? flow.getValue() : registration.getAuthorizationGrantType().getValue())
				.append(" at ")
				.append(registration.getProviderDetails().getTokenUri())
				.append(')');
		}
		return line.toString();
	}

	/**
	 * The client that calls naming none use: the only one, if only one is configured.
	 * @param registrations the client registrations
	 * @return the only client's name, or {@code null} unless exactly one is configured
	 */
	static @Nullable String defaultClientName(EgainClientRegistrationRepository registrations) {
		return (registrations.getNames().size() == 1) ? registrations.getNames().iterator().next() : null;
	}

}
