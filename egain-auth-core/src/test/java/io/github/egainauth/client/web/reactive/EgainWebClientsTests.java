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

package io.github.egainauth.client.web.reactive;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.egainauth.client.CaffeineReactiveOAuth2AuthorizedClientService;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
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
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.ANONYMOUS_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainWebClients}.
 *
 * @author egain-auth authors
 */
class EgainWebClientsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private MockWebServer tokenServer;

	private TestEgainApi api;

	private MockWebServer otherServer;

	private EgainExchangeFilterFunction filter;

	@BeforeEach
	void setUp() throws IOException {
		this.tokenServer = TestEgainTokenServer.start();
		this.tokenServer.setDispatcher(TestEgainTokenServer
			.answering((request) -> TestEgainTokenResponses.accessToken("anonymous-token", 3600)));
		this.api = TestEgainApi.start();
		this.otherServer = TestEgainApi.startOtherOrigin();
		this.filter = new EgainExchangeFilterFunction(new ReactiveEgainAccessTokens(TestEgainAuthorizedClientManagers
			.reactiveManager(TestEgainAuthorizedClientManagers.registrations(this.tokenServer.url("/").toString()),
					new CaffeineReactiveOAuth2AuthorizedClientService(),
					(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE))));
		this.filter.setAllowedOrigins(EgainAllowedOrigins.of(List.of(this.api.origin())));
	}

	@AfterEach
	void tearDown() {
		this.otherServer.close();
		this.api.close();
		this.tokenServer.close();
	}

	@Test
	void setConnectorWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> webClients(WebClient::builder).setConnector(null))
			.withMessage("connector cannot be null");
	}

	@Test
	void clientWhenBuildersFollowRedirectsThenRedirectToOtherOriginReachesCaller() throws InterruptedException {
		this.api.redirectEveryRequestTo(307, this.otherServer.url("/collect").toString());
		EgainWebClients webClients = webClients(() -> WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create().followRedirect(true))));
		assertThat(webClients.client(ANONYMOUS_CLIENT)
			.post()
			.uri("/core/aiservices/v4/answers")
			.bodyValue("{\"question\":\"Card 4111\"}")
			.retrieve()
			.toBodilessEntity()
			.block(TIMEOUT)
			.getStatusCode()).isEqualTo(HttpStatus.TEMPORARY_REDIRECT);
		assertThat(this.api.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION))
			.isEqualTo("Bearer anonymous-token");
		assertThat(this.otherServer.getRequestCount()).isZero();
	}

	@Test
	void clientWhenConnectorSetThenEveryCallUsesIt() {
		AtomicReference<URI> sent = new AtomicReference<>();
		EgainWebClients webClients = webClients(WebClient::builder);
		webClients.setConnector((method, uri, requestCallback) -> {
			sent.set(uri);
			return Mono.just(new MockClientHttpResponse(HttpStatus.NO_CONTENT));
		});
		assertThat(webClients.client(ANONYMOUS_CLIENT)
			.get()
			.uri("/core/aiservices/v4/answers")
			.retrieve()
			.toBodilessEntity()
			.block(TIMEOUT)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(sent.get()).hasToString(this.api.origin() + "/core/aiservices/v4/answers");
		assertThat(this.api.requestCount()).isZero();
	}

	private EgainWebClients webClients(Supplier<WebClient.Builder> builders) {
		return new EgainWebClients(builders, this.filter, this.api.origin(), "en-US");
	}

	// Argument checks, Accept-Language and HTTP interface clients (found by mutation
	// testing: see docs/testing.md).

	@Test
	void constructorWhenArgumentMissingThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainWebClients(null, this.filter, this.api.origin(), "en-US"))
			.withMessage("builders cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainWebClients(WebClient::builder, null, this.api.origin(), "en-US"))
			.withMessage("filter cannot be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainWebClients(WebClient::builder, this.filter, " ", "en-US"))
			.withMessage("apiBaseUrl cannot be empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainWebClients(WebClient::builder, this.filter, this.api.origin(), ""))
			.withMessage("acceptLanguage cannot be empty");
	}

	@Test
	void clientWhenNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> webClients(WebClient::builder).client(" "))
			.withMessage("clientName cannot be empty");
	}

	@Test
	void httpServiceWhenServiceTypeNullThenThrowsIllegalArgumentException() {
		EgainWebClients webClients = webClients(WebClient::builder);
		assertThatIllegalArgumentException().isThrownBy(() -> webClients.httpService(null))
			.withMessage("serviceType cannot be null");
		assertThatIllegalArgumentException().isThrownBy(() -> webClients.httpService(ANONYMOUS_CLIENT, null))
			.withMessage("serviceType cannot be null");
	}

	@Test
	void clientWhenCalledThenApiBaseUrlAcceptLanguageAndToken() throws InterruptedException {
		webClients(WebClient::builder).client(ANONYMOUS_CLIENT)
			.get()
			.uri("/knowledge/portalmgr/v4/portals")
			.retrieve()
			.toBodilessEntity()
			.block(TIMEOUT);
		RecordedRequest request = this.api.takeRequest();
		assertThat(request.getTarget()).isEqualTo("/knowledge/portalmgr/v4/portals");
		assertThat(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE)).isEqualTo("en-US");
		assertThat(request.getHeaders().get(HttpHeaders.AUTHORIZATION)).startsWith("Bearer ");
	}

	@Test
	void httpServiceWhenClientNamedThenCallsCarryItsToken() throws InterruptedException {
		Portals portals = webClients(WebClient::builder).httpService(ANONYMOUS_CLIENT, Portals.class);
		assertThat(portals.portals().block(TIMEOUT)).isEqualTo("{\"portals\":[]}");
		RecordedRequest request = this.api.takeRequest();
		assertThat(request.getTarget()).isEqualTo("/knowledge/portalmgr/v4/portals");
		assertThat(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE)).isEqualTo("en-US");
		assertThat(request.getHeaders().get(HttpHeaders.AUTHORIZATION)).startsWith("Bearer ");
	}

	@Test
	void httpServiceWhenCustomizerSetThenAppliedToTheProxyFactory() throws InterruptedException {
		EgainWebClients webClients = webClients(WebClient::builder);
		webClients.setHttpServiceCustomizer((factory) -> factory
			.embeddedValueResolver((value) -> value.replace("${egain.portals}", "/knowledge/portalmgr/v4/portals")));
		ConfiguredPortals portals = webClients.httpService(ANONYMOUS_CLIENT, ConfiguredPortals.class);
		assertThat(portals.portals().block(TIMEOUT)).isEqualTo("{\"portals\":[]}");
		assertThat(this.api.takeRequest().getTarget()).isEqualTo("/knowledge/portalmgr/v4/portals");
	}

	interface Portals {

		@GetExchange("/knowledge/portalmgr/v4/portals")
		Mono<String> portals();

	}

	interface ConfiguredPortals {

		@GetExchange("${egain.portals}")
		Mono<String> portals();

	}

}
