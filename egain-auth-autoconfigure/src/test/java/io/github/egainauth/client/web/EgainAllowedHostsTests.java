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

package io.github.egainauth.client.web;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link EgainAllowedHosts}.
 *
 * @author egain-auth authors
 */
class EgainAllowedHostsTests {

	private final EgainAllowedHosts allowedHosts = EgainAllowedHosts
		.of(List.of("api.ai.egain.cloud", "api.eu.egain.cloud"));

	@Test
	void ofWhenEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAllowedHosts.of(List.of()))
			.withMessage("hosts cannot be empty");
	}

	@Test
	void ofWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAllowedHosts.of(null))
			.withMessage("hosts cannot be empty");
	}

	@Test
	void checkWhenAllowedHostThenPasses() {
		assertThatNoException().isThrownBy(() -> this.allowedHosts
			.check(URI.create("https://api.ai.egain.cloud/knowledge/portalmgr/v4/portals"), "agent-assist"));
		assertThatNoException().isThrownBy(
				() -> this.allowedHosts.check(URI.create("https://api.eu.egain.cloud:8443/x?y=z"), "agent-assist"));
	}

	@Test
	void checkWhenHostDiffersOnlyInCaseThenPasses() {
		EgainAllowedHosts allowedHosts = EgainAllowedHosts.of(List.of(" API.AI.eGain.cloud "));
		assertThatNoException()
			.isThrownBy(() -> allowedHosts.check(URI.create("https://Api.Ai.Egain.Cloud/x"), "agent-assist"));
		assertThatNoException()
			.isThrownBy(() -> allowedHosts.check(URI.create("https://api.ai.egain.cloud/x"), "agent-assist"));
	}

	@Test
	void checkWhenOtherHostThenThrowsNamingClientHostAndProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> this.allowedHosts.check(URI.create("https://collector.example.com/steal"), "agent-assist"))
			.withMessage("Refusing to send the token of eGain client 'agent-assist' to host 'collector.example.com': "
					+ "only [api.ai.egain.cloud, api.eu.egain.cloud] may receive eGain tokens. "
					+ "If this host serves eGain's API, add it to egain.auth.allowed-hosts");
	}

	@Test
	void checkWhenSubdomainOrSuffixOfAllowedHostThenThrows() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.allowedHosts.check(URI.create("https://api.ai.egain.cloud.example.com/x"), "c"))
			.withMessageContaining("host 'api.ai.egain.cloud.example.com'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.allowedHosts.check(URI.create("https://evil.api.ai.egain.cloud/x"), "c"))
			.withMessageContaining("host 'evil.api.ai.egain.cloud'");
	}

	@Test
	void checkWhenUriHasNoHostThenThrows() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.allowedHosts.check(URI.create("/knowledge/portalmgr/v4/portals"), "agent-assist"))
			.withMessageStartingWith("Refusing to send the token of eGain client 'agent-assist' to host 'null'");
	}

	@Test
	void checkWhenAnyThenEveryHostPasses() {
		assertThatNoException().isThrownBy(
				() -> EgainAllowedHosts.any().check(URI.create("https://collector.example.com/x"), "agent-assist"));
	}

	@Test
	void toStringWhenAllowListThenSortedHosts() {
		assertThat(EgainAllowedHosts.of(List.of("b.example.com", "A.example.com")))
			.hasToString("EgainAllowedHosts[a.example.com, b.example.com]");
		assertThat(EgainAllowedHosts.any()).hasToString("EgainAllowedHosts[any]");
	}

}
