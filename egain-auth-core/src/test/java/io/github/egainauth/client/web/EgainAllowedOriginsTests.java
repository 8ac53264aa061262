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
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link EgainAllowedOrigins}.
 *
 * @author egain-auth authors
 */
class EgainAllowedOriginsTests {

	private final EgainAllowedOrigins allowedOrigins = EgainAllowedOrigins
		.of(List.of("https://api.ai.egain.cloud", "https://api.eu.egain.cloud:8443"));

	@Test
	void ofWhenEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAllowedOrigins.of(List.of()))
			.withMessage("origins cannot be empty");
	}

	@Test
	void ofWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAllowedOrigins.of(null))
			.withMessage("origins cannot be empty");
	}

	@Test
	void ofWhenNullOriginThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAllowedOrigins.of(Collections.singletonList(null)))
			.withMessage("origin cannot be null");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.eu.egain.cloud/", "https://api.eu.egain.cloud/knowledge",
			"https://api.eu.egain.cloud?tenant=x", "https://api.eu.egain.cloud#top" })
	void ofWhenPathQueryOrFragmentThenThrowsIllegalArgumentException(String origin) {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAllowedOrigins.of(List.of(origin)))
			.withMessage("'" + origin + "' has a path, query or fragment, but an origin is only scheme, host and port");
	}

	@Test
	void ofWhenUserInfoThenThrowsWithoutRepeatingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainAllowedOrigins.of(List.of("https://agent:pa55word@api.eu.egain.cloud")))
			.withMessage(
					"'https://******@api.eu.egain.cloud' has user info, but an origin is only scheme, host and port");
	}

	@ParameterizedTest
	@ValueSource(strings = { "api.eu.egain.cloud", "ftp://api.eu.egain.cloud", "/knowledge", "" })
	void ofWhenNotAnHttpOriginThenThrowsIllegalArgumentException(String origin) {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAllowedOrigins.of(List.of(origin)))
			.withMessage("'" + origin + "' is not an http(s) origin");
	}

	@Test
	void ofWhenInvalidUrlThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAllowedOrigins.of(List.of("https://api eu")))
			.withMessage("'https://api eu' is not a valid URL (Illegal character in authority)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://api.eu.egain.cloud", "http://10.0.0.1:8080", "http://127.0.0.1.example.com" })
	void ofWhenPlainHttpToRemoteHostThenThrowsIllegalArgumentException(String origin) {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAllowedOrigins.of(List.of(origin)))
			.withMessage("'" + origin + "' uses plain http:// to a host that is not loopback, which would send "
					+ "tokens unencrypted");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080" })
	void ofWhenPlainHttpToLoopbackThenAllowed(String origin) {
		EgainAllowedOrigins allowed = EgainAllowedOrigins.of(List.of(origin));
		assertThatNoException().isThrownBy(() -> allowed.check(URI.create(origin + "/x"), "agent-assist"));
	}

	@Test
	void checkWhenAllowedOriginThenPasses() {
		assertThatNoException().isThrownBy(() -> this.allowedOrigins
			.check(URI.create("https://api.ai.egain.cloud/knowledge/portalmgr/v4/portals"), "agent-assist"));
		assertThatNoException().isThrownBy(
				() -> this.allowedOrigins.check(URI.create("https://api.eu.egain.cloud:8443/x?y=z"), "agent-assist"));
	}

	@ParameterizedTest
	@CsvSource({ "https://API.AI.eGain.cloud, https://api.ai.egain.cloud/x",
			"https://api.ai.egain.cloud, HTTPS://Api.Ai.Egain.Cloud/x",
			"https://api.ai.egain.cloud, https://api.ai.egain.cloud:443/x",
			"https://api.ai.egain.cloud:443, https://api.ai.egain.cloud/x", "http://localhost, http://localhost:80/x",
			"http://localhost:80, http://LOCALHOST/x", "https://[::1]:8443, https://[0:0:0:0:0:0:0:1]:8443/x",
			"https://[0:0:0:0:0:0:0:1], https://[::1]:443/x", "https://[::ffff:7f00:1], https://127.0.0.1/x",
			"https://[FE80::1], https://[fe80:0:0:0:0:0:0:1]/x" })
	void checkWhenSameOriginWrittenDifferentlyThenPasses(String origin, String uri) {
		EgainAllowedOrigins allowed = EgainAllowedOrigins.of(List.of(origin));
		assertThatNoException().isThrownBy(() -> allowed.check(URI.create(uri), "agent-assist"));
	}

	@ParameterizedTest
	@CsvSource({ "https://api.ai.egain.cloud:8443/x, https://api.ai.egain.cloud:8443",
			"https://api.eu.egain.cloud/x, https://api.eu.egain.cloud",
			"https://api.eu.egain.cloud:443/x, https://api.eu.egain.cloud",
			"https://api.ai.egain.cloud.example.com/x, https://api.ai.egain.cloud.example.com",
			"https://evil.api.ai.egain.cloud/x, https://evil.api.ai.egain.cloud",
			"wss://api.ai.egain.cloud/x, wss://api.ai.egain.cloud", "https://[::1]/x, https://[0:0:0:0:0:0:0:1]" })
	void checkWhenOtherPortHostOrSchemeThenThrowsNamingOrigin(String uri, String origin) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.allowedOrigins.check(URI.create(uri), "agent-assist"))
			.withMessage("Refusing to send the token of eGain client 'agent-assist' to " + origin + ": only "
					+ "[https://api.ai.egain.cloud, https://api.eu.egain.cloud:8443] may receive eGain tokens. "
					+ "Fix the URL, or, if that origin serves eGain's API, add it to egain.auth.allowed-origins");
	}

	@Test
	void checkWhenRefusedThenMessageHasNeitherPathNorQueryNorUserInfo() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.allowedOrigins.check(
					URI.create("https://user:pa55word@collector.example.com:8443/steal/card-4111?ssn=078-05-1120"),
					"agent-assist"))
			.withMessageStartingWith(
					"Refusing to send the token of eGain client 'agent-assist' to https://collector.example.com:8443: ")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("pa55word", "steal", "4111", "078-05"));
	}

	@Test
	void checkWhenPlainHttpToAllowedHostThenThrowsNamingHttpsOrigin() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.allowedOrigins.check(URI.create("http://api.ai.egain.cloud/knowledge?q=secret"),
					"agent-assist"))
			.withMessage("Refusing to send the token of eGain client 'agent-assist' to http://api.ai.egain.cloud: "
					+ "eGain tokens travel over plain http:// only to loopback hosts. Use https://api.ai.egain.cloud "
					+ "instead");
	}

	@Test
	void checkWhenPlainHttpToHostWhoseHttpsOriginIsNotAllowedThenThrowsNamingBothFixes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.allowedOrigins.check(URI.create("http://api.eu.egain.cloud:8080/x"), "portal"))
			.withMessage("Refusing to send the token of eGain client 'portal' to http://api.eu.egain.cloud:8080: "
					+ "eGain tokens travel over plain http:// only to loopback hosts. Use https://api.eu.egain.cloud:8080 "
					+ "instead, and add it to egain.auth.allowed-origins if it serves eGain's API");
	}

	@Test
	void checkWhenAnyAndPlainHttpToRemoteHostThenThrows() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainAllowedOrigins.any().check(URI.create("http://api.ai.egain.cloud/x"), "c"))
			.withMessageStartingWith("Refusing to send the token of eGain client 'c' to http://api.ai.egain.cloud: "
					+ "eGain tokens travel over plain http:// only to loopback hosts");
	}

	@Test
	void checkWhenAnyThenEveryHttpsOriginAndLoopbackPasses() {
		assertThatNoException().isThrownBy(
				() -> EgainAllowedOrigins.any().check(URI.create("https://collector.example.com/x"), "agent-assist"));
		assertThatNoException()
			.isThrownBy(() -> EgainAllowedOrigins.any().check(URI.create("http://127.0.0.1:8080/x"), "agent-assist"));
	}

	@Test
	void checkWhenUriHasNoHostThenThrows() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.allowedOrigins.check(URI.create("/knowledge/portalmgr/v4/portals"), "agent-assist"))
			.withMessageStartingWith(
					"Refusing to send the token of eGain client 'agent-assist' to a URL without scheme and host: only");
	}

	@ParameterizedTest
	@ValueSource(strings = { "//evil.example/knowledge", "https:/knowledge/portalmgr/v4/portals" })
	void checkWhenUriLacksSchemeOrHostThenThrows(String uri) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.allowedOrigins.check(URI.create(uri), "agent-assist"))
			.withMessageStartingWith(
					"Refusing to send the token of eGain client 'agent-assist' to a URL without scheme and host: only");
	}

	@Test
	void checkWhenOneLetterHostAllowedThenPasses() {
		EgainAllowedOrigins allowedOrigins = EgainAllowedOrigins.of(List.of("https://e"));
		assertThatNoException()
			.isThrownBy(() -> allowedOrigins.check(URI.create("https://E/knowledge"), "agent-assist"));
		assertThat(allowedOrigins).hasToString("EgainAllowedOrigins[https://e]");
	}

	@Test
	void checkWhenIpv6LiteralWithZoneThenThrowsNamingOrigin() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.allowedOrigins.check(URI.create("https://[FE80::1%25eth0]/x"), "agent-assist"))
			.withMessageStartingWith(
					"Refusing to send the token of eGain client 'agent-assist' to https://[fe80::1%25eth0]: only");
	}

	@Test
	void checkWhenUriNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.allowedOrigins.check(null, "agent-assist"))
			.withMessage("uri cannot be null");
	}

	@Test
	void checkWhenClientNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.allowedOrigins.check(URI.create("https://api.ai.egain.cloud/x"), ""))
			.withMessage("clientName cannot be empty");
	}

	@Test
	void isLoopbackWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAllowedOrigins.isLoopback(null))
			.withMessage("host cannot be null");
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "LocalHost", "127.0.0.1", "127.255.0.9", "::1", "[::1]", "0:0:0:0:0:0:0:1",
			"[0:0:0:0:0:0:0:1]" })
	void isLoopbackWhenLoopbackThenTrue(String host) {
		assertThat(EgainAllowedOrigins.isLoopback(host)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "api.ai.egain.cloud", "localhost.example.com", "127.0.0.1.example.com", "128.0.0.1",
			"127.0.0.256", "10.0.0.1", "::2", "[fe80::1]", "cafe", "" })
	void isLoopbackWhenNotLoopbackThenFalse(String host) {
		assertThat(EgainAllowedOrigins.isLoopback(host)).isFalse();
	}

	@Test
	void toStringWhenAllowListThenSortedNormalisedOrigins() {
		assertThat(EgainAllowedOrigins
			.of(List.of("https://B.example.com:443", "https://a.example.com:8443", "http://[0:0:0:0:0:0:0:1]:80")))
			.hasToString(
					"EgainAllowedOrigins[http://[0:0:0:0:0:0:0:1], https://a.example.com:8443, https://b.example.com]");
		assertThat(EgainAllowedOrigins.any()).hasToString("EgainAllowedOrigins[any]");
	}

}
