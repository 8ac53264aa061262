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
import java.util.concurrent.FutureTask;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.client.EgainRestClients;
import io.github.egainauth.client.web.reactive.EgainWebClients;
import io.github.egainauth.integration.TestEgainApi.ApiCall;
import io.github.egainauth.integration.TestEgainApi.ApiEcho;
import io.github.egainauth.test.AutoConfigureEgainStandIn;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.ApiRequest;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.annotation.ClientRegistrationId;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * End-to-end tests of a servlet application that adds nothing but the starter, calling a
 * {@link EgainStandIn} through the ready-made {@code RestClient}s and {@code WebClient}s
 * and through {@link EgainAccessTokens}.
 * <p>
 * The tests share one application context; {@link AutoConfigureEgainStandIn} starts each
 * with an empty token cache and a stand-in that has seen nothing, so each test sees the
 * token requests it caused, application-level ones included.
 *
 * @author egain-auth authors
 */
@SpringBootTest(classes = TestEgainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureEgainStandIn(tenantId = "TMPTEST1")
class EgainServletApplicationTests {

	@Autowired
	private EgainStandIn egain;

	@Autowired
	private EgainRestClients restClients;

	@Autowired
	private EgainWebClients webClients;

	@Autowired
	private EgainAccessTokens accessTokens;

	@LocalServerPort
	private int port;

	@AfterEach
	void clearPrincipal() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void restClientWhenOnBehalfOfUserThenCarriesSubjectToken() {
		ApiCall call = restCall("agent", EgainSubject.username("pa"));
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.agentForm("subject_username", "pa"));
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.accessToken(), "agent-client", "username:pa", "en-US"));
	}

	@Test
	void restClientWhenOnBehalfOfCustomerThenCarriesSubjectToken() {
		ApiCall call = restCall("customer", EgainSubject.email("pa@example.com"));
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.customerForm("pa@example.com"));
		assertThat(call)
			.isEqualTo(new ApiCall(tokenRequest.accessToken(), "customer-client", "email:pa@example.com", "en-US"));
	}

	@Test
	void restClientWhenClientCredentialsThenCarriesApplicationToken() {
		ApiCall call = restCall("app");
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.accessToken(), "app-client", null, "en-US"));
	}

	@Test
	void restClientWhenAnonymousCustomerThenCarriesApplicationToken() {
		ApiCall call = restCall("anon");
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.ANONYMOUS_CUSTOMER);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.accessToken(), "anon-client", null, "en-US"));
	}

	@Test
	void webClientWhenOnBehalfOfUserThenCarriesSubjectToken() {
		ApiCall call = webCall("agent", EgainSubject.username("web-pa"));
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.agentForm("subject_username", "web-pa"));
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.accessToken(), "agent-client", "username:web-pa", "en-US"));
	}

	@Test
	void webClientWhenOnBehalfOfCustomerThenCarriesSubjectToken() {
		ApiCall call = webCall("customer", EgainSubject.email("web-pa@example.com"));
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.customerForm("web-pa@example.com"));
		assertThat(call)
			.isEqualTo(new ApiCall(tokenRequest.accessToken(), "customer-client", "email:web-pa@example.com", "en-US"));
	}

	@Test
	void webClientWhenClientCredentialsThenCarriesApplicationToken() {
		ApiCall call = webCall("app");
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.accessToken(), "app-client", null, "en-US"));
	}

	@Test
	void webClientWhenAnonymousCustomerThenCarriesApplicationToken() {
		ApiCall call = webCall("anon");
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.ANONYMOUS_CUSTOMER);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.accessToken(), "anon-client", null, "en-US"));
	}

	@Test
	void getTokenWhenOnBehalfOfUserThenIssuedForSubject() {
		String token = this.accessTokens.getToken("agent", EgainSubject.username("tokens-pa")).getTokenValue();
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.agentForm("subject_username", "tokens-pa"));
		assertThat(token).isEqualTo(tokenRequest.accessToken());
	}

	@Test
	void getTokenWhenOnBehalfOfCustomerThenIssuedForSubject() {
		String token = this.accessTokens.getToken("customer", EgainSubject.email("tokens-pa@example.com"))
			.getTokenValue();
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.customerForm("tokens-pa@example.com"));
		assertThat(token).isEqualTo(tokenRequest.accessToken());
	}

	@Test
	void getTokenWhenClientCredentialsThenApplicationToken() {
		String token = this.accessTokens.getToken("app").getTokenValue();
		assertThat(token).isEqualTo(applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS).accessToken());
	}

	@Test
	void getTokenWhenAnonymousCustomerThenApplicationToken() {
		String token = this.accessTokens.getToken("anon").getTokenValue();
		assertThat(token).isEqualTo(applicationTokenRequest(EgainFlow.ANONYMOUS_CUSTOMER).accessToken());
	}

	@Test
	void callsWhenSameClientAndSubjectThenOneTokenRequest() {
		EgainSubject subject = EgainSubject.username("cached-pa");
		ApiCall first = restCall("agent", subject);
		ApiCall second = restCall("agent", subject);
		ApiCall third = webCall("agent", subject);
		String token = this.accessTokens.getToken("agent", subject).getTokenValue();
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(List.of(first.token(), second.token(), third.token(), token))
			.containsOnly(tokenRequest.accessToken());
	}

	@Test
	void callsWhenDifferentSubjectsThenOneTokenEach() {
		ApiCall first = restCall("agent", EgainSubject.username("first-pa"));
		ApiCall second = restCall("agent", EgainSubject.username("second-pa"));
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::subject)
			.containsExactly(EgainSubject.username("first-pa"), EgainSubject.username("second-pa"));
		assertThat(first.token()).isNotEqualTo(second.token());
	}

	@Test
	void callsWhenApplicationLevelFlowThenOneTokenWhoeverCalls() {
		ApiCall anonymous = restCall("app");
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("caller-pa", null, List.of()));
		ApiCall authenticated = webCall("app");
		ApiCall withSubject = restCall("app", EgainSubject.username("caller-pb"));
		String token = this.accessTokens.getToken("app").getTokenValue();
		String applicationToken = applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS).accessToken();
		assertThat(List.of(anonymous.token(), authenticated.token(), withSubject.token(), token))
			.containsOnly(applicationToken);
		assertThat(this.egain.getTokenRequests()).allMatch((request) -> request.flow() == EgainFlow.CLIENT_CREDENTIALS);
	}

	@Test
	void callsWhenUsernameAndUserIdAreBoth77ThenDifferentTokens() {
		ApiCall byUsername = restCall("agent", EgainSubject.username("77"));
		ApiCall byUserId = restCall("agent", EgainSubject.userId("77"));
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::parameters)
			.containsExactly(TestEgainClients.agentForm("subject_username", "77"),
					TestEgainClients.agentForm("subject_userid", "77"));
		assertThat(byUsername.subject()).isEqualTo("username:77");
		assertThat(byUserId.subject()).isEqualTo("userid:77");
		assertThat(byUsername.token()).isNotEqualTo(byUserId.token());
	}

	@Test
	void webClientWhenCalledFromPlainThreadThenCarriesTokens() throws Exception {
		FutureTask<List<ApiCall>> calls = new FutureTask<>(
				() -> List.of(webCall("app"), webCall("agent", EgainSubject.username("thread-pa"))));
		new Thread(calls).start();
		List<ApiCall> results = calls.get();
		assertThat(results.get(0).token())
			.isEqualTo(applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS).accessToken());
		TokenRequest tokenRequest = onlySubjectTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(results.get(1))
			.isEqualTo(new ApiCall(tokenRequest.accessToken(), "agent-client", "username:thread-pa", "en-US"));
	}

	@Test
	void restClientWhenCalledFromPlainThreadThenCarriesTokens() throws Exception {
		FutureTask<List<ApiCall>> calls = new FutureTask<>(
				() -> List.of(restCall("app"), restCall("agent", EgainSubject.username("rest-thread-pa"))));
		new Thread(calls).start();
		List<ApiCall> results = calls.get();
		assertThat(results.get(0).token())
			.isEqualTo(applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS).accessToken());
		TokenRequest tokenRequest = onlySubjectTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(results.get(1))
			.isEqualTo(new ApiCall(tokenRequest.accessToken(), "agent-client", "username:rest-thread-pa", "en-US"));
	}

	@Test
	void restClientWhenNoSubjectThenPrincipalNameIsUsername() {
		authenticate("principal-pa");
		ApiCall call = restCall("agent");
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.agentForm("subject_username", "principal-pa"));
		assertThat(call)
			.isEqualTo(new ApiCall(tokenRequest.accessToken(), "agent-client", "username:principal-pa", "en-US"));
	}

	@Test
	void webClientWhenNoSubjectThenPrincipalNameIsUserIdOfUserIdClient() {
		authenticate("principal-77");
		ApiCall call = webCall("agent-by-id");
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.agentByIdForm("principal-77"));
		assertThat(call)
			.isEqualTo(new ApiCall(tokenRequest.accessToken(), "agent-by-id-client", "userid:principal-77", "en-US"));
	}

	@Test
	void webClientWhenNoSubjectThenPrincipalNameIsEmailOfCustomerClient() {
		authenticate("principal@example.com");
		ApiCall call = webCall("customer");
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(tokenRequest.parameters()).isEqualTo(TestEgainClients.customerForm("principal@example.com"));
		assertThat(call).isEqualTo(
				new ApiCall(tokenRequest.accessToken(), "customer-client", "email:principal@example.com", "en-US"));
	}

	@Test
	void getTokenWhenNoSubjectThenPrincipalNameIsSubject() {
		authenticate("principal-pb@example.com");
		String userToken = this.accessTokens.getToken("agent").getTokenValue();
		String customerToken = this.accessTokens.getToken("customer").getTokenValue();
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::parameters)
			.containsExactly(TestEgainClients.agentForm("subject_username", "principal-pb@example.com"),
					TestEgainClients.customerForm("principal-pb@example.com"));
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::accessToken)
			.containsExactly(userToken, customerToken);
	}

	@Test
	void restClientWhenNoSubjectAndNoPrincipalThenFailsWithoutTokenRequest() {
		assertThatThrownBy(() -> restCall("agent")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("eGain client 'agent'")
			.hasMessageContaining("needs a subject");
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void webClientWhenNoSubjectAndNoPrincipalThenFailsWithoutTokenRequest() {
		assertThatThrownBy(() -> webCall("customer")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("eGain client 'customer'")
			.hasMessageContaining("needs a subject");
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void getTokenWhenNoSubjectAndNoPrincipalThenFailsWithoutTokenRequest() {
		assertThatThrownBy(() -> this.accessTokens.getToken("agent-by-id")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("eGain client 'agent-by-id'")
			.hasMessageContaining("needs a subject");
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void getTokenWhenSubjectKindDoesNotSuitFlowThenFailsWithoutTokenRequest() {
		assertThatThrownBy(() -> this.accessTokens.getToken("customer", EgainSubject.username("pa")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'customer'")
			.hasMessageContaining("EgainSubject.email(...)");
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void httpServiceWhenClientRegistrationIdThenCarriesApplicationToken() {
		ApiCall call = seen(this.restClients.httpService(ArticlesService.class).articles());
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.accessToken(), "app-client", null, "en-US"));
	}

	@Test
	void callsWhenTokensRevokedThenRetriedWithOneNewTokenEach() {
		ApiCall restBefore = restCall("app");
		ApiCall webBefore = webCall("anon");
		this.egain.revokeTokens();
		this.egain.reset();
		ApiCall rest = restCall("app");
		TokenRequest restTokenRequest = onlyTokenRequest(EgainFlow.CLIENT_CREDENTIALS);
		assertThat(restTokenRequest.parameters()).isEqualTo(TestEgainClients.appForm());
		assertThat(rest).isEqualTo(new ApiCall(restTokenRequest.accessToken(), "app-client", null, "en-US"));
		assertThat(this.egain.getApiRequests()).extracting(ApiRequest::token, ApiRequest::authorized)
			.containsExactly(tuple(restBefore.token(), false), tuple(rest.token(), true));
		this.egain.reset();
		ApiCall web = webCall("anon");
		TokenRequest webTokenRequest = onlyTokenRequest(EgainFlow.ANONYMOUS_CUSTOMER);
		assertThat(webTokenRequest.parameters()).isEqualTo(TestEgainClients.anonForm(this.egain.getBaseUrl()));
		assertThat(web).isEqualTo(new ApiCall(webTokenRequest.accessToken(), "anon-client", null, "en-US"));
		assertThat(this.egain.getApiRequests()).extracting(ApiRequest::token, ApiRequest::authorized)
			.containsExactly(tuple(webBefore.token(), false), tuple(web.token(), true));
	}

	@Test
	void applicationEndpointWhenNoCredentialsThenOk() {
		ResponseEntity<String> response = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/hello")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isEqualTo("hello");
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	private ApiCall restCall(String client) {
		return seen(
				this.restClients.client(client).get().uri(TestEgainApi.ARTICLES_PATH).retrieve().body(ApiEcho.class));
	}

	private ApiCall restCall(String client, EgainSubject subject) {
		return seen(this.restClients.client(client)
			.get()
			.uri(TestEgainApi.ARTICLES_PATH)
			.attributes(EgainRequestAttributes.subject(subject))
			.retrieve()
			.body(ApiEcho.class));
	}

	private ApiCall webCall(String client) {
		return this.webClients.client(client)
			.get()
			.uri(TestEgainApi.ARTICLES_PATH)
			.retrieve()
			.bodyToMono(ApiEcho.class)
			.map(this::seen)
			.block();
	}

	private ApiCall webCall(String client, EgainSubject subject) {
		return this.webClients.client(client)
			.get()
			.uri(TestEgainApi.ARTICLES_PATH)
			.attributes(EgainRequestAttributes.subject(subject))
			.retrieve()
			.bodyToMono(ApiEcho.class)
			.map(this::seen)
			.block();
	}

	private ApiCall seen(ApiEcho echo) {
		return TestEgainApi.seen(this.egain, echo);
	}

	private static void authenticate(String name) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null, List.of()));
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
	 * Returns the one token request of this test for a subject, which must be of the
	 * given flow.
	 */
	private TokenRequest onlySubjectTokenRequest(EgainFlow flow) {
		List<TokenRequest> subjectTokenRequests = this.egain.getTokenRequests()
			.stream()
			.filter((request) -> request.subject() != null)
			.toList();
		assertThat(subjectTokenRequests).hasSize(1);
		TokenRequest tokenRequest = subjectTokenRequests.get(0);
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
	 * An HTTP interface whose method names its eGain client with Spring Security's
	 * annotation.
	 */
	@HttpExchange
	interface ArticlesService {

		@GetExchange(TestEgainApi.ARTICLES_PATH)
		@ClientRegistrationId("app")
		ApiEcho articles();

	}

}
