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

import java.util.List;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.reactive.EgainWebClients;
import io.github.egainauth.integration.TestEgainApi.ApiCall;
import io.github.egainauth.integration.TestEgainApi.ApiEcho;
import io.github.egainauth.test.AutoConfigureEgainStandIn;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.client.annotation.ClientRegistrationId;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of a reactive application that adds nothing but the starter, calling a
 * {@link EgainStandIn} through the ready-made {@code WebClient}s and through
 * {@link ReactiveEgainAccessTokens}.
 * <p>
 * The tests share one application context; {@link AutoConfigureEgainStandIn} starts each
 * with an empty token cache and a stand-in that has seen nothing, so each test sees the
 * token requests it caused, application-level ones included.
 *
 * @author egain-auth authors
 */
@SpringBootTest(classes = TestEgainApplication.class, properties = "spring.main.web-application-type=reactive")
@AutoConfigureEgainStandIn(tenantId = "TMPTEST1")
class EgainReactiveApplicationTests {

	@Autowired
	private EgainStandIn egain;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private EgainWebClients webClients;

	@Autowired
	private ReactiveEgainAccessTokens accessTokens;

	@Test
	void applicationContextWhenReactiveThenTokensComeFromReactiveManager() {
		assertThat(this.context).isInstanceOf(ReactiveWebApplicationContext.class);
		assertThat(this.context.getBeansOfType(EgainReactiveAuthorizedClientManager.class)).hasSize(1);
	}

	@Test
	void webClientWhenOnBehalfOfUserThenCarriesSubjectToken() {
		ApiCall call = webCall("agent", EgainSubject.username("pa")).block();
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.agentForm("subject_username", "pa"));
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.accessToken(), "agent-client", "username:pa", "en-US"));
	}

	@Test
	void webClientWhenOnBehalfOfCustomerThenCarriesSubjectToken() {
		ApiCall call = webCall("customer", EgainSubject.email("pa@example.com")).block();
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.customerForm("pa@example.com"));
		assertThat(call)
			.isEqualTo(new ApiCall(tokenRequest.accessToken(), "customer-client", "email:pa@example.com", "en-US"));
	}

	@Test
	void webClientWhenClientCredentialsThenCarriesApplicationToken() {
		ApiCall call = webCall("app").block();
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.accessToken(), "app-client", null, "en-US"));
	}

	@Test
	void webClientWhenAnonymousCustomerThenCarriesApplicationToken() {
		ApiCall call = webCall("anon").block();
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.ANONYMOUS_CUSTOMER);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.accessToken(), "anon-client", null, "en-US"));
	}

	@Test
	void getTokenWhenOnBehalfOfUserThenIssuedForSubject() {
		String token = tokenValue(this.accessTokens.getToken("agent", EgainSubject.username("tokens-pa")));
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.agentForm("subject_username", "tokens-pa"));
		assertThat(token).isEqualTo(tokenRequest.accessToken());
	}

	@Test
	void getTokenWhenOnBehalfOfCustomerThenIssuedForSubject() {
		String token = tokenValue(this.accessTokens.getToken("customer", EgainSubject.email("tokens-pa@example.com")));
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.customerForm("tokens-pa@example.com"));
		assertThat(token).isEqualTo(tokenRequest.accessToken());
	}

	@Test
	void getTokenWhenClientCredentialsThenApplicationToken() {
		String token = tokenValue(this.accessTokens.getToken("app"));
		assertThat(token).isEqualTo(applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS).accessToken());
	}

	@Test
	void getTokenWhenAnonymousCustomerThenApplicationToken() {
		String token = tokenValue(this.accessTokens.getToken("anon"));
		assertThat(token).isEqualTo(applicationTokenRequest(EgainFlow.ANONYMOUS_CUSTOMER).accessToken());
	}

	@Test
	void webClientWhenNoSubjectThenPrincipalNameIsUsername() {
		ApiCall call = webCall("agent").contextWrite(authenticated("principal-pa")).block();
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.agentForm("subject_username", "principal-pa"));
		assertThat(call)
			.isEqualTo(new ApiCall(tokenRequest.accessToken(), "agent-client", "username:principal-pa", "en-US"));
	}

	@Test
	void webClientWhenNoSubjectThenPrincipalNameIsUserIdOfUserIdClient() {
		ApiCall call = webCall("agent-by-id").contextWrite(authenticated("principal-77")).block();
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.agentByIdForm("principal-77"));
		assertThat(call)
			.isEqualTo(new ApiCall(tokenRequest.accessToken(), "agent-by-id-client", "userid:principal-77", "en-US"));
	}

	@Test
	void webClientWhenNoSubjectThenPrincipalNameIsEmailOfCustomerClient() {
		ApiCall call = webCall("customer").contextWrite(authenticated("principal@example.com")).block();
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.customerForm("principal@example.com"));
		assertThat(call).isEqualTo(
				new ApiCall(tokenRequest.accessToken(), "customer-client", "email:principal@example.com", "en-US"));
	}

	@Test
	void getTokenWhenNoSubjectThenPrincipalNameIsSubject() {
		String userToken = tokenValue(
				this.accessTokens.getToken("agent").contextWrite(authenticated("principal-pb@example.com")));
		String customerToken = tokenValue(
				this.accessTokens.getToken("customer").contextWrite(authenticated("principal-pb@example.com")));
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::parameters)
			.containsExactly(TestEgainClients.agentForm("subject_username", "principal-pb@example.com"),
					TestEgainClients.customerForm("principal-pb@example.com"));
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::accessToken)
			.containsExactly(userToken, customerToken);
	}

	@Test
	void webClientWhenNoSubjectAndNoPrincipalThenFailsWithoutTokenRequest() {
		StepVerifier.create(webCall("agent"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("eGain client 'agent'")
				.hasMessageContaining("needs a subject"))
			.verify();
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void getTokenWhenNoSubjectAndNoPrincipalThenFailsWithoutTokenRequest() {
		StepVerifier.create(this.accessTokens.getToken("customer"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("eGain client 'customer'")
				.hasMessageContaining("needs a subject"))
			.verify();
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void getTokenWhenSubjectKindDoesNotSuitFlowThenFailsWithoutTokenRequest() {
		StepVerifier.create(this.accessTokens.getToken("customer", EgainSubject.username("pa")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'customer'")
				.hasMessageContaining("EgainSubject.email(...)"))
			.verify();
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void callsWhenSameClientAndSubjectThenOneTokenRequest() {
		EgainSubject subject = EgainSubject.username("cached-pa");
		ApiCall first = webCall("agent", subject).block();
		ApiCall second = webCall("agent", subject).block();
		String token = tokenValue(this.accessTokens.getToken("agent", subject));
		ApiCall byPrincipal = webCall("agent").contextWrite(authenticated("cached-pa")).block();
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(List.of(first.token(), second.token(), token, byPrincipal.token()))
			.containsOnly(tokenRequest.accessToken());
	}

	@Test
	void callsWhenDifferentSubjectsThenOneTokenEach() {
		ApiCall first = webCall("agent", EgainSubject.username("first-pa")).block();
		ApiCall second = webCall("agent", EgainSubject.username("second-pa")).block();
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::subject)
			.containsExactly(EgainSubject.username("first-pa"), EgainSubject.username("second-pa"));
		assertThat(first.token()).isNotEqualTo(second.token());
	}

	@Test
	void callsWhenApplicationLevelFlowThenOneTokenWhoeverCalls() {
		ApiCall anonymous = webCall("anon").block();
		ApiCall authenticated = webCall("anon").contextWrite(authenticated("caller-pa")).block();
		ApiCall withSubject = webCall("anon", EgainSubject.username("caller-pb")).block();
		String token = tokenValue(this.accessTokens.getToken("anon").contextWrite(authenticated("caller-pc")));
		String applicationToken = applicationTokenRequest(EgainFlow.ANONYMOUS_CUSTOMER).accessToken();
		assertThat(List.of(anonymous.token(), authenticated.token(), withSubject.token(), token))
			.containsOnly(applicationToken);
		assertThat(this.egain.getTokenRequests()).allMatch((request) -> request.flow() == EgainFlow.ANONYMOUS_CUSTOMER);
	}

	@Test
	void callsWhenUsernameAndUserIdAreBoth77ThenDifferentTokens() {
		ApiCall byUsername = webCall("agent", EgainSubject.username("77")).block();
		ApiCall byUserId = webCall("agent", EgainSubject.userId("77")).block();
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::parameters)
			.containsExactly(TestEgainClients.agentForm("subject_username", "77"),
					TestEgainClients.agentForm("subject_userid", "77"));
		assertThat(byUsername.subject()).isEqualTo("username:77");
		assertThat(byUserId.subject()).isEqualTo("userid:77");
		assertThat(byUsername.token()).isNotEqualTo(byUserId.token());
	}

	@Test
	void httpServiceWhenClientRegistrationIdThenCarriesApplicationToken() {
		ApiCall call = this.webClients.httpService(ArticlesService.class).articles().map(this::seen).block();
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.accessToken(), "app-client", null, "en-US"));
	}

	private Mono<ApiCall> webCall(String client) {
		return this.webClients.client(client)
			.get()
			.uri(TestEgainApi.ARTICLES_PATH)
			.retrieve()
			.bodyToMono(ApiEcho.class)
			.map(this::seen);
	}

	private Mono<ApiCall> webCall(String client, EgainSubject subject) {
		return this.webClients.client(client)
			.get()
			.uri(TestEgainApi.ARTICLES_PATH)
			.attributes(EgainRequestAttributes.subject(subject))
			.retrieve()
			.bodyToMono(ApiEcho.class)
			.map(this::seen);
	}

	private ApiCall seen(ApiEcho echo) {
		return TestEgainApi.seen(this.egain, echo);
	}

	private static String tokenValue(Mono<OAuth2AccessToken> token) {
		return token.map(OAuth2AccessToken::getTokenValue).block();
	}

	private static Context authenticated(String name) {
		return ReactiveSecurityContextHolder
			.withAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null, List.of()));
	}

	/**
	 * Returns the one token request of this test, which must be of the given flow.
	 */
	private TokenRequest onlyTokenRequest(EgainFlow flow) {
		assertThat(this.egain.getTokenRequests()).hasSize(1);
		TokenRequest tokenRequest = this.egain.getTokenRequests().get(0);
		assertThat(tokenRequest.flow()).isEqualTo(flow);
		return tokenRequest;
	}

	/**
	 * Returns the one token request of this test of an application-level flow, after
	 * checking its form.
	 */
	private TokenRequest applicationTokenRequest(EgainFlow flow) {
		List<TokenRequest> tokenRequests = this.egain.getTokenRequests()
			.stream()
			.filter((request) -> request.flow() == flow)
			.toList();
		assertThat(tokenRequests).hasSize(1);
		TokenRequest tokenRequest = tokenRequests.get(0);
		assertThat(tokenRequest.parameters()).isEqualTo((flow == EgainFlow.ANONYMOUS_CUSTOMER)
				? TestEgainClients.anonForm(this.egain.getBaseUrl()) : TestEgainClients.appForm());
		return tokenRequest;
	}

	/**
	 * A reactive HTTP interface whose method names its eGain client with Spring
	 * Security's annotation.
	 */
	@HttpExchange
	interface ArticlesService {

		@GetExchange(TestEgainApi.ARTICLES_PATH)
		@ClientRegistrationId("app")
		Mono<ApiEcho> articles();

	}

}
