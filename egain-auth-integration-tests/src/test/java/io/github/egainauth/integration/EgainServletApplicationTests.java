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
import io.github.egainauth.integration.TestEgainServer.ApiCall;
import io.github.egainauth.integration.TestEgainServer.TokenRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End-to-end tests of a servlet application that adds nothing but the starter, calling a
 * {@link TestEgainServer} through the ready-made {@code RestClient}s and
 * {@code WebClient}s and through {@link EgainAccessTokens}.
 * <p>
 * The application's token cache lives as long as its context, so each test names its own
 * subjects, and application-level tokens (which the application obtains once, whichever
 * test asks first) are checked against every token request since the stand-in started.
 *
 * @author egain-auth authors
 */
@SpringBootTest(classes = TestEgainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class EgainServletApplicationTests {

	private static final TestEgainServer egain = TestEgainServer.start();

	@Autowired
	private EgainRestClients restClients;

	@Autowired
	private EgainWebClients webClients;

	@Autowired
	private EgainAccessTokens accessTokens;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void egainProperties(DynamicPropertyRegistry registry) {
		egain.register(registry);
	}

	@AfterAll
	static void stopEgain() {
		egain.close();
	}

	@BeforeEach
	void resetEgain() {
		egain.reset();
	}

	@AfterEach
	void clearPrincipal() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void restClientWhenOnBehalfOfUserThenCarriesSubjectToken() {
		ApiCall call = restCall("agent", EgainSubject.username("pa"));
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.form()).isEqualTo(TestEgainClients.agentForm("subject_username", "pa"));
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.token(), "agent-client", "username:pa", "en-US"));
	}

	@Test
	void restClientWhenOnBehalfOfCustomerThenCarriesSubjectToken() {
		ApiCall call = restCall("customer", EgainSubject.email("pa@example.com"));
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(tokenRequest.form()).isEqualTo(TestEgainClients.customerForm("pa@example.com"));
		assertThat(call)
			.isEqualTo(new ApiCall(tokenRequest.token(), "customer-client", "email:pa@example.com", "en-US"));
	}

	@Test
	void restClientWhenClientCredentialsThenCarriesApplicationToken() {
		ApiCall call = restCall("app");
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.token(), "app-client", null, "en-US"));
	}

	@Test
	void restClientWhenAnonymousCustomerThenCarriesApplicationToken() {
		ApiCall call = restCall("anon");
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.ANONYMOUS_CUSTOMER);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.token(), "anon-client", null, "en-US"));
	}

	@Test
	void webClientWhenOnBehalfOfUserThenCarriesSubjectToken() {
		ApiCall call = webCall("agent", EgainSubject.username("web-pa"));
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.form()).isEqualTo(TestEgainClients.agentForm("subject_username", "web-pa"));
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.token(), "agent-client", "username:web-pa", "en-US"));
	}

	@Test
	void webClientWhenOnBehalfOfCustomerThenCarriesSubjectToken() {
		ApiCall call = webCall("customer", EgainSubject.email("web-pa@example.com"));
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(tokenRequest.form()).isEqualTo(TestEgainClients.customerForm("web-pa@example.com"));
		assertThat(call)
			.isEqualTo(new ApiCall(tokenRequest.token(), "customer-client", "email:web-pa@example.com", "en-US"));
	}

	@Test
	void webClientWhenClientCredentialsThenCarriesApplicationToken() {
		ApiCall call = webCall("app");
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.token(), "app-client", null, "en-US"));
	}

	@Test
	void webClientWhenAnonymousCustomerThenCarriesApplicationToken() {
		ApiCall call = webCall("anon");
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.ANONYMOUS_CUSTOMER);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.token(), "anon-client", null, "en-US"));
	}

	@Test
	void getTokenWhenOnBehalfOfUserThenIssuedForSubject() {
		String token = this.accessTokens.getToken("agent", EgainSubject.username("tokens-pa")).getTokenValue();
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.form()).isEqualTo(TestEgainClients.agentForm("subject_username", "tokens-pa"));
		assertThat(token).isEqualTo(tokenRequest.token());
	}

	@Test
	void getTokenWhenOnBehalfOfCustomerThenIssuedForSubject() {
		String token = this.accessTokens.getToken("customer", EgainSubject.email("tokens-pa@example.com"))
			.getTokenValue();
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(tokenRequest.form()).isEqualTo(TestEgainClients.customerForm("tokens-pa@example.com"));
		assertThat(token).isEqualTo(tokenRequest.token());
	}

	@Test
	void getTokenWhenClientCredentialsThenApplicationToken() {
		String token = this.accessTokens.getToken("app").getTokenValue();
		assertThat(token).isEqualTo(applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS).token());
	}

	@Test
	void getTokenWhenAnonymousCustomerThenApplicationToken() {
		String token = this.accessTokens.getToken("anon").getTokenValue();
		assertThat(token).isEqualTo(applicationTokenRequest(EgainFlow.ANONYMOUS_CUSTOMER).token());
	}

	@Test
	void callsWhenSameClientAndSubjectThenOneTokenRequest() {
		EgainSubject subject = EgainSubject.username("cached-pa");
		ApiCall first = restCall("agent", subject);
		ApiCall second = restCall("agent", subject);
		ApiCall third = webCall("agent", subject);
		String token = this.accessTokens.getToken("agent", subject).getTokenValue();
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(List.of(first.token(), second.token(), third.token(), token)).containsOnly(tokenRequest.token());
	}

	@Test
	void callsWhenDifferentSubjectsThenOneTokenEach() {
		ApiCall first = restCall("agent", EgainSubject.username("first-pa"));
		ApiCall second = restCall("agent", EgainSubject.username("second-pa"));
		assertThat(egain.tokenRequests()).extracting(TokenRequest::subject)
			.containsExactly("username:first-pa", "username:second-pa");
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
		String applicationToken = applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS).token();
		assertThat(List.of(anonymous.token(), authenticated.token(), withSubject.token(), token))
			.containsOnly(applicationToken);
		assertThat(egain.tokenRequests()).allMatch((request) -> request.flow() == EgainFlow.CLIENT_CREDENTIALS);
	}

	@Test
	void callsWhenUsernameAndUserIdAreBoth77ThenDifferentTokens() {
		ApiCall byUsername = restCall("agent", EgainSubject.username("77"));
		ApiCall byUserId = restCall("agent", EgainSubject.userId("77"));
		assertThat(egain.tokenRequests()).extracting(TokenRequest::form)
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
		assertThat(results.get(0).token()).isEqualTo(applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS).token());
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(results.get(1))
			.isEqualTo(new ApiCall(tokenRequest.token(), "agent-client", "username:thread-pa", "en-US"));
	}

	@Test
	void restClientWhenCalledFromPlainThreadThenCarriesTokens() throws Exception {
		FutureTask<List<ApiCall>> calls = new FutureTask<>(
				() -> List.of(restCall("app"), restCall("agent", EgainSubject.username("rest-thread-pa"))));
		new Thread(calls).start();
		List<ApiCall> results = calls.get();
		assertThat(results.get(0).token()).isEqualTo(applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS).token());
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(results.get(1))
			.isEqualTo(new ApiCall(tokenRequest.token(), "agent-client", "username:rest-thread-pa", "en-US"));
	}

	@Test
	void restClientWhenNoSubjectThenPrincipalNameIsUsername() {
		authenticate("principal-pa");
		ApiCall call = restCall("agent");
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.form()).isEqualTo(TestEgainClients.agentForm("subject_username", "principal-pa"));
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.token(), "agent-client", "username:principal-pa", "en-US"));
	}

	@Test
	void webClientWhenNoSubjectThenPrincipalNameIsUserIdOfUserIdClient() {
		authenticate("principal-77");
		ApiCall call = webCall("agent-by-id");
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.form()).isEqualTo(TestEgainClients.agentByIdForm("principal-77"));
		assertThat(call)
			.isEqualTo(new ApiCall(tokenRequest.token(), "agent-by-id-client", "userid:principal-77", "en-US"));
	}

	@Test
	void webClientWhenNoSubjectThenPrincipalNameIsEmailOfCustomerClient() {
		authenticate("principal@example.com");
		ApiCall call = webCall("customer");
		TokenRequest tokenRequest = onlyTokenRequest(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(tokenRequest.form()).isEqualTo(TestEgainClients.customerForm("principal@example.com"));
		assertThat(call)
			.isEqualTo(new ApiCall(tokenRequest.token(), "customer-client", "email:principal@example.com", "en-US"));
	}

	@Test
	void getTokenWhenNoSubjectThenPrincipalNameIsSubject() {
		authenticate("principal-pb@example.com");
		String userToken = this.accessTokens.getToken("agent").getTokenValue();
		String customerToken = this.accessTokens.getToken("customer").getTokenValue();
		assertThat(egain.tokenRequests()).extracting(TokenRequest::form)
			.containsExactly(TestEgainClients.agentForm("subject_username", "principal-pb@example.com"),
					TestEgainClients.customerForm("principal-pb@example.com"));
		assertThat(egain.tokenRequests()).extracting(TokenRequest::token).containsExactly(userToken, customerToken);
	}

	@Test
	void restClientWhenNoSubjectAndNoPrincipalThenFailsWithoutTokenRequest() {
		assertThatThrownBy(() -> restCall("agent")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("eGain client 'agent'")
			.hasMessageContaining("needs a subject");
		assertThat(egain.tokenRequests()).isEmpty();
	}

	@Test
	void webClientWhenNoSubjectAndNoPrincipalThenFailsWithoutTokenRequest() {
		assertThatThrownBy(() -> webCall("customer")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("eGain client 'customer'")
			.hasMessageContaining("needs a subject");
		assertThat(egain.tokenRequests()).isEmpty();
	}

	@Test
	void getTokenWhenNoSubjectAndNoPrincipalThenFailsWithoutTokenRequest() {
		assertThatThrownBy(() -> this.accessTokens.getToken("agent-by-id")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("eGain client 'agent-by-id'")
			.hasMessageContaining("needs a subject");
		assertThat(egain.tokenRequests()).isEmpty();
	}

	@Test
	void getTokenWhenSubjectKindDoesNotSuitFlowThenFailsWithoutTokenRequest() {
		assertThatThrownBy(() -> this.accessTokens.getToken("customer", EgainSubject.username("pa")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'customer'")
			.hasMessageContaining("EgainSubject.email(...)");
		assertThat(egain.tokenRequests()).isEmpty();
	}

	@Test
	void httpServiceWhenClientRegistrationIdThenCarriesApplicationToken() {
		ApiCall call = this.restClients.httpService(ArticlesService.class).articles();
		TokenRequest tokenRequest = applicationTokenRequest(EgainFlow.CLIENT_CREDENTIALS);
		assertThat(call).isEqualTo(new ApiCall(tokenRequest.token(), "app-client", null, "en-US"));
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
		assertThat(egain.tokenRequests()).isEmpty();
	}

	private ApiCall restCall(String client) {
		return this.restClients.client(client).get().uri(TestEgainServer.ARTICLES_PATH).retrieve().body(ApiCall.class);
	}

	private ApiCall restCall(String client, EgainSubject subject) {
		return this.restClients.client(client)
			.get()
			.uri(TestEgainServer.ARTICLES_PATH)
			.attributes(EgainRequestAttributes.subject(subject))
			.retrieve()
			.body(ApiCall.class);
	}

	private ApiCall webCall(String client) {
		return this.webClients.client(client)
			.get()
			.uri(TestEgainServer.ARTICLES_PATH)
			.retrieve()
			.bodyToMono(ApiCall.class)
			.block();
	}

	private ApiCall webCall(String client, EgainSubject subject) {
		return this.webClients.client(client)
			.get()
			.uri(TestEgainServer.ARTICLES_PATH)
			.attributes(EgainRequestAttributes.subject(subject))
			.retrieve()
			.bodyToMono(ApiCall.class)
			.block();
	}

	private static void authenticate(String name) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null, List.of()));
	}

	/**
	 * Returns the one token request of this test, which must be of the given flow.
	 */
	private static TokenRequest onlyTokenRequest(EgainFlow flow) {
		assertThat(egain.tokenRequests()).hasSize(1);
		TokenRequest tokenRequest = egain.tokenRequests().get(0);
		assertThat(tokenRequest.flow()).isEqualTo(flow);
		return tokenRequest;
	}

	/**
	 * Returns the one token request of an application-level flow since the stand-in
	 * started (whichever test made it), after checking its form.
	 */
	private static TokenRequest applicationTokenRequest(EgainFlow flow) {
		List<TokenRequest> tokenRequests = egain.allTokenRequests()
			.stream()
			.filter((request) -> request.flow() == flow)
			.toList();
		assertThat(tokenRequests).hasSize(1);
		TokenRequest tokenRequest = tokenRequests.get(0);
		assertThat(tokenRequest.form()).isEqualTo((flow == EgainFlow.ANONYMOUS_CUSTOMER)
				? TestEgainClients.anonForm(egain.baseUrl()) : TestEgainClients.appForm());
		return tokenRequest;
	}

	/**
	 * An HTTP interface whose method names its eGain client with Spring Security's
	 * annotation.
	 */
	@HttpExchange
	interface ArticlesService {

		@GetExchange(TestEgainServer.ARTICLES_PATH)
		@ClientRegistrationId("app")
		ApiCall articles();

	}

}
