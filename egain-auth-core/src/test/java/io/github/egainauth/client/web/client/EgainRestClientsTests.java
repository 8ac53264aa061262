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

package io.github.egainauth.client.web.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.TestEgainAuthorizedClientManagers;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import io.github.egainauth.client.web.TestEgainApi;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.APPLICATION_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainRestClients}.
 *
 * @author egain-auth authors
 */
class EgainRestClientsTests {

	private MockWebServer tokenServer;

	private TestEgainApi api;

	private MockWebServer otherServer;

	private EgainClientHttpRequestInterceptor interceptor;

	@BeforeEach
	void setUp() throws IOException {
		this.tokenServer = TestEgainTokenServer.start();
		this.tokenServer.setDispatcher(TestEgainTokenServer
			.answering((request) -> TestEgainTokenResponses.accessToken("application-token", 3600)));
		this.api = TestEgainApi.start();
		this.otherServer = TestEgainApi.startOtherOrigin();
		this.interceptor = new EgainClientHttpRequestInterceptor(new EgainAccessTokens(TestEgainAuthorizedClientManagers
			.manager(TestEgainAuthorizedClientManagers.registrations(this.tokenServer.url("/").toString()),
					new CaffeineOAuth2AuthorizedClientService(),
					(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE))));
		this.interceptor.setAllowedOrigins(EgainAllowedOrigins.of(List.of(this.api.origin())));
	}

	@AfterEach
	void tearDown() {
		this.otherServer.close();
		this.api.close();
		this.tokenServer.close();
	}

	@Test
	void setRequestFactoryWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> restClients(RestClient::builder).setRequestFactory(null))
			.withMessage("requestFactory cannot be null");
	}

	@Test
	void clientWhenBuildersFollowRedirectsThenRedirectToOtherOriginReachesCaller() throws InterruptedException {
		this.api.redirectEveryRequestTo(302, this.otherServer.url("/collect").toString());
		EgainRestClients restClients = restClients(() -> RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(
					HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build())));
		assertThat(restClients.client(APPLICATION_CLIENT)
			.get()
			.uri("/knowledge/portalmgr/v4/portals")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(this.api.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION))
			.isEqualTo("Bearer application-token");
		assertThat(this.otherServer.getRequestCount()).isZero();
	}

	@Test
	void clientWhenRequestFactorySetThenEveryCallUsesIt() {
		AtomicReference<URI> sent = new AtomicReference<>();
		EgainRestClients restClients = restClients(RestClient::builder);
		restClients.setRequestFactory((uri, method) -> {
			sent.set(uri);
			MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
			request.setResponse(new MockClientHttpResponse(new byte[0], HttpStatus.NO_CONTENT));
			return request;
		});
		assertThat(restClients.client(APPLICATION_CLIENT)
			.get()
			.uri("/knowledge/portalmgr/v4/portals")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(sent.get()).hasToString(this.api.origin() + "/knowledge/portalmgr/v4/portals");
		assertThat(this.api.requestCount()).isZero();
	}

	private EgainRestClients restClients(Supplier<RestClient.Builder> builders) {
		return new EgainRestClients(builders, this.interceptor, this.api.origin(), "en-US");
	}

	// Argument checks, Accept-Language and HTTP interface clients (found by mutation
	// testing: see docs/testing.md).

	@Test
	void constructorWhenArgumentMissingThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainRestClients(null, this.interceptor, this.api.origin(), "en-US"))
			.withMessage("builders cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainRestClients(RestClient::builder, null, this.api.origin(), "en-US"))
			.withMessage("interceptor cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainRestClients(RestClient::builder, this.interceptor, " ", "en-US"))
			.withMessage("apiBaseUrl cannot be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainRestClients(RestClient::builder, this.interceptor, this.api.origin(), ""))
			.withMessage("acceptLanguage cannot be empty");
	}

	@Test
	void clientWhenNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> restClients(RestClient::builder).client(" "))
			.withMessage("clientName cannot be empty");
	}

	@Test
	void httpServiceWhenServiceTypeNullThenThrowsIllegalArgumentException() {
		EgainRestClients restClients = restClients(RestClient::builder);
		assertThatIllegalArgumentException().isThrownBy(() -> restClients.httpService(null))
			.withMessage("serviceType cannot be null");
		assertThatIllegalArgumentException().isThrownBy(() -> restClients.httpService(APPLICATION_CLIENT, null))
			.withMessage("serviceType cannot be null");
	}

	@Test
	void clientWhenCalledThenApiBaseUrlAcceptLanguageAndToken() throws InterruptedException {
		restClients(RestClient::builder).client(APPLICATION_CLIENT)
			.get()
			.uri("/knowledge/portalmgr/v4/portals")
			.retrieve()
			.toBodilessEntity();
		RecordedRequest request = this.api.takeRequest();
		assertThat(request.getTarget()).isEqualTo("/knowledge/portalmgr/v4/portals");
		assertThat(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE)).isEqualTo("en-US");
		assertThat(request.getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer application-token");
	}

	@Test
	void httpServiceWhenClientNamedThenCallsCarryItsToken() throws InterruptedException {
		Portals portals = restClients(RestClient::builder).httpService(APPLICATION_CLIENT, Portals.class);
		assertThat(portals.portals()).isEqualTo("{\"portals\":[]}");
		RecordedRequest request = this.api.takeRequest();
		assertThat(request.getTarget()).isEqualTo("/knowledge/portalmgr/v4/portals");
		assertThat(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE)).isEqualTo("en-US");
		assertThat(request.getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer application-token");
	}

	@Test
	void httpServiceWhenCustomizerSetThenAppliedToTheProxyFactory() throws InterruptedException {
		EgainRestClients restClients = restClients(RestClient::builder);
		restClients.setHttpServiceCustomizer((factory) -> factory
			.embeddedValueResolver((value) -> value.replace("${egain.portals}", "/knowledge/portalmgr/v4/portals")));
		ConfiguredPortals portals = restClients.httpService(APPLICATION_CLIENT, ConfiguredPortals.class);
		assertThat(portals.portals()).isEqualTo("{\"portals\":[]}");
		assertThat(this.api.takeRequest().getTarget()).isEqualTo("/knowledge/portalmgr/v4/portals");
	}

	interface Portals {

		@GetExchange("/knowledge/portalmgr/v4/portals")
		String portals();

	}

	interface ConfiguredPortals {

		@GetExchange("${egain.portals}")
		String portals();

	}

}
