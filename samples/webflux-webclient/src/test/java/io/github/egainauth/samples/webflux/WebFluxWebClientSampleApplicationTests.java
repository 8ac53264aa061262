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

package io.github.egainauth.samples.webflux;

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
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link WebFluxWebClientSampleApplication}, called over HTTP as anonymous
 * visitors and logged-in customers, against the test's own eGain stand-in.
 * <p>
 * {@link AutoConfigureEgainStandIn} starts a stand-in per test context on a free port and
 * makes it a bean, so the tests can see the token requests it received.
 * {@code egain.stand-in.enabled=false} keeps the sample's own stand-in (fixed port 9091,
 * for running the sample) from starting too, so the tests also pass while the sample
 * runs. The tests share the context, but each starts with an empty token cache and a
 * stand-in that has seen nothing, whichever test ran before.
 *
 * @author egain-auth authors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "egain.stand-in.enabled=false")
@AutoConfigureEgainStandIn
class WebFluxWebClientSampleApplicationTests {

	@Autowired
	private EgainStandIn egain;

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void anonymousSearchWhenNotLoggedInThenRunsAsAnonymousCustomerAndCachesToken() {
		EgainCall first = get("/anonymous/search?q=password reset", null, null);
		assertThat(first.client()).isEqualTo("anonymous");
		assertThat(first.flow()).isEqualTo("anonymous-customer");
		assertThat(first.subject()).isNull();
		assertThat(first.egainResponse().get("path").asString()).isEqualTo("/core/aiservices/v4/search");
		assertThat(first.egainResponse().get("flow").asString()).isEqualTo("anonymous-customer");
		assertThat(first.egainResponse().get("clientId").asString()).isEqualTo("sample-anonymous");
		// eGain's anonymous endpoint takes only scopes prefixed with
		// {api-base-url}/auth/.
		assertThat(anonymousTokenRequests()).singleElement()
			.satisfies((request) -> assertThat(request.parameters())
				.isEqualTo(Map.of("grant_type", "client_credentials", "client_id", "sample-anonymous", "client_secret",
						"sample-anonymous-secret", "scope", this.egain.getBaseUrl() + "/auth/core.aiservices.read")));
		EgainCall second = get("/anonymous/search?q=reset password", "jane@example.com", "jane-password");
		assertThat(second.tokenStatistics().tokenRequests()).isEqualTo(first.tokenStatistics().tokenRequests());
		assertThat(second.tokenStatistics().cacheHits()).isEqualTo(first.tokenStatistics().cacheHits() + 1);
		assertThat(anonymousTokenRequests()).hasSize(1);
	}

	@Test
	void customerArticlesWhenCustomerLoggedInThenRunsAsCustomer() {
		EgainCall call = get("/customer/articles", "jane@example.com", "jane-password");
		assertThat(call.client()).isEqualTo("customer");
		assertThat(call.flow()).isEqualTo("on-behalf-of-customer");
		assertThat(call.subject()).isEqualTo("email:jane@example.com");
		assertThat(call.egainResponse().get("path").asString()).isEqualTo("/knowledge/portalmgr/v4/articles");
		assertThat(call.egainResponse().get("subject").asString()).isEqualTo("email:jane@example.com");
		assertThat(call.egainResponse().get("clientId").asString()).isEqualTo("sample-customer");
		assertThat(tokenRequests(EgainSubject.email("jane@example.com"))).singleElement()
			.satisfies((request) -> assertThat(request.parameters()).isEqualTo(Map.of("grant_type", "password",
					"client_id", "sample-customer", "client_secret", "sample-customer-secret", "scope",
					"knowledge.portalmgr.onbehalfof.customer.read", "subject_email", "jane@example.com")));
	}

	@Test
	void customerArticlesWhenCalledAgainThenServedFromCache() {
		EgainCall first = get("/customer/articles", "john@example.com", "john-password");
		EgainCall second = get("/customer/articles", "john@example.com", "john-password");
		assertThat(second.subject()).isEqualTo("email:john@example.com");
		assertThat(second.tokenStatistics().tokenRequests()).isEqualTo(first.tokenStatistics().tokenRequests());
		assertThat(second.tokenStatistics().cacheHits()).isEqualTo(first.tokenStatistics().cacheHits() + 1);
		assertThat(tokenRequests(EgainSubject.email("john@example.com"))).hasSize(1);
	}

	@Test
	void customerArticlesWhenCustomerNamesThemselvesThenRunsAsCustomer() {
		EgainCall call = get("/customer/articles?email=john@example.com", "john@example.com", "john-password");
		assertThat(call.subject()).isEqualTo("email:john@example.com");
		assertThat(call.egainResponse().get("subject").asString()).isEqualTo("email:john@example.com");
	}

	@Test
	void customerArticlesWhenCustomerNamesAnotherThenForbiddenAndNoTokenRequested() {
		int tokenRequests = this.egain.getTokenRequests().size();
		int rejections = this.egain.getRejections().size();
		int apiRequests = this.egain.getApiRequests().size();
		this.client.get()
			.uri("/customer/articles?email=victim@example.com")
			.headers((headers) -> headers.setBasicAuth("jane@example.com", "jane-password"))
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(tokenRequests(EgainSubject.email("victim@example.com"))).isEmpty();
		assertThat(this.egain.getTokenRequests()).hasSize(tokenRequests);
		assertThat(this.egain.getRejections()).hasSize(rejections);
		assertThat(this.egain.getApiRequests()).hasSize(apiRequests);
	}

	@Test
	void customerArticlesWhenSupervisorNamesCustomerThenRunsAsThatCustomer() {
		EgainCall call = get("/customer/articles?email=ann@example.com", "support@example.com", "support-password");
		assertThat(call.subject()).isEqualTo("email:ann@example.com");
		assertThat(call.egainResponse().get("subject").asString()).isEqualTo("email:ann@example.com");
		assertThat(tokenRequests(EgainSubject.email("ann@example.com"))).singleElement()
			.satisfies((request) -> assertThat(request.parameters()).containsEntry("subject_email", "ann@example.com"));
	}

	@Test
	void customerArticlesWhenEgainRefusesTokenThenBadGatewayWithErrorCodeOnly() {
		this.egain.refuseTokens(EgainSubject.email("ghost@example.com"), 400, "invalid_grant",
				"Customer ghost@example.com is not known");
		this.client.get()
			.uri("/customer/articles?email=ghost@example.com")
			.headers((headers) -> headers.setBasicAuth("support@example.com", "support-password"))
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
	void customerArticlesWhenEgainRefusesCallThenBadGatewayWithStatusAndCodeOnly() {
		this.egain.refuseApiCalls(EgainSubject.email("audited@example.com"), 403, "403-197",
				"Scope knowledge.portalmgr.onbehalfof.customer.read not granted to audited@example.com");
		this.client.get()
			.uri("/customer/articles?email=audited@example.com")
			.headers((headers) -> headers.setBasicAuth("support@example.com", "support-password"))
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
	void customerArticlesWhenNotLoggedInThenUnauthorized() {
		int tokenRequests = this.egain.getTokenRequests().size();
		this.client.get().uri("/customer/articles").exchange().expectStatus().isUnauthorized();
		assertThat(this.egain.getTokenRequests()).hasSize(tokenRequests);
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
			.isEqualTo(List.of("GET /anonymous/search?q=", "GET /customer/articles"));
	}

	private EgainCall get(String uri, String username, String password) {
		EgainCall call = this.client.get().uri(uri).headers((headers) -> {
			if (username != null) {
				headers.setBasicAuth(username, password);
			}
		}).exchange().expectStatus().isOk().expectBody(EgainCall.class).returnResult().getResponseBody();
		assertThat(call).isNotNull();
		return call;
	}

	private List<TokenRequest> anonymousTokenRequests() {
		return this.egain.getTokenRequests()
			.stream()
			.filter((request) -> request.flow() == EgainFlow.ANONYMOUS_CUSTOMER)
			.toList();
	}

	private List<TokenRequest> tokenRequests(EgainSubject subject) {
		return this.egain.getTokenRequests().stream().filter((request) -> subject.equals(request.subject())).toList();
	}

}
