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

import java.util.List;
import java.util.Map;

import io.github.egainauth.client.TestEgainAuthorizedClientManagers;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
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

	private static Map<String, Object> client(String name, String flow, String tokenUri, List<String> scopes) {
		return Map.of("name", name, "flow", flow, "tokenUri", tokenUri, "scopes", scopes);
	}

}
