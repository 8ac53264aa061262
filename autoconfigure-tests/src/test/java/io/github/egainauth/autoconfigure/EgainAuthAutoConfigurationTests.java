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

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainClientCredentialsOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.EgainSubjectResolver;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.OnBehalfOfReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.client.web.client.EgainClientHttpRequestInterceptor;
import io.github.egainauth.client.web.client.EgainRestClients;
import io.github.egainauth.client.web.reactive.EgainExchangeFilterFunction;
import io.github.egainauth.client.web.reactive.EgainWebClients;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * Tests for {@link EgainAuthAutoConfiguration}.
 *
 * @author egain-auth authors
 */
class EgainAuthAutoConfigurationTests {

	private static final String CLIENT_CREDENTIALS_PROVIDER = "egainClientCredentialsAuthorizedClientProvider";

	private static final String REACTIVE_CLIENT_CREDENTIALS_PROVIDER = "egainClientCredentialsReactiveAuthorizedClientProvider";

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(EgainAuthAutoConfiguration.class,
			EgainAuthBlockingAutoConfiguration.class, EgainAuthReactiveAutoConfiguration.class,
			EgainAuthWebClientAutoConfiguration.class, EgainAuthActuatorAutoConfiguration.class,
			EgainAuthHealthAutoConfiguration.class, EgainAuthHttpClientAutoConfiguration.class,
			EgainAuthMetricsAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	private final WebApplicationContextRunner webContextRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	private final ReactiveWebApplicationContextRunner reactiveContextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void autoConfigurationWhenNoClientsThenNoEgainBeans() {
		this.contextRunner.withPropertyValues(TestEgainProperties.tenant())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EgainAuthProperties.class)
				.doesNotHaveBean(EgainClientRegistrationRepository.class)
				.doesNotHaveBean(EgainSubjectResolver.class)
				.doesNotHaveBean(OAuth2AuthorizedClientProvider.class)
				.doesNotHaveBean(OAuth2AuthorizedClientManager.class)
				.doesNotHaveBean(EgainAccessTokens.class)
				.doesNotHaveBean(ReactiveEgainAccessTokens.class)
				.doesNotHaveBean(EgainRestClients.class)
				.doesNotHaveBean(EgainWebClients.class));
	}

	@Test
	void autoConfigurationWhenNoClientsInServletAppThenNoEgainBeans() {
		this.webContextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(EgainClientRegistrationRepository.class)
			.doesNotHaveBean(OAuth2AuthorizedClientManager.class)
			.doesNotHaveBean(EgainRestClients.class)
			.doesNotHaveBean(EgainWebClients.class));
	}

	@Test
	void autoConfigurationWhenNoClientsInReactiveAppThenNoEgainBeans() {
		this.reactiveContextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(EgainClientRegistrationRepository.class)
			.doesNotHaveBean(ReactiveOAuth2AuthorizedClientProvider.class)
			.doesNotHaveBean(ReactiveOAuth2AuthorizedClientManager.class)
			.doesNotHaveBean(ReactiveEgainAccessTokens.class)
			.doesNotHaveBean(EgainWebClients.class));
	}

	@Test
	void autoConfigurationWhenNonWebAppThenBlockingBeans() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows()).run((context) -> {
			assertHasBlockingBeans(context);
			assertHasWebClientBeans(context);
			assertHasNoReactiveManager(context);
		});
	}

	@Test
	void autoConfigurationWhenServletAppThenBlockingBeans() {
		this.webContextRunner.withPropertyValues(TestEgainProperties.allFlows()).run((context) -> {
			assertHasBlockingBeans(context);
			assertHasWebClientBeans(context);
			assertHasNoReactiveManager(context);
		});
	}

	@Test
	void autoConfigurationWhenReactiveAppThenReactiveBeans() {
		this.reactiveContextRunner.withPropertyValues(TestEgainProperties.allFlows()).run((context) -> {
			assertThat(context).hasSingleBean(EgainClientRegistrationRepository.class)
				.hasSingleBean(EgainSubjectResolver.class)
				.hasSingleBean(OnBehalfOfReactiveOAuth2AuthorizedClientProvider.class)
				.hasSingleBean(EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider.class)
				.hasBean(REACTIVE_CLIENT_CREDENTIALS_PROVIDER)
				.hasSingleBean(EgainReactiveAuthorizedClientManager.class)
				.hasSingleBean(ReactiveEgainAccessTokens.class)
				.hasSingleBean(EgainExchangeFilterFunction.class)
				.hasSingleBean(EgainWebClients.class);
			assertThat(context.getBean(REACTIVE_CLIENT_CREDENTIALS_PROVIDER))
				.isInstanceOf(EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider.class);
			assertThat(context).doesNotHaveBean(OAuth2AuthorizedClientManager.class)
				.doesNotHaveBean(OAuth2AuthorizedClientProvider.class)
				.doesNotHaveBean(EgainAccessTokens.class);
		});
	}

	@Test
	void autoConfigurationWhenNoWebFluxThenNoWebClientBeans() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> {
				assertHasBlockingBeans(context);
				assertThat(context).doesNotHaveBean(ReactiveEgainAccessTokens.class)
					.doesNotHaveBean(EgainExchangeFilterFunction.class)
					.doesNotHaveBean(EgainWebClients.class);
				assertHasNoReactiveManager(context);
			});
	}

	@Test
	void autoConfigurationWhenServletAppWithoutWebFluxThenNoWebClientBeans() {
		this.webContextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> {
				assertHasBlockingBeans(context);
				assertThat(context).doesNotHaveBean(ReactiveEgainAccessTokens.class)
					.doesNotHaveBean(EgainExchangeFilterFunction.class)
					.doesNotHaveBean(EgainWebClients.class);
			});
	}

	@Test
	void autoConfigurationWhenNoServletApiThenBlockingBeans() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withClassLoader(new FilteredClassLoader("jakarta.servlet"))
			.run((context) -> {
				assertHasBlockingBeans(context);
				assertHasWebClientBeans(context);
				assertHasNoReactiveManager(context);
			});
	}

	@Test
	void clientRegistrationRepositoryWhenDefinedByUserThenBacksOff() {
		EgainClientRegistrationRepository repository = new EgainClientRegistrationRepository(
				List.of(EgainClientRegistrations.withRegistrationId("mine", EgainFlow.CLIENT_CREDENTIALS)
					.clientId("mine-id")
					.clientSecret(TestEgainProperties.CLIENT_SECRET)
					.scope("knowledge.portalmgr.manage")
					.tokenUri(TestEgainProperties.USER_TOKEN_URI)
					.build()));
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean("myRegistrations", EgainClientRegistrationRepository.class, () -> repository)
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainClientRegistrationRepository.class);
				assertThat(context.getBean(EgainClientRegistrationRepository.class)).isSameAs(repository);
				assertThat(context).hasSingleBean(EgainAuthorizedClientManager.class);
			});
	}

	@Test
	void subjectResolverWhenDefinedByUserThenBacksOff() {
		EgainSubjectResolver resolver = (principal, registration) -> EgainSubject.email("someone@example.com");
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(EgainSubjectResolver.class, () -> resolver)
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainSubjectResolver.class);
				assertThat(context.getBean(EgainSubjectResolver.class)).isSameAs(resolver);
				assertThat(context).hasSingleBean(EgainAuthorizedClientManager.class);
			});
	}

	@Test
	void onBehalfOfProviderWhenDefinedByUserThenBacksOff() {
		OnBehalfOfOAuth2AuthorizedClientProvider provider = new OnBehalfOfOAuth2AuthorizedClientProvider();
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(OnBehalfOfOAuth2AuthorizedClientProvider.class, () -> provider)
			.run((context) -> {
				assertThat(context).hasSingleBean(OnBehalfOfOAuth2AuthorizedClientProvider.class);
				assertThat(context.getBean(OnBehalfOfOAuth2AuthorizedClientProvider.class)).isSameAs(provider);
				assertThat(context).hasSingleBean(EgainAuthorizedClientManager.class);
			});
	}

	@Test
	void clientCredentialsProviderWhenUserDefinesOneThenBacksOff() {
		EgainClientCredentialsOAuth2AuthorizedClientProvider provider = new EgainClientCredentialsOAuth2AuthorizedClientProvider();
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean("myEgainClientCredentialsProvider", EgainClientCredentialsOAuth2AuthorizedClientProvider.class,
					() -> provider)
			.run((context) -> {
				assertThat(context).getBean(EgainClientCredentialsOAuth2AuthorizedClientProvider.class)
					.isSameAs(provider);
				assertThat(context).doesNotHaveBean(CLIENT_CREDENTIALS_PROVIDER);
				assertThat(context).hasSingleBean(EgainAuthorizedClientManager.class);
			});
	}

	@Test
	void clientCredentialsProviderWhenUserDefinesSpringsOwnThenBothExist() {
		ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean("myClientCredentialsProvider", ClientCredentialsOAuth2AuthorizedClientProvider.class,
					() -> provider)
			.run((context) -> {
				assertThat(context).getBeans(ClientCredentialsOAuth2AuthorizedClientProvider.class)
					.containsOnlyKeys("myClientCredentialsProvider");
				assertThat(context).getBean(CLIENT_CREDENTIALS_PROVIDER)
					.isInstanceOf(EgainClientCredentialsOAuth2AuthorizedClientProvider.class);
				assertThat(context).hasSingleBean(EgainAuthorizedClientManager.class);
			});
	}

	@Test
	void authorizedClientManagerWhenDefinedByUserThenBacksOff() {
		EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager((id) -> null,
				new InMemoryOAuth2AuthorizedClientService((id) -> null));
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(EgainAuthorizedClientManager.class, () -> manager)
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainAuthorizedClientManager.class);
				assertThat(context.getBean(EgainAuthorizedClientManager.class)).isSameAs(manager);
				assertThat(context).hasSingleBean(EgainAccessTokens.class);
			});
	}

	@Test
	void accessTokensWhenDefinedByUserThenBacksOff() {
		EgainAccessTokens accessTokens = TestEgainProperties.fixedAccessTokens();
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(EgainAccessTokens.class, () -> accessTokens)
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainAccessTokens.class);
				assertThat(context.getBean(EgainAccessTokens.class)).isSameAs(accessTokens);
				assertThat(context).hasSingleBean(EgainClientHttpRequestInterceptor.class);
			});
	}

	@Test
	void clientHttpRequestInterceptorWhenDefinedByUserThenBacksOff() {
		EgainClientHttpRequestInterceptor interceptor = new EgainClientHttpRequestInterceptor(
				TestEgainProperties.fixedAccessTokens());
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(EgainClientHttpRequestInterceptor.class, () -> interceptor)
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainClientHttpRequestInterceptor.class);
				assertThat(context.getBean(EgainClientHttpRequestInterceptor.class)).isSameAs(interceptor);
				assertThat(context).hasSingleBean(EgainRestClients.class);
			});
	}

	@Test
	void restClientsWhenDefinedByUserThenBacksOff() {
		EgainRestClients restClients = new EgainRestClients(RestClient::builder,
				new EgainClientHttpRequestInterceptor(TestEgainProperties.fixedAccessTokens()),
				"https://api.example.com", "de-DE");
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(EgainRestClients.class, () -> restClients)
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainRestClients.class);
				assertThat(context.getBean(EgainRestClients.class)).isSameAs(restClients);
			});
	}

	@Test
	void reactiveAccessTokensWhenDefinedByUserInBlockingAppThenBacksOff() {
		ReactiveEgainAccessTokens accessTokens = TestEgainProperties.fixedReactiveAccessTokens();
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(ReactiveEgainAccessTokens.class, () -> accessTokens)
			.run((context) -> {
				assertThat(context).hasSingleBean(ReactiveEgainAccessTokens.class);
				assertThat(context.getBean(ReactiveEgainAccessTokens.class)).isSameAs(accessTokens);
				assertThat(context).hasSingleBean(EgainExchangeFilterFunction.class);
			});
	}

	@Test
	void exchangeFilterFunctionWhenDefinedByUserThenBacksOff() {
		EgainExchangeFilterFunction filter = new EgainExchangeFilterFunction(
				TestEgainProperties.fixedReactiveAccessTokens());
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(EgainExchangeFilterFunction.class, () -> filter)
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainExchangeFilterFunction.class);
				assertThat(context.getBean(EgainExchangeFilterFunction.class)).isSameAs(filter);
				assertThat(context).hasSingleBean(EgainWebClients.class);
			});
	}

	@Test
	void webClientsWhenDefinedByUserThenBacksOff() {
		EgainWebClients webClients = new EgainWebClients(WebClient::builder,
				new EgainExchangeFilterFunction(TestEgainProperties.fixedReactiveAccessTokens()),
				"https://api.example.com", "de-DE");
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(EgainWebClients.class, () -> webClients)
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainWebClients.class);
				assertThat(context.getBean(EgainWebClients.class)).isSameAs(webClients);
			});
	}

	@Test
	void reactiveOnBehalfOfProviderWhenDefinedByUserThenBacksOff() {
		OnBehalfOfReactiveOAuth2AuthorizedClientProvider provider = new OnBehalfOfReactiveOAuth2AuthorizedClientProvider();
		this.reactiveContextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(OnBehalfOfReactiveOAuth2AuthorizedClientProvider.class, () -> provider)
			.run((context) -> {
				assertThat(context).hasSingleBean(OnBehalfOfReactiveOAuth2AuthorizedClientProvider.class);
				assertThat(context.getBean(OnBehalfOfReactiveOAuth2AuthorizedClientProvider.class)).isSameAs(provider);
				assertThat(context).hasSingleBean(EgainReactiveAuthorizedClientManager.class);
			});
	}

	@Test
	void reactiveClientCredentialsProviderWhenUserDefinesOneThenBacksOff() {
		EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		this.reactiveContextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean("myEgainClientCredentialsProvider",
					EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider.class, () -> provider)
			.run((context) -> {
				assertThat(context).getBean(EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider.class)
					.isSameAs(provider);
				assertThat(context).doesNotHaveBean(REACTIVE_CLIENT_CREDENTIALS_PROVIDER);
				assertThat(context).hasSingleBean(EgainReactiveAuthorizedClientManager.class);
			});
	}

	@Test
	void reactiveClientCredentialsProviderWhenUserDefinesSpringsOwnThenBothExist() {
		ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		this.reactiveContextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean("myClientCredentialsProvider", ClientCredentialsReactiveOAuth2AuthorizedClientProvider.class,
					() -> provider)
			.run((context) -> {
				assertThat(context).getBeans(ClientCredentialsReactiveOAuth2AuthorizedClientProvider.class)
					.containsOnlyKeys("myClientCredentialsProvider");
				assertThat(context).getBean(REACTIVE_CLIENT_CREDENTIALS_PROVIDER)
					.isInstanceOf(EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider.class);
				assertThat(context).hasSingleBean(EgainReactiveAuthorizedClientManager.class);
			});
	}

	@Test
	void reactiveAuthorizedClientManagerWhenDefinedByUserThenBacksOff() {
		EgainReactiveAuthorizedClientManager manager = new EgainReactiveAuthorizedClientManager((id) -> null,
				new InMemoryReactiveOAuth2AuthorizedClientService((id) -> Mono.empty()));
		this.reactiveContextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(EgainReactiveAuthorizedClientManager.class, () -> manager)
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainReactiveAuthorizedClientManager.class);
				assertThat(context.getBean(EgainReactiveAuthorizedClientManager.class)).isSameAs(manager);
				assertThat(context).hasSingleBean(ReactiveEgainAccessTokens.class);
			});
	}

	@Test
	void reactiveAccessTokensWhenDefinedByUserInReactiveAppThenBacksOff() {
		ReactiveEgainAccessTokens accessTokens = TestEgainProperties.fixedReactiveAccessTokens();
		this.reactiveContextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(ReactiveEgainAccessTokens.class, () -> accessTokens)
			.run((context) -> {
				assertThat(context).hasSingleBean(ReactiveEgainAccessTokens.class);
				assertThat(context.getBean(ReactiveEgainAccessTokens.class)).isSameAs(accessTokens);
				assertThat(context).hasSingleBean(EgainExchangeFilterFunction.class);
			});
	}

	@Test
	void exchangeFilterFunctionWhenDefinedByUserInReactiveAppThenBacksOff() {
		EgainExchangeFilterFunction filter = new EgainExchangeFilterFunction(
				TestEgainProperties.fixedReactiveAccessTokens());
		this.reactiveContextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(EgainExchangeFilterFunction.class, () -> filter)
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainExchangeFilterFunction.class);
				assertThat(context.getBean(EgainExchangeFilterFunction.class)).isSameAs(filter);
				assertThat(context).hasSingleBean(EgainWebClients.class);
			});
	}

	@Test
	void webClientsWhenDefinedByUserInReactiveAppThenBacksOff() {
		EgainWebClients webClients = new EgainWebClients(WebClient::builder,
				new EgainExchangeFilterFunction(TestEgainProperties.fixedReactiveAccessTokens()),
				"https://api.example.com", "de-DE");
		this.reactiveContextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(EgainWebClients.class, () -> webClients)
			.run((context) -> {
				assertThat(context).hasSingleBean(EgainWebClients.class);
				assertThat(context.getBean(EgainWebClients.class)).isSameAs(webClients);
			});
	}

	@Test
	void clientRegistrationRepositoryWhenAllFlowsThenOneRegistrationPerClientWithDerivedTokenUris() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows()).run((context) -> {
			EgainClientRegistrationRepository repository = context.getBean(EgainClientRegistrationRepository.class);
			assertThat(repository.getNames()).containsExactly(TestEgainProperties.USER_CLIENT,
					TestEgainProperties.CUSTOMER_CLIENT, TestEgainProperties.APPLICATION_CLIENT,
					TestEgainProperties.ANONYMOUS_CLIENT);
			assertThat(repository).hasSize(4).allSatisfy((registration) -> {
				assertThat(registration.getClientId()).isEqualTo(registration.getRegistrationId() + "-id");
				assertThat(registration.getClientSecret()).isEqualTo(TestEgainProperties.CLIENT_SECRET);
				assertThat(registration.getClientName()).isEqualTo(registration.getRegistrationId());
				assertThat(registration.getClientAuthenticationMethod())
					.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
			});
			ClientRegistration user = registration(context, TestEgainProperties.USER_CLIENT);
			assertThat(EgainFlow.from(user)).isEqualTo(EgainFlow.ON_BEHALF_OF_USER);
			assertThat(user.getAuthorizationGrantType()).isEqualTo(EgainFlow.PASSWORD);
			assertThat(user.getProviderDetails().getTokenUri()).isEqualTo(TestEgainProperties.USER_TOKEN_URI);
			assertThat(user.getScopes()).containsExactly("knowledge.portalmgr.onbehalfof.read");
			ClientRegistration customer = registration(context, TestEgainProperties.CUSTOMER_CLIENT);
			assertThat(EgainFlow.from(customer)).isEqualTo(EgainFlow.ON_BEHALF_OF_CUSTOMER);
			assertThat(customer.getAuthorizationGrantType()).isEqualTo(EgainFlow.PASSWORD);
			assertThat(customer.getProviderDetails().getTokenUri()).isEqualTo(TestEgainProperties.CUSTOMER_TOKEN_URI);
			assertThat(customer.getScopes()).containsExactly("knowledge.portalmgr.onbehalfof.customer.read");
			ClientRegistration application = registration(context, TestEgainProperties.APPLICATION_CLIENT);
			assertThat(EgainFlow.from(application)).isEqualTo(EgainFlow.CLIENT_CREDENTIALS);
			assertThat(application.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
			assertThat(application.getProviderDetails().getTokenUri()).isEqualTo(TestEgainProperties.USER_TOKEN_URI);
			assertThat(application.getScopes()).containsExactly("knowledge.portalmgr.manage");
			ClientRegistration anonymous = registration(context, TestEgainProperties.ANONYMOUS_CLIENT);
			assertThat(EgainFlow.from(anonymous)).isEqualTo(EgainFlow.ANONYMOUS_CUSTOMER);
			assertThat(anonymous.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
			assertThat(anonymous.getProviderDetails().getTokenUri()).isEqualTo(TestEgainProperties.ANONYMOUS_TOKEN_URI);
			assertThat(anonymous.getScopes()).containsExactly("https://api.ai.egain.cloud/auth/core.aiservices.read");
		});
	}

	@Test
	void clientRegistrationRepositoryWhenTokenUriSetThenOverridesDerivedOne() {
		String tokenUri = "https://egain.example.com/system/auth/OTHER-U/oauth2/token";
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withPropertyValues("egain.auth.clients.reporting.token-uri=" + tokenUri,
					"egain.auth.clients.chat.token-uri=" + tokenUri + "?user_type=customer")
			.run((context) -> {
				assertThat(registration(context, TestEgainProperties.APPLICATION_CLIENT).getProviderDetails()
					.getTokenUri()).isEqualTo(tokenUri);
				assertThat(
						registration(context, TestEgainProperties.ANONYMOUS_CLIENT).getProviderDetails().getTokenUri())
					.isEqualTo(tokenUri + "?user_type=customer");
				assertThat(registration(context, TestEgainProperties.USER_CLIENT).getProviderDetails().getTokenUri())
					.isEqualTo(TestEgainProperties.USER_TOKEN_URI);
			});
	}

	@Test
	void clientRegistrationRepositoryWhenScopePrefixSetOnAnonymousClientThenOverridesDefaultPrefix() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withPropertyValues("egain.auth.clients.chat.scope-prefix=https://api.example.com/auth/",
					"egain.auth.clients.chat.scopes=core.aiservices.read https://other.example.com/auth/x.read")
			.run((context) -> assertThat(registration(context, TestEgainProperties.ANONYMOUS_CLIENT).getScopes())
				.containsExactly("https://api.example.com/auth/core.aiservices.read",
						"https://other.example.com/auth/x.read"));
	}

	@Test
	void clientRegistrationRepositoryWhenScopePrefixSetOnUserClientThenApplied() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withPropertyValues("egain.auth.clients.agent-assist.scope-prefix=https://api.ai.egain.cloud/auth")
			.run((context) -> {
				assertThat(registration(context, TestEgainProperties.USER_CLIENT).getScopes())
					.containsExactly("https://api.ai.egain.cloud/auth/knowledge.portalmgr.onbehalfof.read");
				assertThat(registration(context, TestEgainProperties.APPLICATION_CLIENT).getScopes())
					.containsExactly("knowledge.portalmgr.manage");
			});
	}

	@Test
	void clientRegistrationRepositoryWhenScopesSpaceSeparatedThenSplit() {
		this.contextRunner.withPropertyValues(TestEgainProperties.tenant())
			.withPropertyValues(TestEgainProperties.client("reporting", "client-credentials",
					"knowledge.portalmgr.manage  knowledge.portalmgr.read"))
			.run((context) -> assertThat(registration(context, "reporting").getScopes())
				.containsExactly("knowledge.portalmgr.manage", "knowledge.portalmgr.read"));
	}

	@Test
	void clientRegistrationRepositoryWhenScopesListedThenAllUsed() {
		this.contextRunner.withPropertyValues(TestEgainProperties.tenant())
			.withPropertyValues("egain.auth.clients.reporting.flow=client-credentials",
					"egain.auth.clients.reporting.client-id=reporting-id",
					"egain.auth.clients.reporting.client-secret=" + TestEgainProperties.CLIENT_SECRET,
					"egain.auth.clients.reporting.scopes[0]=knowledge.portalmgr.manage",
					"egain.auth.clients.reporting.scopes[1]=knowledge.portalmgr.read")
			.run((context) -> assertThat(registration(context, "reporting").getScopes())
				.containsExactly("knowledge.portalmgr.manage", "knowledge.portalmgr.read"));
	}

	@Test
	void clientRegistrationRepositoryWhenCustomBaseUrlsThenUsedInDerivation() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withPropertyValues("egain.auth.auth-base-url=https://auth.example.com/",
					"egain.auth.api-base-url=https://api.example.com")
			.run((context) -> {
				assertThat(registration(context, TestEgainProperties.USER_CLIENT).getProviderDetails().getTokenUri())
					.isEqualTo("https://auth.example.com/system/auth/TENANT-U/oauth2/token");
				assertThat(
						registration(context, TestEgainProperties.CUSTOMER_CLIENT).getProviderDetails().getTokenUri())
					.isEqualTo("https://auth.example.com/system/auth/TENANT-C/oauth2/token");
				assertThat(registration(context, TestEgainProperties.APPLICATION_CLIENT).getProviderDetails()
					.getTokenUri()).isEqualTo("https://auth.example.com/system/auth/TENANT-U/oauth2/token");
				ClientRegistration anonymous = registration(context, TestEgainProperties.ANONYMOUS_CLIENT);
				assertThat(anonymous.getProviderDetails().getTokenUri()).isEqualTo(
						"https://api.example.com/core/authmgr/v3/oauth2/v2.0/anonymous/token?user_type=customer&domain_hint=TENANT");
				assertThat(anonymous.getScopes()).containsExactly("https://api.example.com/auth/core.aiservices.read");
			});
	}

	@Test
	void clientRegistrationRepositoryWhenUserIdentifierUserIdThenRecorded() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withPropertyValues("egain.auth.clients.agent-assist.user-identifier=user-id")
			.run((context) -> assertThat(
					EgainClientRegistrations.defaultSubjectKind(registration(context, TestEgainProperties.USER_CLIENT)))
				.isEqualTo(EgainSubject.Kind.USER_ID));
	}

	@Test
	void clientRegistrationRepositoryWhenNoUserIdentifierThenUsernameForUsersAndEmailForCustomers() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows()).run((context) -> {
			assertThat(
					EgainClientRegistrations.defaultSubjectKind(registration(context, TestEgainProperties.USER_CLIENT)))
				.isEqualTo(EgainSubject.Kind.USERNAME);
			assertThat(EgainClientRegistrations
				.defaultSubjectKind(registration(context, TestEgainProperties.CUSTOMER_CLIENT)))
				.isEqualTo(EgainSubject.Kind.EMAIL);
		});
	}

	@Test
	void restClientsWhenOneClientThenCallsNeedNotNameIt() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withBean(EgainAccessTokens.class, TestEgainProperties::fixedAccessTokens)
			.run((context) -> {
				RestClient.Builder builder = context.getBean(EgainRestClients.class).builder();
				MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
				server.expect(requestTo("https://api.ai.egain.cloud/knowledge/portalmgr/v4/portals"))
					.andExpect(header(HttpHeaders.AUTHORIZATION, "Bearer token-for-agent-assist"))
					.andExpect(header(HttpHeaders.ACCEPT_LANGUAGE, "en-US"))
					.andRespond(withSuccess());
				builder.build().get().uri("/knowledge/portalmgr/v4/portals").retrieve().toBodilessEntity();
				server.verify();
			});
	}

	@Test
	void restClientsWhenSeveralClientsThenCallsMustNameOne() {
		this.contextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(EgainAccessTokens.class, TestEgainProperties::fixedAccessTokens)
			.run((context) -> {
				RestClient.Builder builder = context.getBean(EgainRestClients.class).builder();
				MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
				RestClient restClient = builder.build();
				assertThatIllegalArgumentException()
					.isThrownBy(
							() -> restClient.get().uri("/knowledge/portalmgr/v4/portals").retrieve().toBodilessEntity())
					.withMessageContaining("names no eGain client");
				server.verify();
			});
	}

	@Test
	void webClientsWhenOneClientThenCallsNeedNotNameIt() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withBean(ReactiveEgainAccessTokens.class, TestEgainProperties::fixedReactiveAccessTokens)
			.run((context) -> {
				HttpHeaders headers = webClientCallHeaders(context);
				assertThat(headers.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer token-for-agent-assist");
				assertThat(headers.getFirst(HttpHeaders.ACCEPT_LANGUAGE)).isEqualTo("en-US");
			});
	}

	@Test
	void webClientsWhenOneClientInReactiveAppThenCallsNeedNotNameIt() {
		this.reactiveContextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withBean(ReactiveEgainAccessTokens.class, TestEgainProperties::fixedReactiveAccessTokens)
			.run((context) -> assertThat(webClientCallHeaders(context).getFirst(HttpHeaders.AUTHORIZATION))
				.isEqualTo("Bearer token-for-agent-assist"));
	}

	@Test
	void webClientsWhenSeveralClientsThenCallsMustNameOne() {
		this.reactiveContextRunner.withPropertyValues(TestEgainProperties.allFlows())
			.withBean(ReactiveEgainAccessTokens.class, TestEgainProperties::fixedReactiveAccessTokens)
			.run((context) -> assertThatIllegalArgumentException().isThrownBy(() -> webClientCallHeaders(context))
				.withMessageContaining("names no eGain client"));
	}

	@Test
	void clientHttpRequestInterceptorWhenApiBaseUrlOriginOrAllowedOriginThenAttachesTokenElseRefuses() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues(
					"egain.auth.allowed-origins=https://API.EU.egain.cloud, https://api.staging.egain.cloud:8443")
			.withBean(EgainAccessTokens.class, TestEgainProperties::fixedAccessTokens)
			.run((context) -> {
				RestClient.Builder builder = RestClient.builder()
					.requestInterceptor(context.getBean(EgainClientHttpRequestInterceptor.class));
				MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
				for (String url : List.of("https://api.ai.egain.cloud/knowledge/portalmgr/v4/portals",
						"https://api.eu.egain.cloud:443/knowledge/portalmgr/v4/portals",
						"https://api.staging.egain.cloud:8443/knowledge/portalmgr/v4/portals")) {
					server.expect(requestTo(url))
						.andExpect(header(HttpHeaders.AUTHORIZATION, "Bearer token-for-agent-assist"))
						.andRespond(withSuccess());
				}
				RestClient restClient = builder.build();
				restClient.get()
					.uri("https://api.ai.egain.cloud/knowledge/portalmgr/v4/portals")
					.retrieve()
					.toBodilessEntity();
				restClient.get()
					.uri("https://api.eu.egain.cloud:443/knowledge/portalmgr/v4/portals")
					.retrieve()
					.toBodilessEntity();
				restClient.get()
					.uri("https://api.staging.egain.cloud:8443/knowledge/portalmgr/v4/portals")
					.retrieve()
					.toBodilessEntity();
				assertThatIllegalArgumentException().isThrownBy(
						() -> restClient.get().uri("https://collector.example.com/steal").retrieve().toBodilessEntity())
					.withMessage("Refusing to send the token of eGain client 'agent-assist' to "
							+ "https://collector.example.com: only [https://api.ai.egain.cloud, "
							+ "https://api.eu.egain.cloud, https://api.staging.egain.cloud:8443] may receive eGain "
							+ "tokens. Fix the URL, or, if that origin serves eGain's API, add it to "
							+ "egain.auth.allowed-origins");
				assertThatIllegalArgumentException()
					.isThrownBy(() -> restClient.get()
						.uri("https://api.staging.egain.cloud/knowledge/portalmgr/v4/portals")
						.retrieve()
						.toBodilessEntity())
					.withMessageStartingWith("Refusing to send the token of eGain client 'agent-assist' to "
							+ "https://api.staging.egain.cloud: only");
				server.verify();
			});
	}

	@Test
	void clientHttpRequestInterceptorWhenDeprecatedAllowedHostsThenEachIsItsHttpsOriginOnPort443() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.allowed-hosts=API.EU.egain.cloud")
			.withBean(EgainAccessTokens.class, TestEgainProperties::fixedAccessTokens)
			.run((context) -> {
				RestClient.Builder builder = RestClient.builder()
					.requestInterceptor(context.getBean(EgainClientHttpRequestInterceptor.class));
				MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
				server.expect(requestTo("https://api.eu.egain.cloud/x"))
					.andExpect(header(HttpHeaders.AUTHORIZATION, "Bearer token-for-agent-assist"))
					.andRespond(withSuccess());
				RestClient restClient = builder.build();
				restClient.get().uri("https://api.eu.egain.cloud/x").retrieve().toBodilessEntity();
				assertThatIllegalArgumentException().isThrownBy(
						() -> restClient.get().uri("https://api.eu.egain.cloud:8443/x").retrieve().toBodilessEntity())
					.withMessageContaining("to https://api.eu.egain.cloud:8443: only [https://api.ai.egain.cloud, "
							+ "https://api.eu.egain.cloud]");
				assertThatIllegalArgumentException()
					.isThrownBy(() -> restClient.get().uri("http://api.eu.egain.cloud/x").retrieve().toBodilessEntity())
					.withMessageContaining("to http://api.eu.egain.cloud: eGain tokens travel over plain http://");
				server.verify();
			});
	}

	@ParameterizedTest
	@CsvSource({ "https://api.example.egain.cloud, https://api.example.egain.cloud, https://api.ai.egain.cloud",
			"https://api.example.egain.cloud:8443/base, https://api.example.egain.cloud:8443, "
					+ "https://api.example.egain.cloud",
			"http://localhost:8089, http://localhost:8089, http://localhost:8090" })
	void clientHttpRequestInterceptorWhenCustomApiBaseUrlThenOnlyItsOriginAllowed(String apiBaseUrl, String origin,
			String otherOrigin) {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.api-base-url=" + apiBaseUrl)
			.withBean(EgainAccessTokens.class, TestEgainProperties::fixedAccessTokens)
			.run((context) -> {
				RestClient.Builder builder = RestClient.builder()
					.requestInterceptor(context.getBean(EgainClientHttpRequestInterceptor.class));
				MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
				server.expect(requestTo(origin + "/x")).andRespond(withSuccess());
				RestClient restClient = builder.build();
				restClient.get().uri(origin + "/x").retrieve().toBodilessEntity();
				assertThatIllegalArgumentException()
					.isThrownBy(() -> restClient.get().uri(otherOrigin + "/x").retrieve().toBodilessEntity())
					.withMessageContaining("to " + otherOrigin + ": only [" + origin + "]");
				server.verify();
			});
	}

	@Test
	void exchangeFilterFunctionWhenApiBaseUrlOriginOrAllowedOriginThenAttachesTokenElseRefuses() {
		this.contextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withPropertyValues("egain.auth.allowed-origins=https://API.EU.egain.cloud:8443",
					"egain.auth.allowed-hosts=api.staging.egain.cloud")
			.withBean(ReactiveEgainAccessTokens.class, TestEgainProperties::fixedReactiveAccessTokens)
			.run((context) -> {
				EgainExchangeFilterFunction filter = context.getBean(EgainExchangeFilterFunction.class);
				assertThat(filteredAuthorization(filter, "https://api.ai.egain.cloud/x"))
					.isEqualTo("Bearer token-for-agent-assist");
				assertThat(filteredAuthorization(filter, "https://api.eu.egain.cloud:8443/x"))
					.isEqualTo("Bearer token-for-agent-assist");
				assertThat(filteredAuthorization(filter, "https://api.staging.egain.cloud/x"))
					.isEqualTo("Bearer token-for-agent-assist");
				assertThatIllegalArgumentException()
					.isThrownBy(() -> filteredAuthorization(filter, "https://api.eu.egain.cloud/x"))
					.withMessageStartingWith("Refusing to send the token of eGain client 'agent-assist' to "
							+ "https://api.eu.egain.cloud: only [https://api.ai.egain.cloud, "
							+ "https://api.eu.egain.cloud:8443, https://api.staging.egain.cloud]");
			});
	}

	@Test
	void exchangeFilterFunctionWhenReactiveAppThenRefusesOtherOrigins() {
		this.reactiveContextRunner.withPropertyValues(TestEgainProperties.oneClient())
			.withBean(ReactiveEgainAccessTokens.class, TestEgainProperties::fixedReactiveAccessTokens)
			.run((context) -> {
				EgainExchangeFilterFunction filter = context.getBean(EgainExchangeFilterFunction.class);
				assertThat(filteredAuthorization(filter, "https://api.ai.egain.cloud/x"))
					.isEqualTo("Bearer token-for-agent-assist");
				assertThatIllegalArgumentException()
					.isThrownBy(() -> filteredAuthorization(filter, "https://api.eu.egain.cloud/x"))
					.withMessageContaining("to https://api.eu.egain.cloud: only [https://api.ai.egain.cloud]");
				assertThatIllegalArgumentException()
					.isThrownBy(() -> filteredAuthorization(filter, "http://api.ai.egain.cloud/x?q=private"))
					.withMessage("Refusing to send the token of eGain client 'agent-assist' to "
							+ "http://api.ai.egain.cloud: eGain tokens travel over plain http:// only to loopback "
							+ "hosts. Use https://api.ai.egain.cloud instead");
			});
	}

	@Test
	void autoConfigurationWhenSpringSecurityClientsAlsoConfiguredThenBothCoexist() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TestSpringBootLine.oauth2ClientAutoConfiguration(),
					EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
					EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
					EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
					EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class))
			.withPropertyValues("spring.security.oauth2.client.registration.google.client-id=google-client-id",
					"spring.security.oauth2.client.registration.google.client-secret=google-client-secret",
					"spring.security.oauth2.client.registration.google.provider=google")
			.withPropertyValues(TestEgainProperties.allFlows())
			.run((context) -> {
				assertThat(context).hasSingleBean(ClientRegistrationRepository.class)
					.hasSingleBean(OAuth2AuthorizedClientService.class)
					.hasSingleBean(EgainClientRegistrationRepository.class)
					.hasSingleBean(EgainAuthorizedClientManager.class)
					.hasSingleBean(EgainAccessTokens.class)
					.hasSingleBean(EgainRestClients.class);
				ClientRegistrationRepository springRegistrations = context.getBean(ClientRegistrationRepository.class);
				assertThat(springRegistrations.findByRegistrationId("google")).isNotNull();
				assertThat(springRegistrations.findByRegistrationId(TestEgainProperties.USER_CLIENT)).isNull();
				assertThat(springRegistrations.findByRegistrationId(TestEgainProperties.APPLICATION_CLIENT)).isNull();
				EgainClientRegistrationRepository egainRegistrations = context
					.getBean(EgainClientRegistrationRepository.class);
				assertThat(egainRegistrations.findByRegistrationId(TestEgainProperties.USER_CLIENT)).isNotNull();
				assertThat(egainRegistrations.findByRegistrationId(TestEgainProperties.APPLICATION_CLIENT)).isNotNull();
				assertThat(egainRegistrations.findByRegistrationId("google")).isNull();
			});
	}

	@Test
	void autoConfigurationWhenSpringSecurityReactiveClientsAlsoConfiguredThenBothCoexist() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TestSpringBootLine.reactiveOAuth2ClientAutoConfiguration(),
					EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
					EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
					EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
					EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class))
			.withPropertyValues("spring.security.oauth2.client.registration.google.client-id=google-client-id",
					"spring.security.oauth2.client.registration.google.client-secret=google-client-secret",
					"spring.security.oauth2.client.registration.google.provider=google")
			.withPropertyValues(TestEgainProperties.allFlows())
			.run((context) -> {
				assertThat(context).hasSingleBean(ReactiveClientRegistrationRepository.class)
					.hasSingleBean(ReactiveOAuth2AuthorizedClientService.class)
					.hasSingleBean(EgainClientRegistrationRepository.class)
					.hasSingleBean(EgainReactiveAuthorizedClientManager.class)
					.hasSingleBean(EgainWebClients.class);
				ReactiveClientRegistrationRepository springRegistrations = context
					.getBean(ReactiveClientRegistrationRepository.class);
				assertThat(springRegistrations.findByRegistrationId("google").block()).isNotNull();
				assertThat(springRegistrations.findByRegistrationId(TestEgainProperties.USER_CLIENT).block()).isNull();
				EgainClientRegistrationRepository egainRegistrations = context
					.getBean(EgainClientRegistrationRepository.class);
				assertThat(egainRegistrations.findByRegistrationId(TestEgainProperties.USER_CLIENT)).isNotNull();
				assertThat(egainRegistrations.findByRegistrationId("google")).isNull();
			});
	}

	@Test
	void configurationMetadataWhenGeneratedThenDescribesPropertiesAndTheirDefaults() throws Exception {
		List<Metadata> documents = new ArrayList<>();
		for (URL url : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream content = url.openStream()) {
				documents.add(
						Metadata.of(JSONObjectUtils.parse(new String(content.readAllBytes(), StandardCharsets.UTF_8))));
			}
		}
		Metadata metadata = documents.stream()
			.filter((document) -> document.groups().stream().anyMatch((group) -> "egain.auth".equals(group.name())))
			.findFirst()
			.orElseThrow();
		assertThat(metadata.properties())
			.filteredOn((property) -> List.of("egain.auth.tenant-id", "egain.auth.clients", "egain.auth.clock-skew")
				.contains(property.name()))
			.hasSize(3)
			.allSatisfy((property) -> assertThat(property.description()).isNotBlank());
		assertThat(metadata.properties()).filteredOn((property) -> property.deprecation() != null)
			.singleElement()
			.satisfies((property) -> {
				assertThat(property.name()).isEqualTo("egain.auth.allowed-hosts");
				assertThat(property.deprecation()).isEqualTo(new Deprecation("egain.auth.allowed-origins"));
			});
		assertThat(metadata.properties()).filteredOn((property) -> "egain.auth.allowed-origins".equals(property.name()))
			.singleElement()
			.satisfies((property) -> assertThat(property.description()).startsWith("Further origins that may receive"));
		// Defaults are declared once, in code; the metadata the IDE shows says the same.
		EgainAuthProperties defaults = new EgainAuthProperties();
		BeanWrapper properties = new BeanWrapperImpl(defaults);
		List<Property> withDefaults = metadata.properties()
			.stream()
			.filter((property) -> property.defaultValue() != null)
			.toList();
		assertThat(withDefaults).extracting(Property::name)
			.contains("egain.auth.clock-skew", "egain.auth.default-token-lifetime", "egain.auth.cache.max-subjects",
					"egain.auth.auth-base-url", "egain.auth.api-base-url", "egain.auth.token-endpoint.max-attempts",
					"egain.auth.token-endpoint.initial-backoff", "egain.auth.token-endpoint.max-backoff",
					"egain.auth.token-endpoint.deadline");
		for (Property property : withDefaults) {
			String path = toCamelCase(property.name().substring("egain.auth.".length()));
			Object actual = properties.getPropertyValue(path);
			assertThat(actual).isNotNull();
			assertThat(ApplicationConversionService.getSharedInstance()
				.convert(property.defaultValue().toString(), actual.getClass())).as("default of %s", property.name())
				.isEqualTo(actual);
		}
	}

	private static String toCamelCase(String kebab) {
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : kebab.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

	private static void assertHasBlockingBeans(ApplicationContextAssertProvider<?> context) {
		assertThat(context).hasSingleBean(EgainClientRegistrationRepository.class)
			.hasSingleBean(EgainSubjectResolver.class)
			.hasSingleBean(OnBehalfOfOAuth2AuthorizedClientProvider.class)
			.hasSingleBean(EgainClientCredentialsOAuth2AuthorizedClientProvider.class)
			.hasBean(CLIENT_CREDENTIALS_PROVIDER)
			.hasSingleBean(EgainAuthorizedClientManager.class)
			.hasSingleBean(EgainAccessTokens.class)
			.hasSingleBean(EgainClientHttpRequestInterceptor.class)
			.hasSingleBean(EgainRestClients.class);
		assertThat(context.getBean(CLIENT_CREDENTIALS_PROVIDER))
			.isInstanceOf(EgainClientCredentialsOAuth2AuthorizedClientProvider.class);
	}

	private static void assertHasWebClientBeans(ApplicationContextAssertProvider<?> context) {
		assertThat(context).hasSingleBean(ReactiveEgainAccessTokens.class)
			.hasSingleBean(EgainExchangeFilterFunction.class)
			.hasSingleBean(EgainWebClients.class);
	}

	private static void assertHasNoReactiveManager(ApplicationContextAssertProvider<?> context) {
		assertThat(context).doesNotHaveBean(ReactiveOAuth2AuthorizedClientManager.class)
			.doesNotHaveBean(ReactiveOAuth2AuthorizedClientProvider.class)
			.doesNotHaveBean(REACTIVE_CLIENT_CREDENTIALS_PROVIDER);
	}

	private static ClientRegistration registration(AssertableApplicationContext context, String name) {
		assertThat(context).hasNotFailed();
		return Objects.requireNonNull(
				context.getBean(EgainClientRegistrationRepository.class).findByRegistrationId(name),
				() -> "No registration " + name);
	}

	private static String filteredAuthorization(EgainExchangeFilterFunction filter, String url) {
		AtomicReference<ClientRequest> sent = new AtomicReference<>();
		filter.filter(ClientRequest.create(HttpMethod.GET, URI.create(url)).build(), (request) -> {
			sent.set(request);
			return Mono.just(ClientResponse.create(HttpStatus.OK).build());
		}).block(Duration.ofSeconds(10));
		assertThat(sent.get()).isNotNull();
		return sent.get().headers().getFirst(HttpHeaders.AUTHORIZATION);
	}

	private static HttpHeaders webClientCallHeaders(ApplicationContext context) {
		AtomicReference<ClientRequest> sent = new AtomicReference<>();
		WebClient webClient = context.getBean(EgainWebClients.class).builder().exchangeFunction((request) -> {
			sent.set(request);
			return Mono.just(ClientResponse.create(HttpStatus.OK).build());
		}).build();
		webClient.get().uri("/knowledge/portalmgr/v4/portals").retrieve().toBodilessEntity().block();
		ClientRequest request = sent.get();
		assertThat(request).isNotNull();
		assertThat(request.url()).hasToString("https://api.ai.egain.cloud/knowledge/portalmgr/v4/portals");
		return request.headers();
	}

	/**
	 * What the test reads of a {@code spring-configuration-metadata.json} document.
	 */
	record Metadata(List<Group> groups, List<Property> properties) {

		@SuppressWarnings("unchecked")
		static Metadata of(Map<String, Object> document) {
			List<Map<String, Object>> groups = (List<Map<String, Object>>) document.getOrDefault("groups", List.of());
			List<Map<String, Object>> properties = (List<Map<String, Object>>) document.getOrDefault("properties",
					List.of());
			return new Metadata(groups.stream().map((group) -> new Group((String) group.get("name"))).toList(),
					properties.stream().map(Property::of).toList());
		}

	}

	record Group(String name) {

	}

	record Property(String name, String description, @Nullable Deprecation deprecation, @Nullable Object defaultValue) {

		@SuppressWarnings("unchecked")
		static Property of(Map<String, Object> property) {
			Map<String, Object> deprecation = (Map<String, Object>) property.get("deprecation");
			return new Property((String) property.get("name"), (String) property.get("description"),
					(deprecation != null) ? new Deprecation((String) deprecation.get("replacement")) : null,
					property.get("defaultValue"));
		}

	}

	record Deprecation(String replacement) {

	}

}
