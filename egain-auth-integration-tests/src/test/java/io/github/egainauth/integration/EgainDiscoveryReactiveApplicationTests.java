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
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.reactive.EgainWebClients;
import io.github.egainauth.integration.TestEgainApi.ApiCall;
import io.github.egainauth.integration.TestEgainApi.ApiEcho;
import io.github.egainauth.test.AutoConfigureEgainStandIn;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.TenantMetadataRequest;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of a reactive application with {@code egain.auth.discovery.enabled},
 * calling a {@link EgainStandIn} through the ready-made {@code WebClient}s: the tenant
 * metadata document is read with the reactive HTTP client, once however many calls wait
 * for it.
 *
 * @author egain-auth authors
 */
@SpringBootTest(classes = TestEgainApplication.class,
		properties = { "spring.main.web-application-type=reactive", "egain.auth.discovery.enabled=true" })
@AutoConfigureEgainStandIn(tenantId = "TMPDISCOVERY")
class EgainDiscoveryReactiveApplicationTests {

	@Autowired
	private EgainStandIn egain;

	@Autowired
	private EgainWebClients webClients;

	@Test
	void webClientWhenManyCallsAtOnceThenDocumentReadOnceAndTokensFromDiscoveredEndpoints() {
		List<ApiCall> calls = Flux.range(0, 16)
			.flatMap((caller) -> this.webClients.client("customer")
				.get()
				.uri(TestEgainApi.ARTICLES_PATH)
				.attributes(EgainRequestAttributes.subject(EgainSubject.email("c" + caller + "@example.com")))
				.retrieve()
				.bodyToMono(ApiEcho.class))
			.map((echo) -> new ApiCall(null, echo.clientId(), echo.subject(), echo.acceptLanguage()))
			.collectList()
			.block();
		assertThat(calls).hasSize(16).allSatisfy((call) -> assertThat(call.clientId()).isEqualTo("customer-client"));
		assertThat(this.egain.getTenantMetadataRequests()).containsExactly(
				new TenantMetadataRequest("GET", "/core/authmgr/v3/metadata/tenant/TMPDISCOVERY", "application/json"));
		assertThat(this.egain.getTokenRequests()).hasSize(16)
			.allSatisfy((tokenRequest) -> assertThat(tokenRequest.flow()).isEqualTo(EgainFlow.ON_BEHALF_OF_CUSTOMER))
			.allSatisfy((tokenRequest) -> assertThat(tokenRequest.scopes())
				.containsExactly(this.egain.getBaseUrl() + "/auth/knowledge.portalmgr.onbehalfof.customer.read"));
		assertThat(this.egain.getApiRequests()).hasSize(16).allMatch(EgainStandIn.ApiRequest::authorized);
		assertThat(this.egain.getRejections()).isEmpty();
	}

	@Test
	void webClientWhenApplicationClientThenAnonymousTokenFromDiscoveredEndpoint() {
		ApiEcho echo = this.webClients.client("anon")
			.get()
			.uri(TestEgainApi.ARTICLES_PATH)
			.retrieve()
			.bodyToMono(ApiEcho.class)
			.block();
		assertThat(echo.flow()).isEqualTo("anonymous-customer");
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::flow)
			.containsExactly(EgainFlow.ANONYMOUS_CUSTOMER);
		assertThat(this.egain.getTenantMetadataRequests()).hasSize(1);
	}

}
