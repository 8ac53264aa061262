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

package io.github.egainauth.samples.servlet;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.test.AutoConfigureEgainStandIn;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link ServletRestClientSampleApplication}, called over HTTP as its logged-in
 * users, against the test's own eGain stand-in.
 * <p>
 * {@link AutoConfigureEgainStandIn} starts a stand-in per test context on a free port and
 * makes it a bean, so the tests can see the token requests it received.
 * {@code egain.stand-in.enabled=false} keeps the sample's own stand-in (fixed port 9090,
 * for running the sample) from starting too, so the tests also pass while the sample
 * runs. The tests share the context, but each starts with an empty token cache and a
 * stand-in that has seen nothing, whichever test ran before.
 *
 * @author egain-auth authors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "egain.stand-in.enabled=false")
@AutoConfigureEgainStandIn
class ServletRestClientSampleApplicationTests {

	@Autowired
	private EgainStandIn egain;

	@LocalServerPort
	private int port;

	private RestTestClient client;

	@BeforeEach
	void setUp() {
		this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void articlesWhenAgentLoggedInThenRunsAsAgent() {
		EgainCall call = get("/articles", "pa", "pa-password");
		assertThat(call.client()).isEqualTo("agent");
		assertThat(call.flow()).isEqualTo("on-behalf-of-user");
		assertThat(call.subject()).isEqualTo("username:pa");
		assertThat(call.egainResponse().get("path").asString()).isEqualTo("/knowledge/portalmgr/v4/articles");
		assertThat(call.egainResponse().get("subject").asString()).isEqualTo("username:pa");
		assertThat(call.egainResponse().get("clientId").asString()).isEqualTo("sample-agent");
		assertThat(tokenRequests(EgainSubject.username("pa"))).singleElement()
			.satisfies((request) -> assertThat(request.parameters()).isEqualTo(Map.of("grant_type", "password",
					"client_id", "sample-agent", "client_secret", "sample-agent-secret", "scope",
					"knowledge.portalmgr.onbehalfof.read", "subject_username", "pa")));
	}

	@Test
	void articlesWhenCalledAgainThenServedFromCache() {
		EgainCall first = get("/articles?username=cached-agent", "sam", "sam-password");
		EgainCall second = get("/articles?username=cached-agent", "sam", "sam-password");
		assertThat(second.tokenStatistics().tokenRequests()).isEqualTo(first.tokenStatistics().tokenRequests());
		assertThat(second.tokenStatistics().cacheHits()).isEqualTo(first.tokenStatistics().cacheHits() + 1);
		assertThat(tokenRequests(EgainSubject.username("cached-agent"))).hasSize(1);
	}

	@Test
	void articlesWhenAgentNamesThemselvesThenRunsAsAgent() {
		EgainCall call = get("/articles?username=pa", "pa", "pa-password");
		assertThat(call.subject()).isEqualTo("username:pa");
		assertThat(call.egainResponse().get("subject").asString()).isEqualTo("username:pa");
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
		assertThat(call.egainResponse().get("subject").asString()).isEqualTo("username:jdoe");
		assertThat(tokenRequests(EgainSubject.username("jdoe"))).singleElement()
			.satisfies((request) -> assertThat(request.parameters()).containsEntry("subject_username", "jdoe"));
	}

	@Test
	void articlesWhenSupervisorNamesUserIdThenRunsAsThatUserId() {
		EgainCall call = get("/articles?userId=1001", "sam", "sam-password");
		assertThat(call.subject()).isEqualTo("userid:1001");
		assertThat(call.egainResponse().get("subject").asString()).isEqualTo("userid:1001");
		assertThat(tokenRequests(EgainSubject.userId("1001"))).singleElement()
			.satisfies((request) -> assertThat(request.parameters()).containsEntry("subject_userid", "1001")
				.doesNotContainKey("subject_username"));
	}

	@Test
	void articlesWhenEgainRefusesTokenThenBadGatewayWithErrorCodeOnly() {
		this.egain.refuseTokens(EgainSubject.username("ghost"), 400, "invalid_grant",
				"User ghost is not known; contact ghost@example.com");
		this.client.get()
			.uri("/articles?username=ghost")
			.headers((headers) -> headers.setBasicAuth("sam", "sam-password"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectBody()
			.jsonPath("$.egainCode")
			.isEqualTo("invalid_grant")
			.consumeWith((result) -> assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
				.doesNotContain("ghost@example.com", "is not known"));
	}

	@Test
	void articlesWhenEgainRefusesCallThenBadGatewayWithStatusAndCodeOnly() {
		this.egain.refuseApiCalls(EgainSubject.username("audited"), 403, "403-197",
				"Scope knowledge.portalmgr.onbehalfof.read not granted to audited@example.com");
		this.client.get()
			.uri("/articles?username=audited")
			.headers((headers) -> headers.setBasicAuth("sam", "sam-password"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectBody()
			.jsonPath("$.egainStatus")
			.isEqualTo(403)
			.jsonPath("$.egainCode")
			.isEqualTo("403-197")
			.consumeWith((result) -> assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
				.doesNotContain("audited@example.com", "not granted", "developerMessage"));
	}

	@Test
	void customerArticlesWhenCustomerLoggedInThenRunsAsCustomer() {
		EgainCall call = get("/customer/articles", "jane@example.com", "jane-password");
		assertThat(call.client()).isEqualTo("customer");
		assertThat(call.flow()).isEqualTo("on-behalf-of-customer");
		assertThat(call.subject()).isEqualTo("email:jane@example.com");
		assertThat(call.egainResponse().get("subject").asString()).isEqualTo("email:jane@example.com");
		assertThat(call.egainResponse().get("clientId").asString()).isEqualTo("sample-customer");
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
		assertThat(call.egainResponse().get("subject").asString()).isEqualTo("email:john@example.com");
		assertThat(tokenRequests(EgainSubject.email("john@example.com"))).hasSize(1);
	}

	@Test
	void searchWhenLoggedInThenRunsAsApplication() {
		EgainCall call = get("/search?q=password reset", "jane@example.com", "jane-password");
		assertThat(call.client()).isEqualTo("ai-services");
		assertThat(call.flow()).isEqualTo("client-credentials");
		assertThat(call.subject()).isNull();
		assertThat(call.egainResponse().get("path").asString()).isEqualTo("/core/aiservices/v4/search");
		assertThat(call.egainResponse().get("clientId").asString()).isEqualTo("sample-app");
		assertThat(this.egain.getTokenRequests())
			.filteredOn((request) -> request.flow() == EgainFlow.CLIENT_CREDENTIALS)
			.singleElement()
			.satisfies((request) -> assertThat(request.parameters())
				.isEqualTo(Map.of("grant_type", "client_credentials", "client_id", "sample-app", "client_secret",
						"sample-app-secret", "scope", "core.aiservices.read")));
	}

	@Test
	void articlesWhenNotLoggedInThenUnauthorized() {
		int tokenRequests = this.egain.getTokenRequests().size();
		this.client.get().uri("/articles").exchange().expectStatus().isUnauthorized();
		assertThat(this.egain.getTokenRequests()).hasSize(tokenRequests);
	}

	@Test
	void customerArticlesWhenAgentLoggedInThenForbidden() {
		this.client.get()
			.uri("/customer/articles")
			.headers((headers) -> headers.setBasicAuth("pa", "pa-password"))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void indexWhenNotLoggedInThenListsEndpoints() {
		this.client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.endpoints[*].request")
			.isEqualTo(List.of("GET /articles", "GET /customer/articles", "GET /search?q="));
	}

	private EgainCall get(String uri, String username, String password) {
		EgainCall call = this.client.get()
			.uri(uri)
			.headers((headers) -> headers.setBasicAuth(username, password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(EgainCall.class)
			.returnResult()
			.getResponseBody();
		assertThat(call).isNotNull();
		return call;
	}

	/**
	 * Asserts that the request is forbidden before the sample talks to eGain at all.
	 */
	private void assertForbiddenWithoutEgainTraffic(String uri, String username, String password) {
		int tokenRequests = this.egain.getTokenRequests().size();
		int rejections = this.egain.getRejections().size();
		int apiRequests = this.egain.getApiRequests().size();
		this.client.get()
			.uri(uri)
			.headers((headers) -> headers.setBasicAuth(username, password))
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(this.egain.getTokenRequests()).hasSize(tokenRequests);
		assertThat(this.egain.getRejections()).hasSize(rejections);
		assertThat(this.egain.getApiRequests()).hasSize(apiRequests);
	}

	private List<TokenRequest> tokenRequests(EgainSubject subject) {
		return this.egain.getTokenRequests().stream().filter((request) -> subject.equals(request.subject())).toList();
	}

}
