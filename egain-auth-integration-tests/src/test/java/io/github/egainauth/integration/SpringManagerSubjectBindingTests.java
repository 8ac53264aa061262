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

package io.github.egainauth.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClient;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainClientCredentialsOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.OnBehalfOfReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.test.AutoConfigureEgainStandIn;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.DelegatingOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.AuthenticatedPrincipalOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.AuthenticatedPrincipalServerOAuth2AuthorizedClientRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tries, from the outside, to make one subject's on-behalf-of token serve another through
 * every composition of public parts an application can build: Spring Security's own
 * managers and stores (in memory and JDBC, blocking and reactive) with the starter's
 * providers, the README's recipe verbatim, {@link EgainAccessTokens} and
 * {@link ReactiveEgainAccessTokens} over them, and egain-auth's manager over a JDBC
 * store. One principal (a scheduled job's) names several subjects in turn; the eGain
 * stand-in says whom each returned token was issued for.
 *
 * @author egain-auth authors
 */
@SpringBootTest(classes = { TestEgainApplication.class, SpringManagerSubjectBindingTests.ReadmeRecipe.class },
		webEnvironment = WebEnvironment.NONE)
@AutoConfigureEgainStandIn(tenantId = "TMPTRUST")
class SpringManagerSubjectBindingTests {

	private static final String CLIENT = "agent";

	private static final List<EgainSubject> INTERLEAVED = List.of(EgainSubject.username("alice"),
			EgainSubject.username("bob"), EgainSubject.username("carol"), EgainSubject.username("alice"),
			EgainSubject.userId("alice"), EgainSubject.username("carol"), EgainSubject.username("bob"),
			EgainSubject.username("alice"));

	private static final Authentication SCHEDULER = new TestingAuthenticationToken("scheduler", null, "ROLE_JOB");

	@Autowired
	private EgainStandIn egain;

	@Autowired
	private EgainClientRegistrationRepository registrations;

	@Autowired
	private OnBehalfOfOAuth2AuthorizedClientProvider onBehalfOf;

	@Autowired
	private EgainClientCredentialsOAuth2AuthorizedClientProvider clientCredentials;

	@Autowired
	private OAuth2AuthorizedClientManager egainSpringManager;

	private EmbeddedDatabase database;

	@BeforeEach
	void setUp() {
		this.database = new EmbeddedDatabaseBuilder().generateUniqueName(true)
			.setType(EmbeddedDatabaseType.H2)
			.addScript("org/springframework/security/oauth2/client/oauth2-client-schema.sql")
			.build();
	}

	@AfterEach
	void tearDown() {
		this.database.shutdown();
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void readmeRecipeWhenOnePrincipalNamesSeveralSubjectsThenEachGetsATokenIssuedForItself() {
		assertEachServedAsItself((subject) -> this.egainSpringManager.authorize(request(subject)));
	}

	@Test
	void readmeRecipeWhenSameSubjectAgainThenStoredTokenReused() {
		assertReusedForSameSubject((subject) -> this.egainSpringManager.authorize(request(subject)));
	}

	@Test
	void reactiveAuthorizedClientServiceManagerWhenSameSubjectAgainThenStoredTokenReused() {
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				reactiveRegistrations(), new InMemoryReactiveOAuth2AuthorizedClientService(reactiveRegistrations()));
		manager.setAuthorizedClientProvider(reactiveProvider());
		manager.setContextAttributesMapper((request) -> Mono.just(subjectAttribute(request)));
		assertReusedForSameSubject((subject) -> manager.authorize(request(subject)).block());
	}

	@Test
	void accessTokensOverReadmeRecipeWhenOnePrincipalNamesSeveralSubjectsThenEachGetsATokenIssuedForItself() {
		EgainAccessTokens accessTokens = new EgainAccessTokens(this.egainSpringManager);
		assertEachServedAsItself((subject) -> accessTokens.authorize(CLIENT, subject));
	}

	@Test
	void authorizedClientServiceManagerWhenJdbcStoreThenEachGetsATokenIssuedForItself() {
		OAuth2AuthorizedClientService jdbc = jdbcService();
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				this.registrations::findByRegistrationId, jdbc);
		manager.setAuthorizedClientProvider(blockingProvider());
		manager.setContextAttributesMapper(SpringManagerSubjectBindingTests::subjectAttribute);
		assertEachServedAsItself((subject) -> manager.authorize(request(subject)));
		EgainAccessTokens accessTokens = new EgainAccessTokens(manager);
		assertEachServedAsItself((subject) -> accessTokens.authorize(CLIENT, subject));
	}

	@Test
	void defaultManagerWhenOnePrincipalNamesSeveralSubjectsThenEachGetsATokenIssuedForItself() {
		RequestContextHolder.setRequestAttributes(
				new ServletRequestAttributes(new MockHttpServletRequest(), new MockHttpServletResponse()));
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(
				this.registrations::findByRegistrationId, new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(
						new InMemoryOAuth2AuthorizedClientService(this.registrations::findByRegistrationId)));
		manager.setAuthorizedClientProvider(blockingProvider());
		manager.setContextAttributesMapper(SpringManagerSubjectBindingTests::subjectAttribute);
		assertEachServedAsItself((subject) -> manager.authorize(request(subject)));
		EgainAccessTokens accessTokens = new EgainAccessTokens(manager);
		assertEachServedAsItself((subject) -> accessTokens.authorize(CLIENT, subject));
	}

	@Test
	void defaultManagerWhenJdbcStoreThenEachGetsATokenIssuedForItself() {
		RequestContextHolder.setRequestAttributes(
				new ServletRequestAttributes(new MockHttpServletRequest(), new MockHttpServletResponse()));
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(
				this.registrations::findByRegistrationId,
				new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(jdbcService()));
		manager.setAuthorizedClientProvider(blockingProvider());
		manager.setContextAttributesMapper(SpringManagerSubjectBindingTests::subjectAttribute);
		assertEachServedAsItself((subject) -> manager.authorize(request(subject)));
	}

	@Test
	void reactiveAuthorizedClientServiceManagerWhenOnePrincipalNamesSeveralSubjectsThenEachGetsATokenIssuedForItself() {
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				reactiveRegistrations(), new InMemoryReactiveOAuth2AuthorizedClientService(reactiveRegistrations()));
		manager.setAuthorizedClientProvider(reactiveProvider());
		manager.setContextAttributesMapper((request) -> Mono.just(subjectAttribute(request)));
		assertEachServedAsItself((subject) -> manager.authorize(request(subject)).block());
		ReactiveEgainAccessTokens accessTokens = new ReactiveEgainAccessTokens(manager);
		assertEachServedAsItself((subject) -> accessTokens.authorize(CLIENT, subject).block());
	}

	@Test
	void defaultReactiveManagerWhenOnePrincipalNamesSeveralSubjectsThenEachGetsATokenIssuedForItself() {
		DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(
				reactiveRegistrations(), new AuthenticatedPrincipalServerOAuth2AuthorizedClientRepository(
						new InMemoryReactiveOAuth2AuthorizedClientService(reactiveRegistrations())));
		manager.setAuthorizedClientProvider(reactiveProvider());
		manager.setContextAttributesMapper((request) -> Mono.just(subjectAttribute(request)));
		ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/job"));
		Context withExchange = Context.of(ServerWebExchange.class, exchange);
		assertEachServedAsItself((subject) -> manager.authorize(request(subject)).contextWrite(withExchange).block());
		ReactiveOAuth2AuthorizedClientManager adapted = (request) -> manager.authorize(request)
			.contextWrite(withExchange);
		ReactiveEgainAccessTokens accessTokens = new ReactiveEgainAccessTokens(adapted);
		assertEachServedAsItself((subject) -> accessTokens.authorize(CLIENT, subject).block());
	}

	@Test
	void egainManagerWhenJdbcStoreThenEachGetsATokenIssuedForItselfAndTokensAreReused() {
		EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(
				this.registrations::findByRegistrationId, jdbcService());
		manager.setAuthorizedClientProvider(blockingProvider());
		assertEachServedAsItself((subject) -> manager.authorize(request(subject)));
		// One token per subject, read back from the database for every later call.
		assertThat(this.egain.getTokenRequests()).hasSize(4);
		assertThat(manager.authorize(request(EgainSubject.username("bob")))).isInstanceOfSatisfying(
				EgainAuthorizedClient.class,
				(client) -> assertThat(client.getSubject()).isEqualTo(EgainSubject.username("bob")));
	}

	@Test
	void egainManagerWhenRequestCarriesAnotherSubjectsClientThenIgnoresIt() {
		EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(
				this.registrations::findByRegistrationId,
				new InMemoryOAuth2AuthorizedClientService(this.registrations::findByRegistrationId));
		manager.setAuthorizedClientProvider(blockingProvider());
		OAuth2AuthorizedClient alices = manager.authorize(request(EgainSubject.username("alice")));
		assertThat(alices).isNotNull();
		OAuth2AuthorizedClient bobs = manager.authorize(OAuth2AuthorizeRequest.withAuthorizedClient(alices)
			.principal(SCHEDULER)
			.attribute(EgainSubject.ATTRIBUTE_NAME, EgainSubject.username("bob"))
			.build());
		assertThat(bobs).isNotNull();
		assertThat(issuedFor(bobs)).isEqualTo(EgainSubject.username("bob"));
		assertThat(bobs.getAccessToken().getTokenValue()).isNotEqualTo(alices.getAccessToken().getTokenValue());
	}

	private void assertEachServedAsItself(Function<EgainSubject, OAuth2AuthorizedClient> authorize) {
		List<String> served = new ArrayList<>();
		for (EgainSubject subject : INTERLEAVED) {
			OAuth2AuthorizedClient authorizedClient = authorize.apply(subject);
			assertThat(authorizedClient).as("token for %s", subject).isNotNull();
			assertThat(issuedFor(authorizedClient)).as("subject of the token served to %s", subject).isEqualTo(subject);
			served.add(authorizedClient.getAccessToken().getTokenValue());
		}
		assertThat(served).hasSameSizeAs(INTERLEAVED);
	}

	/**
	 * Spring's in-memory stores hand back a plain client around the token they were
	 * given; the provider still knows whom that token was issued for and keeps using it.
	 */
	private void assertReusedForSameSubject(Function<EgainSubject, OAuth2AuthorizedClient> authorize) {
		// A subject no other test names: the README's manager lives as long as the
		// context.
		EgainSubject dora = EgainSubject.username("dora-" + UUID.randomUUID());
		OAuth2AuthorizedClient first = authorize.apply(dora);
		OAuth2AuthorizedClient second = authorize.apply(dora);
		OAuth2AuthorizedClient third = authorize.apply(dora);
		assertThat(List.of(first, second, third)).extracting((client) -> client.getAccessToken().getTokenValue())
			.containsOnly(first.getAccessToken().getTokenValue());
		assertThat(this.egain.getTokenRequests()).singleElement().extracting(TokenRequest::subject).isEqualTo(dora);
	}

	/**
	 * Whom the stand-in issued a token for.
	 */
	private EgainSubject issuedFor(OAuth2AuthorizedClient authorizedClient) {
		String token = authorizedClient.getAccessToken().getTokenValue();
		return this.egain.getTokenRequests()
			.stream()
			.filter((request) -> request.accessToken().equals(token))
			.map(TokenRequest::subject)
			.findFirst()
			.orElseThrow(() -> new AssertionError("The stand-in never issued the token served"));
	}

	private static OAuth2AuthorizeRequest request(EgainSubject subject) {
		return OAuth2AuthorizeRequest.withClientRegistrationId(CLIENT)
			.principal(SCHEDULER)
			.attribute(EgainSubject.ATTRIBUTE_NAME, subject)
			.build();
	}

	private static Map<String, Object> subjectAttribute(OAuth2AuthorizeRequest authorizeRequest) {
		EgainSubject subject = authorizeRequest.getAttribute(EgainSubject.ATTRIBUTE_NAME);
		return (subject != null) ? Map.of(EgainSubject.ATTRIBUTE_NAME, subject) : Map.of();
	}

	private OAuth2AuthorizedClientService jdbcService() {
		return new JdbcOAuth2AuthorizedClientService(new JdbcTemplate(this.database),
				this.registrations::findByRegistrationId);
	}

	private DelegatingOAuth2AuthorizedClientProvider blockingProvider() {
		return new DelegatingOAuth2AuthorizedClientProvider(this.onBehalfOf, this.clientCredentials);
	}

	private ReactiveClientRegistrationRepository reactiveRegistrations() {
		return (registrationId) -> Mono.justOrEmpty(this.registrations.findByRegistrationId(registrationId));
	}

	private static DelegatingReactiveOAuth2AuthorizedClientProvider reactiveProvider() {
		return new DelegatingReactiveOAuth2AuthorizedClientProvider(
				new OnBehalfOfReactiveOAuth2AuthorizedClientProvider(),
				new EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider());
	}

	/**
	 * The README's "With your own Spring Security manager" recipe, verbatim.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ReadmeRecipe {

		@Bean
		OAuth2AuthorizedClientManager egainSpringManager(EgainClientRegistrationRepository egainRegistrations,
				OnBehalfOfOAuth2AuthorizedClientProvider onBehalfOf,
				EgainClientCredentialsOAuth2AuthorizedClientProvider clientCredentials) {
			AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
					egainRegistrations::findByRegistrationId,
					new InMemoryOAuth2AuthorizedClientService(egainRegistrations::findByRegistrationId));
			manager.setAuthorizedClientProvider(
					new DelegatingOAuth2AuthorizedClientProvider(onBehalfOf, clientCredentials));
			manager.setContextAttributesMapper((authorizeRequest) -> {
				EgainSubject subject = authorizeRequest.getAttribute(EgainSubject.ATTRIBUTE_NAME);
				return (subject != null) ? Map.of(EgainSubject.ATTRIBUTE_NAME, subject) : Map.of();
			});
			return manager;
		}

	}

}
