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
import java.util.concurrent.atomic.AtomicInteger;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an application's own {@code egainAuthorizedClientService} bean, and no other
 * {@code OAuth2AuthorizedClientService}, stores the tokens of
 * {@link EgainAuthAutoConfiguration}'s managers.
 *
 * @author egain-auth authors
 */
class EgainAuthAutoConfigurationAuthorizedClientServiceTests {

	private MockWebServer server;

	@BeforeEach
	void startServer() throws IOException {
		AtomicInteger tokens = new AtomicInteger();
		this.server = TestEgainTokenServer.start();
		this.server.setDispatcher(TestEgainTokenServer
			.answering((request) -> TestEgainTokenResponses.accessToken("token-" + tokens.incrementAndGet(), 3600)));
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void managerWhenEgainAuthorizedClientServiceDefinedThenStoresTokensThere() {
		contextRunner().withUserConfiguration(EgainServiceConfiguration.class).run((context) -> {
			EgainAccessTokens accessTokens = context.getBean(EgainAccessTokens.class);
			String token = accessTokens.getToken("agent", EgainSubject.username("pa")).getTokenValue();
			OAuth2AuthorizedClientService service = context.getBean("egainAuthorizedClientService",
					OAuth2AuthorizedClientService.class);
			OAuth2AuthorizedClient stored = service.loadAuthorizedClient("agent", "username:pa");
			assertThat(stored).isNotNull();
			assertThat(stored.getAccessToken().getTokenValue()).isEqualTo(token);
			assertThat(accessTokens.getToken("agent", EgainSubject.username("pa")).getTokenValue()).isEqualTo(token);
			assertThat(this.server.getRequestCount()).isOne();
		});
	}

	@Test
	void managerWhenOtherAuthorizedClientServiceDefinedThenLeavesItAlone() {
		contextRunner().withUserConfiguration(OtherServiceConfiguration.class).run((context) -> {
			context.getBean(EgainAccessTokens.class).getToken("agent", EgainSubject.username("pa"));
			OAuth2AuthorizedClientService service = context.getBean("authorizedClientService",
					OAuth2AuthorizedClientService.class);
			assertThat(service.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:pa")).isNull();
			assertThat(this.server.getRequestCount()).isOne();
		});
	}

	@Test
	void reactiveManagerWhenEgainAuthorizedClientServiceDefinedThenStoresTokensThere() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
							EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
							EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
							EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class))
			.withPropertyValues(properties())
			.withUserConfiguration(ReactiveEgainServiceConfiguration.class)
			.run((context) -> {
				ReactiveEgainAccessTokens accessTokens = context.getBean(ReactiveEgainAccessTokens.class);
				String token = accessTokens.getToken("agent", EgainSubject.username("pa")).block().getTokenValue();
				ReactiveOAuth2AuthorizedClientService service = context.getBean("egainAuthorizedClientService",
						ReactiveOAuth2AuthorizedClientService.class);
				OAuth2AuthorizedClient stored = service
					.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:pa")
					.block();
				assertThat(stored).isNotNull();
				assertThat(stored.getAccessToken().getTokenValue()).isEqualTo(token);
				assertThat(this.server.getRequestCount()).isOne();
			});
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
							EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
							EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
							EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class))
			.withPropertyValues(properties());
	}

	private String[] properties() {
		return new String[] { "egain.auth.clients.agent.flow=on-behalf-of-user",
				"egain.auth.clients.agent.client-id=agent-client",
				"egain.auth.clients.agent.client-secret=agent-secret",
				"egain.auth.clients.agent.scopes=knowledge.portalmgr.onbehalfof.read",
				"egain.auth.clients.agent.token-uri=" + this.server.url("/system/auth/T-U/oauth2/token") };
	}

	@Configuration(proxyBeanMethods = false)
	static class EgainServiceConfiguration {

		@Bean
		OAuth2AuthorizedClientService egainAuthorizedClientService(EgainClientRegistrationRepository registrations) {
			return new InMemoryOAuth2AuthorizedClientService(registrations::findByRegistrationId);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherServiceConfiguration {

		@Bean
		OAuth2AuthorizedClientService authorizedClientService(EgainClientRegistrationRepository registrations) {
			return new InMemoryOAuth2AuthorizedClientService(registrations::findByRegistrationId);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveEgainServiceConfiguration {

		@Bean
		ReactiveOAuth2AuthorizedClientService egainAuthorizedClientService(
				EgainClientRegistrationRepository registrations) {
			ReactiveClientRegistrationRepository repository = (registrationId) -> Mono
				.justOrEmpty(registrations.findByRegistrationId(registrationId));
			return new InMemoryReactiveOAuth2AuthorizedClientService(repository);
		}

	}

}
