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

package io.github.egainauth.samples.boot3;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.test.AutoConfigureEgainStandIn;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.ApiRequest;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link Boot3ServletRestClientSampleApplication} on Spring Boot 3.5, called
 * over HTTP as its logged-in users, against the test's own eGain stand-in.
 * <p>
 * {@link AutoConfigureEgainStandIn} starts a stand-in per test context on a free port and
 * makes it a bean, so the tests can see the token requests it received.
 * {@code egain.stand-in.enabled=false} keeps the sample's own stand-in (fixed port 9092,
 * for running the sample) from starting too, so the tests also pass while the sample
 * runs. The tests share the context, but each starts with an empty token cache and a
 * stand-in that has seen nothing, whichever test ran before.
 *
 * @author egain-auth authors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "egain.stand-in.enabled=false")
@AutoConfigureEgainStandIn
class Boot3ServletRestClientSampleApplicationTests {

	@Autowired
	private EgainStandIn egain;

	@Autowired
	private TestRestTemplate client;

	@Autowired
	private ObjectMapper json;

	@Test
	void articlesWhenAgentLoggedInThenRunsAsAgent() {
		EgainCall call = get("/articles", "pa", "pa-password");
		assertThat(call.client()).isEqualTo("agent");
		assertThat(call.flow()).isEqualTo("on-behalf-of-user");
		assertThat(call.subject()).isEqualTo("username:pa");
		assertThat(egainResponse(call).get("path").asText()).isEqualTo("/knowledge/portalmgr/v4/articles");
		assertThat(egainResponse(call).get("subject").asText()).isEqualTo("username:pa");
		assertThat(egainResponse(call).get("clientId").asText()).isEqualTo("sample-agent");
		assertThat(tokenRequests(EgainSubject.username("pa"))).singleElement()
			.satisfies((request) -> assertThat(request.parameters()).isEqualTo(Map.of("grant_type", "password",
					"client_id", "sample-agent", "client_secret", "sample-agent-secret", "scope",
					"knowledge.portalmgr.onbehalfof.read", "subject_username", "pa")));
		assertThat(this.egain.getApiRequests()).singleElement().satisfies((request) -> {
			assertThat(request.authorized()).isTrue();
			assertThat(request.token()).isEqualTo(tokenRequests(EgainSubject.username("pa")).get(0).accessToken());
			assertThat(request.acceptLanguage()).isEqualTo("en-US");
		});
	}

	@Test
	void articlesWhenCalledAgainThenServedFromCache() {
		EgainCall first = get("/articles?username=cached-agent", "sam", "sam-password");
		EgainCall second = get("/articles?username=cached-agent", "sam", "sam-password");
		assertThat(second.tokenStatistics().tokenRequests()).isEqualTo(first.tokenStatistics().tokenRequests());
		assertThat(second.tokenStatistics().cacheHits()).isEqualTo(first.tokenStatistics().cacheHits() + 1);
		assertThat(tokenRequests(EgainSubject.username("cached-agent"))).hasSize(1);
		assertThat(this.egain.getApiRequests()).hasSize(2).allMatch(ApiRequest::authorized);
	}

	@Test
	void articlesWhenAgentNamesThemselvesThenRunsAsAgent() {
		EgainCall call = get("/articles?username=pa", "pa", "pa-password");
		assertThat(call.subject()).isEqualTo("username:pa");
		assertThat(egainResponse(call).get("subject").asText()).isEqualTo("username:pa");
	}

	@Test
	void articlesWhenAgentNamesAnotherUsernameThenForbiddenAndNoTokenRequested() {
		assertForbiddenWithoutEgainTraffic("/articles?username=victim", "pa", "pa-password");
		assertThat(tokenRequests(EgainSubject.username("victim"))).isEmpty();
	}

	@Test
	void articlesWhenAgentNamesUserIdThenForbiddenAndNoTokenRequested() {
		assertForbiddenWithoutEgainTraffic("/articles?userId=666", "pa", "pa-password");
		assertThat(tokenRequests(EgainSubject.userId("666"))).isEmpty();
	}

	@Test
	void articlesWhenSupervisorNamesUsernameThenRunsAsThatUser() {
		EgainCall call = get("/articles?username=jdoe", "sam", "sam-password");
		assertThat(call.subject()).isEqualTo("username:jdoe");
		assertThat(egainResponse(call).get("subject").asText()).isEqualTo("username:jdoe");
		assertThat(tokenRequests(EgainSubject.username("jdoe"))).singleElement()
			.satisfies((request) -> assertThat(request.parameters()).containsEntry("subject_username", "jdoe"));
	}

	@Test
	void articlesWhenSupervisorNamesUserIdThenRunsAsThatUserId() {
		EgainCall call = get("/articles?userId=1001", "sam", "sam-password");
		assertThat(call.subject()).isEqualTo("userid:1001");
		assertThat(egainResponse(call).get("subject").asText()).isEqualTo("userid:1001");
		assertThat(tokenRequests(EgainSubject.userId("1001"))).singleElement()
			.satisfies((request) -> assertThat(request.parameters()).containsEntry("subject_userid", "1001")
				.doesNotContainKey("subject_username"));
	}

	@Test
	void articlesWhenEgainRefusesTokenThenBadGatewayWithErrorCodeOnly() throws Exception {
		this.egain.refuseTokens(EgainSubject.username("ghost"), 400, "invalid_grant",
				"User ghost is not known; contact ghost@example.com");
		ResponseEntity<String> response = this.client.withBasicAuth("sam", "sam-password")
			.getForEntity("/articles?username=ghost", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(json(response.getBody()).get("egainCode").asText()).isEqualTo("invalid_grant");
		assertThat(response.getBody()).doesNotContain("ghost@example.com", "is not known");
	}

	@Test
	void articlesWhenEgainRefusesCallThenBadGatewayWithStatusAndCodeOnly() throws Exception {
		this.egain.refuseApiCalls(EgainSubject.username("audited"), 403, "403-197",
				"Scope knowledge.portalmgr.onbehalfof.read not granted to audited@example.com");
		ResponseEntity<String> response = this.client.withBasicAuth("sam", "sam-password")
			.getForEntity("/articles?username=audited", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		JsonNode problem = json(response.getBody());
		assertThat(problem.get("egainStatus").asInt()).isEqualTo(403);
		assertThat(problem.get("egainCode").asText()).isEqualTo("403-197");
		assertThat(response.getBody()).doesNotContain("audited@example.com", "not granted", "developerMessage");
	}

	@Test
	void customerArticlesWhenCustomerLoggedInThenRunsAsCustomer() {
		EgainCall call = get("/customer/articles", "jane@example.com", "jane-password");
		assertThat(call.client()).isEqualTo("customer");
		assertThat(call.flow()).isEqualTo("on-behalf-of-customer");
		assertThat(call.subject()).isEqualTo("email:jane@example.com");
		assertThat(egainResponse(call).get("subject").asText()).isEqualTo("email:jane@example.com");
		assertThat(egainResponse(call).get("clientId").asText()).isEqualTo("sample-customer");
		assertThat(tokenRequests(EgainSubject.email("jane@example.com"))).singleElement()
			.satisfies((request) -> assertThat(request.parameters()).isEqualTo(Map.of("grant_type", "password",
					"client_id", "sample-customer", "client_secret", "sample-customer-secret", "scope",
					"knowledge.portalmgr.onbehalfof.customer.read", "subject_email", "jane@example.com")));
	}

	@Test
	void customerArticlesWhenCustomerNamesAnotherEmailThenForbiddenAndNoTokenRequested() {
		assertForbiddenWithoutEgainTraffic("/customer/articles?email=victim@example.com", "jane@example.com",
				"jane-password");
		assertThat(tokenRequests(EgainSubject.email("victim@example.com"))).isEmpty();
	}

	@Test
	void customerArticlesWhenSupervisorNamesEmailThenRunsAsThatCustomer() {
		EgainCall call = get("/customer/articles?email=john@example.com", "sam", "sam-password");
		assertThat(call.subject()).isEqualTo("email:john@example.com");
		assertThat(egainResponse(call).get("subject").asText()).isEqualTo("email:john@example.com");
		assertThat(tokenRequests(EgainSubject.email("john@example.com"))).hasSize(1);
	}

	@Test
	void searchWhenLoggedInThenRunsAsApplicationThroughHttpInterface() {
		EgainCall call = get("/search?q=password reset", "jane@example.com", "jane-password");
		assertThat(call.client()).isEqualTo("ai-services");
		assertThat(call.flow()).isEqualTo("client-credentials");
		assertThat(call.subject()).isNull();
		assertThat(egainResponse(call).get("path").asText()).isEqualTo("/core/aiservices/v4/search");
		assertThat(egainResponse(call).get("clientId").asText()).isEqualTo("sample-app");
		assertThat(egainResponse(call).get("acceptLanguage").asText()).isEqualTo("en-US");
		assertThat(this.egain.getTokenRequests()).singleElement()
			.satisfies((request) -> assertThat(request.parameters())
				.isEqualTo(Map.of("grant_type", "client_credentials", "client_id", "sample-app", "client_secret",
						"sample-app-secret", "scope", "core.aiservices.read")));
	}

	@Test
	void searchWhenCalledByAnotherUserThenReusesTheApplicationToken() {
		get("/search?q=password reset", "jane@example.com", "jane-password");
		get("/search?q=password reset", "pa", "pa-password");
		assertThat(this.egain.getTokenRequests()).singleElement()
			.satisfies((request) -> assertThat(request.flow()).isEqualTo(EgainFlow.CLIENT_CREDENTIALS));
		assertThat(this.egain.getApiRequests()).hasSize(2).allMatch(ApiRequest::authorized);
	}

	@Test
	void articlesWhenNotLoggedInThenUnauthorized() {
		// Asked for text/plain (TestRestTemplate's Accept for a String), Spring Security
		// would send a browser's redirect to the login form; curl and API clients get
		// 401.
		RequestEntity<Void> request = RequestEntity.get("/articles").accept(MediaType.APPLICATION_JSON).build();
		ResponseEntity<String> response = this.client.exchange(request, String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.egain.getTokenRequests()).isEmpty();
		assertThat(this.egain.getApiRequests()).isEmpty();
	}

	@Test
	void customerArticlesWhenAgentLoggedInThenForbidden() {
		ResponseEntity<String> response = this.client.withBasicAuth("pa", "pa-password")
			.getForEntity("/customer/articles", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void indexWhenNotLoggedInThenListsEndpoints() throws Exception {
		ResponseEntity<String> response = this.client.getForEntity("/", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json(response.getBody()).get("endpoints").findValuesAsText("request"))
			.isEqualTo(List.of("GET /articles", "GET /customer/articles", "GET /search?q="));
	}

	private EgainCall get(String uri, String username, String password) {
		ResponseEntity<EgainCall> response = this.client.withBasicAuth(username, password)
			.getForEntity(uri, EgainCall.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		EgainCall call = response.getBody();
		assertThat(call).isNotNull();
		return call;
	}

	private static JsonNode egainResponse(EgainCall call) {
		JsonNode response = call.egainResponse();
		assertThat(response).isNotNull();
		return response;
	}

	private JsonNode json(@Nullable String body) throws JsonProcessingException {
		assertThat(body).isNotNull();
		return this.json.readTree(body);
	}

	/**
	 * Asserts that the request is forbidden before the sample talks to eGain at all.
	 */
	private void assertForbiddenWithoutEgainTraffic(String uri, String username, String password) {
		ResponseEntity<String> response = this.client.withBasicAuth(username, password).getForEntity(uri, String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.egain.getTokenRequests()).isEmpty();
		assertThat(this.egain.getRejections()).isEmpty();
		assertThat(this.egain.getApiRequests()).isEmpty();
	}

	private List<TokenRequest> tokenRequests(EgainSubject subject) {
		return this.egain.getTokenRequests().stream().filter((request) -> subject.equals(request.subject())).toList();
	}

}
