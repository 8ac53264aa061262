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

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.registration.EgainTenantMetadata;
import io.github.egainauth.client.registration.TestEgainTenantMetadata;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RestClientEgainTenantMetadataClient} and
 * {@link WebClientEgainTenantMetadataClient}: the request on the wire and every way the
 * answer can fail, each failure naming the document's URL.
 *
 * @author egain-auth authors
 */
class EgainTenantMetadataClientTests {

	private static final String PATH = "/core/authmgr/v3/metadata/tenant/" + TestEgainTenantMetadata.TENANT_ID;

	private MockWebServer server;

	private String baseUrl;

	@BeforeEach
	void setUp() throws IOException {
		this.server = TestEgainTokenServer.start();
		this.baseUrl = this.server.url("/api").toString();
	}

	@AfterEach
	void tearDown() {
		this.server.close();
	}

	static Stream<Arguments> clients() {
		BiFunction<String, String, EgainTenantMetadataClient> blocking = (apiBaseUrl,
				tenantId) -> new RestClientEgainTenantMetadataClient(
						RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()).build(), apiBaseUrl,
						tenantId);
		BiFunction<String, String, EgainTenantMetadataClient> reactive = (apiBaseUrl,
				tenantId) -> new WebClientEgainTenantMetadataClient(
						WebClient.builder().clientConnector(new JdkClientHttpConnector()).build(), apiBaseUrl,
						tenantId);
		return Stream.of(Arguments.of("RestClient", blocking), Arguments.of("WebClient", reactive));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	void fetchWhenDocumentThenGetsItAcceptingJson(String name,
			BiFunction<String, String, EgainTenantMetadataClient> clients) throws Exception {
		String documentBaseUrl = "https://login.example.com";
		this.server.enqueue(json(200, TestEgainTenantMetadata.json(TestEgainTenantMetadata.document(documentBaseUrl))));
		EgainTenantMetadata metadata = fetch(clients);
		assertThat(metadata.getUri()).isEqualTo(this.baseUrl + PATH);
		assertThat(metadata.tokenUri(EgainFlow.ON_BEHALF_OF_USER))
			.isEqualTo(documentBaseUrl + TestEgainTenantMetadata.USER_TOKEN_PATH);
		RecordedRequest request = this.server.takeRequest(10, TimeUnit.SECONDS);
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/api" + PATH);
		assertThat(request.getHeaders().get(HttpHeaders.ACCEPT)).isEqualTo("application/json");
		assertThat(request.getHeaders().get(HttpHeaders.AUTHORIZATION)).isNull();
		assertThat(request.getBody()).isNull();
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	void fetchWhenNotFoundThenFailureNamesStatusAndUrl(String name,
			BiFunction<String, String, EgainTenantMetadataClient> clients) {
		this.server.enqueue(json(404, "{\"code\":\"404-100\"}"));
		assertFailure(clients,
				"eGain answered HTTP 404 Not Found instead of the tenant metadata document at " + this.baseUrl + PATH);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	void fetchWhenRedirectedThenNotFollowed(String name,
			BiFunction<String, String, EgainTenantMetadataClient> clients) {
		this.server.enqueue(new MockResponse.Builder().code(302)
			.setHeader(HttpHeaders.LOCATION, this.server.url("/elsewhere").toString())
			.build());
		assertFailure(clients,
				"eGain answered HTTP 302 Found instead of the tenant metadata document at " + this.baseUrl + PATH);
		assertThat(this.server.getRequestCount()).isOne();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	void fetchWhenNotJsonThenFailureNamesUrl(String name,
			BiFunction<String, String, EgainTenantMetadataClient> clients) {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader(HttpHeaders.CONTENT_TYPE, "text/html")
			.body("<html>Sign in</html>")
			.build());
		assertFailure(clients, "eGain's tenant metadata document at " + this.baseUrl + PATH + " is not a JSON object");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	void fetchWhenEmptyThenFailureNamesUrl(String name, BiFunction<String, String, EgainTenantMetadataClient> clients) {
		this.server.enqueue(new MockResponse.Builder().code(200).build());
		assertFailure(clients, "eGain's tenant metadata document at " + this.baseUrl + PATH + " is not a JSON object");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	void fetchWhenBodyTooLargeThenFailureNamesUrl(String name,
			BiFunction<String, String, EgainTenantMetadataClient> clients) {
		this.server.enqueue(json(200, "{\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"));
		assertFailure(clients, "eGain answered HTTP 200 OK with a body too large to be the tenant metadata document at "
				+ this.baseUrl + PATH);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	void fetchWhenConnectionRefusedThenFailureNamesUrl(String name,
			BiFunction<String, String, EgainTenantMetadataClient> clients) throws IOException {
		String closed = TestEgainTokenServer.closedServerUrl() + "api";
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(
					() -> clients.apply(closed, TestEgainTenantMetadata.TENANT_ID).fetch().toCompletableFuture().join())
			.havingCause()
			.isInstanceOfSatisfying(OAuth2AuthorizationException.class,
					(ex) -> assertThat(ex.getError()).returns("invalid_tenant_metadata", OAuth2Error::getErrorCode)
						.extracting(OAuth2Error::getDescription)
						.asString()
						.startsWith("could not read eGain's tenant metadata document at " + closed + PATH + " ("));
	}

	private EgainTenantMetadata fetch(BiFunction<String, String, EgainTenantMetadataClient> clients) {
		return clients.apply(this.baseUrl, TestEgainTenantMetadata.TENANT_ID).fetch().toCompletableFuture().join();
	}

	private void assertFailure(BiFunction<String, String, EgainTenantMetadataClient> clients, String description) {
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> fetch(clients))
			.havingCause()
			.isInstanceOfSatisfying(OAuth2AuthorizationException.class,
					(ex) -> assertThat(ex.getError()).returns("invalid_tenant_metadata", OAuth2Error::getErrorCode)
						.returns(description, OAuth2Error::getDescription));
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status)
			.setHeader(HttpHeaders.CONTENT_TYPE, "application/json")
			.body(body)
			.build();
	}

}
