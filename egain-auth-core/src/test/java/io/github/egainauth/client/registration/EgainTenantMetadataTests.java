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

package io.github.egainauth.client.registration;

import java.util.List;
import java.util.Map;

import io.github.egainauth.EgainFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link EgainTenantMetadata}.
 *
 * @author egain-auth authors
 */
class EgainTenantMetadataTests {

	private static final String BASE_URL = "https://login.egain.example";

	private static final String URI = "https://api.ai.egain.cloud/core/authmgr/v3/metadata/tenant/TMPRODB88619984";

	private final Map<String, Object> document = TestEgainTenantMetadata.document(BASE_URL);

	@Test
	void uriWhenApiBaseUrlThenMetadataPathWithTenant() {
		assertThat(EgainTenantMetadata.uri("https://api.ai.egain.cloud", "TMPRODB88619984")).isEqualTo(URI);
		assertThat(EgainTenantMetadata.uri(" https://api.ai.egain.cloud/ ", " TMPRODB88619984 ")).isEqualTo(URI);
	}

	@Test
	void uriWhenTenantIdHasReservedCharactersThenEncodesThem() {
		assertThat(EgainTenantMetadata.uri("https://api.ai.egain.cloud", "a/b c"))
			.isEqualTo("https://api.ai.egain.cloud/core/authmgr/v3/metadata/tenant/a%2Fb%20c");
	}

	@Test
	void uriWhenTenantIdEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainTenantMetadata.uri("https://api.ai.egain.cloud", ""))
			.withMessage("tenantId cannot be empty");
	}

	@Test
	void tokenUriWhenUserFlowsThenOAuthUserAccessTokenUrl() {
		EgainTenantMetadata metadata = metadata(this.document);
		assertThat(metadata.tokenUri(EgainFlow.ON_BEHALF_OF_USER))
			.isEqualTo(BASE_URL + TestEgainTenantMetadata.USER_TOKEN_PATH);
		assertThat(metadata.tokenUri(EgainFlow.CLIENT_CREDENTIALS))
			.isEqualTo(BASE_URL + TestEgainTenantMetadata.USER_TOKEN_PATH);
	}

	@Test
	void tokenUriWhenOnBehalfOfCustomerThenOAuthCustomerAccessTokenUrl() {
		assertThat(metadata(this.document).tokenUri(EgainFlow.ON_BEHALF_OF_CUSTOMER))
			.isEqualTo(BASE_URL + TestEgainTenantMetadata.CUSTOMER_TOKEN_PATH);
	}

	@Test
	void tokenUriWhenAnonymousCustomerThenTenantIdReplacesDomainNamePlaceholder() {
		assertThat(metadata(this.document).tokenUri(EgainFlow.ANONYMOUS_CUSTOMER)).isEqualTo(BASE_URL
				+ TestEgainTenantMetadata.ANONYMOUS_TOKEN_PATH + "?user_type=customer&domain_hint=TMPRODB88619984");
	}

	@Test
	void tokenUriWhenFieldMissingThenNamesUrlAndPath() {
		EgainTenantMetadata metadata = metadata(
				TestEgainTenantMetadata.with(this.document, "authenticationDetails.oAuthCustomer", null));
		assertThatIllegalStateException().isThrownBy(() -> metadata.tokenUri(EgainFlow.ON_BEHALF_OF_CUSTOMER))
			.withMessage("eGain's tenant metadata document at " + URI
					+ " has no authenticationDetails.oAuthCustomer[0].accessTokenURL, where the token URL of "
					+ "on-behalf-of-customer clients is read from");
		assertThat(metadata.tokenUri(EgainFlow.ON_BEHALF_OF_USER)).isNotNull();
	}

	@Test
	void tokenUriWhenArrayEmptyThenNamesUrlAndPath() {
		EgainTenantMetadata metadata = metadata(
				TestEgainTenantMetadata.with(this.document, "authenticationDetails.oAuthUser", List.of()));
		assertThatIllegalStateException().isThrownBy(() -> metadata.tokenUri(EgainFlow.CLIENT_CREDENTIALS))
			.withMessageContaining(" has no authenticationDetails.oAuthUser[0].accessTokenURL, where the token URL of "
					+ "client-credentials clients is read from");
	}

	@Test
	void tokenUriWhenUrlBlankThenMissing() {
		EgainTenantMetadata metadata = metadata(TestEgainTenantMetadata.with(this.document,
				"authenticationDetails.oAuthUser", List.of(Map.of("accessTokenURL", " "))));
		assertThatIllegalStateException().isThrownBy(() -> metadata.tokenUri(EgainFlow.ON_BEHALF_OF_USER))
			.withMessageContaining(" has no authenticationDetails.oAuthUser[0].accessTokenURL");
	}

	@Test
	void tokenUriWhenStepIsNotArrayThenMalformedNamesPath() {
		EgainTenantMetadata metadata = metadata(TestEgainTenantMetadata.with(this.document,
				"authenticationDetails.oAuthUser", Map.of("accessTokenURL", BASE_URL)));
		assertThatIllegalStateException().isThrownBy(() -> metadata.tokenUri(EgainFlow.ON_BEHALF_OF_USER))
			.withMessage("eGain's tenant metadata document at " + URI
					+ " is malformed: authenticationDetails.oAuthUser is an object, not an array");
	}

	@Test
	void tokenUriWhenValueIsNotStringThenMalformedNamesPath() {
		EgainTenantMetadata metadata = metadata(TestEgainTenantMetadata.with(this.document,
				"authenticationDetails.oAuthUser", List.of(Map.of("accessTokenURL", 42))));
		assertThatIllegalStateException().isThrownBy(() -> metadata.tokenUri(EgainFlow.ON_BEHALF_OF_USER))
			.withMessage("eGain's tenant metadata document at " + URI
					+ " is malformed: authenticationDetails.oAuthUser[0].accessTokenURL is a number, not a string");
	}

	@Test
	void tokenUriWhenTopLevelObjectIsNotObjectThenMalformedNamesPath() {
		EgainTenantMetadata metadata = metadata(
				TestEgainTenantMetadata.with(this.document, "authenticationDetails", "none"));
		assertThatIllegalStateException().isThrownBy(() -> metadata.tokenUri(EgainFlow.ON_BEHALF_OF_USER))
			.withMessage("eGain's tenant metadata document at " + URI
					+ " is malformed: authenticationDetails is a string, not an object");
	}

	@Test
	void tokenUriWhenRelativeThenNamesPathAndValue() {
		EgainTenantMetadata metadata = metadata(TestEgainTenantMetadata.with(this.document,
				"authenticationDetails.oAuthUser", List.of(Map.of("accessTokenURL", "/oauth2/token"))));
		assertThatIllegalStateException().isThrownBy(() -> metadata.tokenUri(EgainFlow.ON_BEHALF_OF_USER))
			.withMessage("eGain's tenant metadata document at " + URI
					+ " gives authenticationDetails.oAuthUser[0].accessTokenURL as '/oauth2/token', which is not an "
					+ "absolute http(s) URL");
	}

	@Test
	void tokenUriWhenPlainHttpToRemoteHostThenRefused() {
		EgainTenantMetadata metadata = metadata(TestEgainTenantMetadata.with(this.document,
				"authenticationDetails.oAuthUser", List.of(Map.of("accessTokenURL", "http://login.example/token"))));
		assertThatIllegalStateException().isThrownBy(() -> metadata.tokenUri(EgainFlow.ON_BEHALF_OF_USER))
			.withMessageEndingWith("uses plain http:// to a host that is not loopback, which would send client "
					+ "secrets unencrypted");
	}

	@Test
	void tokenUriWhenPlainHttpToLoopbackThenAccepted() {
		EgainTenantMetadata metadata = metadata(TestEgainTenantMetadata.with(this.document,
				"authenticationDetails.oAuthUser", List.of(Map.of("accessTokenURL", "http://127.0.0.1:8080/token"))));
		assertThat(metadata.tokenUri(EgainFlow.ON_BEHALF_OF_USER)).isEqualTo("http://127.0.0.1:8080/token");
	}

	@Test
	void scopePrefixWhenUserFlowsThenInternalPrefix() {
		EgainTenantMetadata metadata = metadata(this.document);
		assertThat(metadata.scopePrefix(EgainFlow.ON_BEHALF_OF_USER))
			.isEqualTo(BASE_URL + TestEgainTenantMetadata.USER_PREFIX_PATH);
		assertThat(metadata.scopePrefix(EgainFlow.CLIENT_CREDENTIALS))
			.isEqualTo(BASE_URL + TestEgainTenantMetadata.USER_PREFIX_PATH);
	}

	@Test
	void scopePrefixWhenCustomerFlowsThenExternalPrefix() {
		EgainTenantMetadata metadata = metadata(this.document);
		assertThat(metadata.scopePrefix(EgainFlow.ON_BEHALF_OF_CUSTOMER))
			.isEqualTo(BASE_URL + TestEgainTenantMetadata.CUSTOMER_PREFIX_PATH);
		assertThat(metadata.scopePrefix(EgainFlow.ANONYMOUS_CUSTOMER))
			.isEqualTo(BASE_URL + TestEgainTenantMetadata.CUSTOMER_PREFIX_PATH);
	}

	@ParameterizedTest
	@EnumSource
	void scopePrefixWhenFlowPrefixMissingThenFallback(EgainFlow flow) {
		Map<String, Object> withoutFlowPrefixes = TestEgainTenantMetadata.with(
				TestEgainTenantMetadata.with(this.document, "apiMetadata.CORE.iApiPermissionPrefix", null),
				"apiMetadata.CORE.eApiPermissionPrefix", " ");
		assertThat(metadata(withoutFlowPrefixes).scopePrefix(flow))
			.isEqualTo(BASE_URL + TestEgainTenantMetadata.FALLBACK_PREFIX_PATH);
	}

	@ParameterizedTest
	@EnumSource
	void scopePrefixWhenNoPrefixThenNull(EgainFlow flow) {
		Map<String, Object> withoutPrefixes = TestEgainTenantMetadata.with(
				TestEgainTenantMetadata.with(this.document, "apiMetadata", null),
				"authenticationDetails.apiPermissionPrefix", null);
		assertThat(metadata(withoutPrefixes).scopePrefix(flow)).isNull();
	}

	@Test
	void scopePrefixWhenNotStringThenMalformedNamesPath() {
		EgainTenantMetadata metadata = metadata(
				TestEgainTenantMetadata.with(this.document, "apiMetadata.CORE.eApiPermissionPrefix", List.of("x")));
		assertThatIllegalStateException().isThrownBy(() -> metadata.scopePrefix(EgainFlow.ON_BEHALF_OF_CUSTOMER))
			.withMessage("eGain's tenant metadata document at " + URI
					+ " is malformed: apiMetadata.CORE.eApiPermissionPrefix is an array, not a string");
	}

	@Test
	void parseWhenNotJsonObjectThenNamesUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainTenantMetadata.parse(URI, "TMPRODB88619984", "<html>Not here</html>"))
			.withMessage("eGain's tenant metadata document at " + URI + " is not a JSON object");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainTenantMetadata.parse(URI, "TMPRODB88619984", "[1, 2]"))
			.withMessage("eGain's tenant metadata document at " + URI + " is not a JSON object");
	}

	@Test
	void tokenUriPathWhenFlowThenPathOfItsRealm() {
		assertThat(EgainTenantMetadata.tokenUriPath(EgainFlow.ON_BEHALF_OF_USER))
			.isEqualTo("authenticationDetails.oAuthUser[0].accessTokenURL");
		assertThat(EgainTenantMetadata.tokenUriPath(EgainFlow.CLIENT_CREDENTIALS))
			.isEqualTo("authenticationDetails.oAuthUser[0].accessTokenURL");
		assertThat(EgainTenantMetadata.tokenUriPath(EgainFlow.ON_BEHALF_OF_CUSTOMER))
			.isEqualTo("authenticationDetails.oAuthCustomer[0].accessTokenURL");
		assertThat(EgainTenantMetadata.tokenUriPath(EgainFlow.ANONYMOUS_CUSTOMER))
			.isEqualTo("authenticationDetails.oAuthAnonymousCustomer[0].accessTokenURL");
	}

	private static EgainTenantMetadata metadata(Map<String, Object> document) {
		return TestEgainTenantMetadata.metadata(URI, document);
	}

}
