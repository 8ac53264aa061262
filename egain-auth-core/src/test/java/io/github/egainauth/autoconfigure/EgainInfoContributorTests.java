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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.TestEgainAuthorizedClientManagers;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import io.github.egainauth.client.registration.TestEgainTenantMetadata;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EgainInfoContributor}.
 *
 * @author egain-auth authors
 */
class EgainInfoContributorTests {

	private static final String BASE_URL = "https://egain.example.com/";

	@Test
	void contributeWhenClientsThenListsNameFlowTokenUriAndScopesOfEach() {
		Info.Builder builder = new Info.Builder();
		new EgainInfoContributor(TestEgainAuthorizedClientManagers.registrations(BASE_URL)).contribute(builder);
		Info info = builder.build();
		assertThat(info.getDetails()).containsOnlyKeys("egain");
		assertThat(info.get("egain")).isEqualTo(Map.of("clients",
				List.of(client("agent-assist", "on-behalf-of-user",
						"https://egain.example.com/system/auth/TMPRODB88619984-U/oauth2/token",
						List.of("knowledge.portalmgr.onbehalfof.read", "core.aiservices.read")),
						client("customer-portal", "on-behalf-of-customer",
								"https://egain.example.com/system/auth/TMPRODB88619984-C/oauth2/token",
								List.of("knowledge.portalmgr.onbehalfof.read")),
						client("knowledge-sync", "client-credentials",
								"https://egain.example.com/system/auth/TMPRODB88619984-U/oauth2/token",
								List.of("knowledge.portalmgr.manage")),
						client("chat-widget", "anonymous-customer",
								"https://egain.example.com/core/authmgr/v3/oauth2/v2.0/anonymous/token"
										+ "?user_type=customer&domain_hint=TMPRODB88619984",
								List.of("https://egain.example.com/auth/core.aiservices.read",
										"https://egain.example.com/auth/knowledge.portalmgr.read",
										"https://api.ai.egain.cloud/auth/knowledge.portalmgr.manage")))));
	}

	@Test
	void contributeWhenClientsThenNeverShowsSecret() {
		Info.Builder builder = new Info.Builder();
		new EgainInfoContributor(TestEgainAuthorizedClientManagers.registrations(BASE_URL)).contribute(builder);
		String info = builder.build().toString();
		assertThat(info).contains("agent-assist").doesNotContain(TestEgainClientRegistrations.CLIENT_SECRET);
	}

	@Test
	void contributeWhenMappedFromPropertiesThenSaysWhereTokenUriAndPrefixComeFrom() {
		EgainAuthProperties properties = new EgainAuthProperties();
		properties.setTenantId("TENANT");
		addClient(properties, "agent-assist", "on-behalf-of-user").setTokenUri("https://login.example.com/token");
		addClient(properties, "chat", EgainFlow.ANONYMOUS_CUSTOMER.getValue());
		Map<String, Object> agent = new LinkedHashMap<>();
		agent.put("name", "agent-assist");
		agent.put("flow", "on-behalf-of-user");
		agent.put("tokenUri", "https://login.example.com/token");
		agent.put("tokenUriSource", "configured");
		agent.put("scopes", List.of("a.read"));
		agent.put("scopePrefix", null);
		agent.put("scopePrefixSource", "derived");
		Map<String, Object> chat = new LinkedHashMap<>();
		chat.put("name", "chat");
		chat.put("flow", "anonymous-customer");
		chat.put("tokenUri", "https://api.ai.egain.cloud/core/authmgr/v3/oauth2/v2.0/anonymous/token"
				+ "?user_type=customer&domain_hint=TENANT");
		chat.put("tokenUriSource", "derived");
		chat.put("scopes", List.of("https://api.ai.egain.cloud/auth/a.read"));
		chat.put("scopePrefix", "https://api.ai.egain.cloud/auth/");
		chat.put("scopePrefixSource", "derived");
		assertThat(contribute(EgainAuthBeans.registrations(properties, EgainInfoContributorTests::noDocument)))
			.isEqualTo(Map.of("clients", List.of(agent, chat)));
	}

	@Test
	void contributeWhenDiscoveredThenNullUntilDocumentReadThenDiscoveredValues() {
		EgainAuthProperties properties = new EgainAuthProperties();
		properties.setTenantId(TestEgainTenantMetadata.TENANT_ID);
		properties.getDiscovery().setEnabled(true);
		addClient(properties, "portal", "on-behalf-of-customer").setScopePrefix("https://scopes.example.com/");
		AtomicInteger fetches = new AtomicInteger();
		EgainClientRegistrationRepository registrations = EgainAuthBeans.registrations(properties, () -> () -> {
			fetches.incrementAndGet();
			return CompletableFuture.completedFuture(TestEgainTenantMetadata.metadata("https://api.example.com/doc",
					TestEgainTenantMetadata.document("https://login.example.com")));
		});
		Map<String, Object> before = new LinkedHashMap<>();
		before.put("name", "portal");
		before.put("flow", "on-behalf-of-customer");
		before.put("tokenUri", null);
		before.put("tokenUriSource", "discovered");
		before.put("scopes", List.of("https://scopes.example.com/a.read"));
		before.put("scopePrefix", "https://scopes.example.com/");
		before.put("scopePrefixSource", "configured");
		assertThat(contribute(registrations)).isEqualTo(Map.of("clients", List.of(before)));
		assertThat(fetches).hasValue(0);
		registrations.findByRegistrationId("portal");
		Map<String, Object> after = new LinkedHashMap<>(before);
		after.put("tokenUri", "https://login.example.com" + TestEgainTenantMetadata.CUSTOMER_TOKEN_PATH);
		assertThat(contribute(registrations)).isEqualTo(Map.of("clients", List.of(after)));
		assertThat(fetches).hasValue(1);
	}

	private static EgainTenantMetadataClient noDocument() {
		throw new IllegalStateException("No document is read without discovery");
	}

	private static Object contribute(EgainClientRegistrationRepository registrations) {
		Info.Builder builder = new Info.Builder();
		new EgainInfoContributor(registrations).contribute(builder);
		return builder.build().get("egain");
	}

	private static EgainAuthProperties.Client addClient(EgainAuthProperties properties, String name, String flow) {
		EgainAuthProperties.Client client = new EgainAuthProperties.Client();
		client.setFlow(EgainFlow.fromValue(flow));
		client.setClientId(name + "-id");
		client.setClientSecret(TestEgainProperties.CLIENT_SECRET);
		client.setScopes(List.of("a.read"));
		properties.getClients().put(name, client);
		properties.validate();
		return client;
	}

	private static Map<String, Object> client(String name, String flow, String tokenUri, List<String> scopes) {
		return Map.of("name", name, "flow", flow, "tokenUri", tokenUri, "scopes", scopes);
	}

}
