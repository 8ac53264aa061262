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

import io.github.egainauth.EgainFlow;
import io.github.egainauth.autoconfigure.InvalidEgainConfigurationException.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnresolvedPlaceholders}.
 *
 * @author egain-auth authors
 */
class UnresolvedPlaceholdersTests {

	private final EgainAuthProperties properties = new EgainAuthProperties();

	@Test
	void findWhenNoPlaceholderThenNothing() {
		this.properties.setTenantId("TENANT");
		this.properties.getClients().put("agent", client("s3cret"));
		assertThat(find()).isEmpty();
	}

	@Test
	void findWhenPlaceholderInTopLevelValueThenKebabCasePropertyAndVariable() {
		this.properties.setAcceptLanguage("${EGAIN_LANGUAGE}");
		assertThat(find())
			.containsExactly(new Problem("egain.auth.accept-language", "refers to ${EGAIN_LANGUAGE}, which is not set",
					"Set the environment variable EGAIN_LANGUAGE or the property EGAIN_LANGUAGE"));
	}

	@Test
	void findWhenPlaceholderInClientAndListThenPathsNameClientAndIndex() {
		EgainAuthProperties.Client client = client("${EGAIN_SECRET}");
		client.setScopes(List.of("core.aiservices.read", "${EGAIN_SCOPE}"));
		this.properties.getClients().put("agent", client);
		this.properties.setAllowedOrigins(List.of("${EGAIN_ORIGIN}"));
		assertThat(find()).extracting(Problem::property)
			.containsExactlyInAnyOrder("egain.auth.allowed-origins[0]", "egain.auth.clients.agent.client-secret",
					"egain.auth.clients.agent.scopes[1]");
	}

	@Test
	void findWhenPlaceholderInsideSecretThenQuotesPlaceholderOnly() {
		this.properties.getClients().put("agent", client("s3cret-part${EGAIN_REST}"));
		assertThat(find()).singleElement().satisfies((problem) -> {
			assertThat(problem.reason()).isEqualTo("refers to ${EGAIN_REST}, which is not set");
			assertThat(problem.reason() + problem.action()).doesNotContain("s3cret");
		});
	}

	@Test
	void findWhenPropertyNameInPlaceholderThenEnvironmentVariableDerived() {
		this.properties.setTenantId("${egain.tenant-id.value}");
		assertThat(find()).singleElement()
			.extracting(Problem::action)
			.isEqualTo("Set the environment variable EGAIN_TENANT_ID_VALUE or the property egain.tenant-id.value");
	}

	@Test
	void findWhenNestedPlaceholderThenNamesInnermostName() {
		this.properties.setTenantId("${${EGAIN_INNER}}");
		assertThat(find()).singleElement()
			.extracting(Problem::reason)
			.isEqualTo("refers to ${EGAIN_INNER}, which is not set");
	}

	@Test
	void findWhenPlaceholderNamesNothingThenSaysSo() {
		this.properties.setTenantId("${}");
		assertThat(find()).singleElement()
			.extracting(Problem::reason)
			.isEqualTo("holds a ${...} placeholder that names nothing");
	}

	private List<Problem> find() {
		return UnresolvedPlaceholders.find("egain.auth", this.properties);
	}

	private static EgainAuthProperties.Client client(String clientSecret) {
		EgainAuthProperties.Client client = new EgainAuthProperties.Client();
		client.setFlow(EgainFlow.ON_BEHALF_OF_USER);
		client.setClientId("agent-id");
		client.setClientSecret(clientSecret);
		client.setScopes(List.of("knowledge.portalmgr.onbehalfof.read"));
		return client;
	}

}
