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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.client.EgainRestClients;
import io.github.egainauth.client.web.reactive.EgainWebClients;
import io.github.egainauth.integration.TestEgainApi.ApiCall;
import io.github.egainauth.integration.TestEgainApi.ApiEcho;
import io.github.egainauth.test.AutoConfigureEgainStandIn;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.TenantMetadataRequest;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.client.ClientAuthorizationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * End-to-end tests of a servlet application with {@code egain.auth.discovery.enabled},
 * calling a {@link EgainStandIn} through the ready-made {@code RestClient}s and
 * {@code WebClient}s: token URLs and scope prefixes come from the stand-in's tenant
 * metadata document, read once, before the first token request.
 * <p>
 * The tests share one application context; {@link AutoConfigureEgainStandIn} starts each
 * with an empty token cache, registrations that have not read the document, and a
 * stand-in that has seen nothing.
 *
 * @author egain-auth authors
 */
@SpringBootTest(classes = TestEgainApplication.class,
		properties = { "egain.auth.discovery.enabled=true", "management.endpoints.web.exposure.include=info" })
@AutoConfigureEgainStandIn(tenantId = "TMPDISCOVERY")
class EgainDiscoveryServletApplicationTests {

	private static final String METADATA_PATH = "/core/authmgr/v3/metadata/tenant/TMPDISCOVERY";

	@Autowired
	private EgainStandIn egain;

	@Autowired
	private EgainRestClients restClients;

	@Autowired
	private EgainWebClients webClients;

	@Autowired
	private InfoEndpoint infoEndpoint;

	@Test
	void restClientAndWebClientWhenDiscoveryThenTokensFromDiscoveredEndpointsAndDocumentReadOnce() {
		assertThat(client("agent")).containsEntry("tokenUri", null).containsEntry("tokenUriSource", "discovered");
		String prefix = this.egain.getBaseUrl() + "/auth/";
		ApiCall agent = restCall("agent", EgainSubject.username("pa"));
		ApiCall customer = webCall("customer", EgainSubject.email("pa@example.com"));
		ApiCall application = restCall("app");
		ApiCall anonymous = webCall("anon");
		List<TokenRequest> tokenRequests = this.egain.getTokenRequests();
		assertThat(tokenRequests).extracting(TokenRequest::flow)
			.containsExactly(EgainFlow.ON_BEHALF_OF_USER, EgainFlow.ON_BEHALF_OF_CUSTOMER, EgainFlow.CLIENT_CREDENTIALS,
					EgainFlow.ANONYMOUS_CUSTOMER);
		assertThat(tokenRequests).extracting(TokenRequest::scopes)
			.containsExactly(List.of(prefix + "knowledge.portalmgr.onbehalfof.read"),
					List.of(prefix + "knowledge.portalmgr.onbehalfof.customer.read"),
					List.of(prefix + "knowledge.portalmgr.read", prefix + "core.aiservices.read"),
					List.of(prefix + "knowledge.portalmgr.read", prefix + "core.aiservices.read"));
		assertThat(List.of(agent, customer, application, anonymous)).extracting(ApiCall::token)
			.containsExactlyElementsOf(tokenRequests.stream().map(TokenRequest::accessToken).toList());
		assertThat(this.egain.getTenantMetadataRequests())
			.containsExactly(new TenantMetadataRequest("GET", METADATA_PATH, "application/json"));
		assertThat(this.egain.getRejections()).isEmpty();
		assertThat(client("agent"))
			.containsEntry("tokenUri", this.egain.getBaseUrl() + "/system/auth/TMPDISCOVERY-U/oauth2/token")
			.containsEntry("tokenUriSource", "discovered")
			.containsEntry("scopePrefix", prefix)
			.containsEntry("scopePrefixSource", "discovered");
	}

	@Test
	void restClientWhenDocumentLacksTokenUrlThenCallFailsNamingFieldAndNoTokenRequested() {
		Map<String, Object> document = this.egain.getTenantMetadata();
		@SuppressWarnings("unchecked")
		Map<String, Object> details = new LinkedHashMap<>((Map<String, Object>) document.get("authenticationDetails"));
		details.remove("oAuthCustomer");
		document.put("authenticationDetails", details);
		this.egain.serveTenantMetadata(document);
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> restCall("customer", EgainSubject.email("pa@example.com")))
			.satisfies((ex) -> assertThat(ex.getError().getDescription()).startsWith(
					"Discovery for eGain client 'customer' (on-behalf-of-customer flow) failed: eGain's tenant metadata "
							+ "document at " + this.egain.getBaseUrl() + METADATA_PATH
							+ " has no authenticationDetails.oAuthCustomer[0].accessTokenURL"));
		assertThat(this.egain.getTokenRequests()).isEmpty();
		assertThat(this.egain.getApiRequests()).isEmpty();
	}

	@Test
	void restClientWhenDiscoveredTokenUrlGoneThenDocumentReadAgainAndNextCallSucceeds() {
		Map<String, Object> current = this.egain.getTenantMetadata();
		Map<String, Object> outdated = new LinkedHashMap<>(current);
		@SuppressWarnings("unchecked")
		Map<String, Object> details = new LinkedHashMap<>((Map<String, Object>) current.get("authenticationDetails"));
		details.put("oAuthUser",
				List.of(Map.of("accessTokenURL", this.egain.getBaseUrl() + "/system/auth/TMPMOVED-U/oauth2/token")));
		outdated.put("authenticationDetails", details);
		this.egain.serveTenantMetadata(outdated);
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> restCall("agent", EgainSubject.username("pa")))
			.satisfies((ex) -> assertThat(ex.getError().getDescription()).contains("HTTP 404"));
		this.egain.serveTenantMetadata(current);
		ApiCall call = restCall("agent", EgainSubject.username("pa"));
		assertThat(this.egain.getTenantMetadataRequests()).hasSize(2);
		assertThat(this.egain.getTokenRequests()).singleElement()
			.satisfies((tokenRequest) -> assertThat(tokenRequest.accessToken()).isEqualTo(call.token()));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> client(String name) {
		Map<String, Object> egain = (Map<String, Object>) this.infoEndpoint.info().get("egain");
		return ((List<Map<String, Object>>) egain.get("clients")).stream()
			.filter((client) -> name.equals(client.get("name")))
			.findFirst()
			.orElseThrow();
	}

	private ApiCall restCall(String client) {
		return TestEgainApi.seen(this.egain,
				this.restClients.client(client).get().uri(TestEgainApi.ARTICLES_PATH).retrieve().body(ApiEcho.class));
	}

	private ApiCall restCall(String client, EgainSubject subject) {
		return TestEgainApi.seen(this.egain,
				this.restClients.client(client)
					.get()
					.uri(TestEgainApi.ARTICLES_PATH)
					.attributes(EgainRequestAttributes.subject(subject))
					.retrieve()
					.body(ApiEcho.class));
	}

	private ApiCall webCall(String client) {
		return TestEgainApi.seen(this.egain,
				this.webClients.client(client)
					.get()
					.uri(TestEgainApi.ARTICLES_PATH)
					.retrieve()
					.bodyToMono(ApiEcho.class)
					.block());
	}

	private ApiCall webCall(String client, EgainSubject subject) {
		return TestEgainApi.seen(this.egain,
				this.webClients.client(client)
					.get()
					.uri(TestEgainApi.ARTICLES_PATH)
					.attributes(EgainRequestAttributes.subject(subject))
					.retrieve()
					.bodyToMono(ApiEcho.class)
					.block());
	}

}
