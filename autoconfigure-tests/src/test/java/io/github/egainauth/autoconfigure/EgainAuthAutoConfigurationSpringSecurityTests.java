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

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.EgainClientCredentialsOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.TestEgainAuthorizedClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.AuthenticatedPrincipalOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's provider beans inside the manager Spring Security builds for the
 * application's own clients ({@code OAuth2AuthorizedClientManagerRegistrar} collects
 * every {@link OAuth2AuthorizedClientProvider} bean): they claim only eGain's
 * registrations, never an application's own {@code password} or
 * {@code client_credentials} client.
 *
 * @author egain-auth authors
 */
class EgainAuthAutoConfigurationSpringSecurityTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
						EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
						EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
						EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class))
		.withUserConfiguration(ApplicationSecurity.class)
		.withPropertyValues(TestEgainProperties.allFlows());

	@AfterEach
	void tearDown() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void registrarWhenApplicationHasItsOwnPasswordClientThenItsOwnProviderServesIt() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(OnBehalfOfOAuth2AuthorizedClientProvider.class)
				.hasSingleBean(EgainClientCredentialsOAuth2AuthorizedClientProvider.class)
				.hasSingleBean(OAuth2AuthorizedClientManager.class);
			RequestContextHolder.setRequestAttributes(
					new ServletRequestAttributes(new MockHttpServletRequest(), new MockHttpServletResponse()));
			OAuth2AuthorizedClient authorized = context.getBean(OAuth2AuthorizedClientManager.class)
				.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("legacy")
					.principal(TestEgainAuthorizedClients.principal("pa"))
					.build());
			assertThat(authorized).isNotNull();
			assertThat(authorized.getAccessToken().getTokenValue()).isEqualTo("legacy-token");
		});
	}

	@Test
	void providersWhenApplicationsOwnRegistrationsThenNotClaimed() {
		this.contextRunner.run((context) -> {
			ClientRegistrationRepository registrations = context.getBean(ClientRegistrationRepository.class);
			for (String id : new String[] { "legacy", "machine" }) {
				ClientRegistration registration = registrations.findByRegistrationId(id);
				assertThat(EgainFlow.from(registration)).isNull();
				OAuth2AuthorizationContext authorizationContext = OAuth2AuthorizationContext
					.withClientRegistration(registration)
					.principal(TestEgainAuthorizedClients.principal("pa"))
					.build();
				assertThat(
						context.getBean(OnBehalfOfOAuth2AuthorizedClientProvider.class).authorize(authorizationContext))
					.isNull();
				assertThat(context.getBean(EgainClientCredentialsOAuth2AuthorizedClientProvider.class)
					.authorize(authorizationContext)).isNull();
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class ApplicationSecurity {

		@Bean
		ClientRegistrationRepository clientRegistrationRepository() {
			ClientRegistration legacy = ClientRegistration.withRegistrationId("legacy")
				.authorizationGrantType(EgainFlow.PASSWORD)
				.clientId("legacy-client")
				.clientSecret("legacy-secret")
				.tokenUri("https://idp.example.com/token")
				.build();
			ClientRegistration machine = ClientRegistration.withRegistrationId("machine")
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.clientId("machine-client")
				.clientSecret("machine-secret")
				.tokenUri("https://idp.example.com/token")
				.build();
			return new InMemoryClientRegistrationRepository(legacy, machine);
		}

		@Bean
		OAuth2AuthorizedClientRepository authorizedClientRepository(ClientRegistrationRepository registrations) {
			return new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(
					new InMemoryOAuth2AuthorizedClientService(registrations));
		}

		/**
		 * The application's own provider for its own password client.
		 */
		@Bean
		OAuth2AuthorizedClientProvider legacyPasswordProvider() {
			return (authorizationContext) -> "legacy"
				.equals(authorizationContext.getClientRegistration().getRegistrationId())
						? TestEgainAuthorizedClients.authorizedClient(authorizationContext.getClientRegistration(),
								authorizationContext.getPrincipal().getName(), "legacy-token")
						: null;
		}

	}

}
