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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineReactiveOAuth2AuthorizedClientService;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.TestEgainAuthorizedClientManagers;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.TestEgainApi;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.ANONYMOUS_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.CUSTOMER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the allowed origins of {@link EgainExchangeFilterFunction}, with a real
 * manager and token endpoint: a call to any other origin fails before a token is
 * obtained.
 *
 * @author egain-auth authors
 */
class EgainExchangeFilterFunctionAllowedOriginsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private MockWebServer tokenServer;

	private MockWebServer apiServer;

	private MockWebServer otherServer;

	private ReactiveEgainAccessTokens accessTokens;

	private WebClient webClient;

	@BeforeEach
	void setUp() throws IOException {
		this.tokenServer = TestEgainTokenServer.start();
		this.apiServer = new MockWebServer();
		this.apiServer.start();
		this.otherServer = TestEgainApi.startOtherOrigin();
		this.accessTokens = new ReactiveEgainAccessTokens(TestEgainAuthorizedClientManagers.reactiveManager(
				TestEgainAuthorizedClientManagers.registrations(this.tokenServer.url("/").toString()),
				new CaffeineReactiveOAuth2AuthorizedClientService(),
				(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE)));
		this.webClient = webClient(EgainAllowedOrigins.of(List.of(TestEgainApi.origin(this.apiServer))));
	}

	@AfterEach
	void tearDown() {
		this.otherServer.close();
		this.apiServer.close();
		this.tokenServer.close();
	}

	@Test
	void filterWhenOtherHostThenRefusedBeforeAnyTokenRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.webClient.get()
				.uri("https://collector.example.com/steal?card=4111")
				.attributes(EgainRequestAttributes.client(ANONYMOUS_CLIENT))
				.retrieve()
				.toBodilessEntity()
				.block(TIMEOUT))
			.withMessage("Refusing to send the token of eGain client 'chat-widget' to https://collector.example.com: "
					+ "only [" + TestEgainApi.origin(this.apiServer) + "] may receive eGain tokens. Fix the URL, or, "
					+ "if that origin serves eGain's API, add it to egain.auth.allowed-origins");
		assertThat(this.tokenServer.getRequestCount()).isZero();
		assertThat(this.apiServer.getRequestCount()).isZero();
	}

	@Test
	void filterWhenOtherPortOfAllowedHostThenRefusedBeforeAnyTokenRequest() {
		assertThat(this.otherServer.getHostName()).isEqualTo(this.apiServer.getHostName());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.webClient.get()
				.uri(this.otherServer.url("/steal").uri())
				.attributes(EgainRequestAttributes.client(ANONYMOUS_CLIENT))
				.retrieve()
				.toBodilessEntity()
				.block(TIMEOUT))
			.withMessageStartingWith("Refusing to send the token of eGain client 'chat-widget' to "
					+ TestEgainApi.origin(this.otherServer) + ": only [" + TestEgainApi.origin(this.apiServer) + "]");
		assertThat(this.tokenServer.getRequestCount()).isZero();
		assertThat(this.otherServer.getRequestCount()).isZero();
	}

	@Test
	void filterWhenAllowedServerUnderOtherHostNameThenRefusedBeforeAnyTokenRequest() {
		String otherName = "localhost".equals(this.apiServer.getHostName()) ? "127.0.0.1" : "localhost";
		String alias = "http://" + otherName + ":" + this.apiServer.getPort();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.webClient.get()
				.uri(alias + "/core/aiservices/v4/answers")
				.attributes(EgainRequestAttributes.client(ANONYMOUS_CLIENT))
				.retrieve()
				.toBodilessEntity()
				.block(TIMEOUT))
			.withMessageStartingWith("Refusing to send the token of eGain client 'chat-widget' to " + alias + ": ");
		assertThat(this.tokenServer.getRequestCount()).isZero();
		assertThat(this.apiServer.getRequestCount()).isZero();
	}

	@Test
	void filterWhenHttpsInsteadOfAllowedHttpThenRefusedBeforeAnyTokenRequest() {
		String https = "https://" + this.apiServer.getHostName() + ":" + this.apiServer.getPort();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.webClient.get()
				.uri(https + "/core/aiservices/v4/answers")
				.attributes(EgainRequestAttributes.client(ANONYMOUS_CLIENT))
				.retrieve()
				.toBodilessEntity()
				.block(TIMEOUT))
			.withMessageStartingWith("Refusing to send the token of eGain client 'chat-widget' to " + https + ": ");
		assertThat(this.tokenServer.getRequestCount()).isZero();
		assertThat(this.apiServer.getRequestCount()).isZero();
	}

	@Test
	void filterWhenOtherOriginForOnBehalfOfClientThenRefusedBeforeAnyTokenRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.webClient.get()
				.uri("https://collector.example.com/steal")
				.attributes(EgainRequestAttributes.client(CUSTOMER_CLIENT))
				.attributes(EgainRequestAttributes.subject(EgainSubject.email("pa@example.com")))
				.retrieve()
				.toBodilessEntity()
				.block(TIMEOUT))
			.withMessageStartingWith(
					"Refusing to send the token of eGain client 'customer-portal' to https://collector.example.com: ");
		assertThat(this.tokenServer.getRequestCount()).isZero();
	}

	@Test
	void filterWhenPlainHttpToAllowedRemoteHostThenRefusedBeforeAnyTokenRequest() {
		WebClient webClient = webClient(EgainAllowedOrigins.of(List.of("https://api.ai.egain.cloud")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> webClient.get()
				.uri("http://api.ai.egain.cloud/core/aiservices/v4/answers?question=my+card+4111")
				.attributes(EgainRequestAttributes.client(ANONYMOUS_CLIENT))
				.retrieve()
				.toBodilessEntity()
				.block(TIMEOUT))
			.withMessage("Refusing to send the token of eGain client 'chat-widget' to http://api.ai.egain.cloud: "
					+ "eGain tokens travel over plain http:// only to loopback hosts. "
					+ "Use https://api.ai.egain.cloud instead");
		assertThat(this.tokenServer.getRequestCount()).isZero();
	}

	@Test
	void filterWhenOriginAllowedThenTokenObtainedAndAttached() throws InterruptedException {
		this.tokenServer.enqueue(TestEgainTokenResponses.accessToken("anonymous-token", 3600));
		this.apiServer.enqueue(new MockResponse.Builder().code(200).build());
		assertThat(this.webClient.get()
			.uri(this.apiServer.url("/core/aiservices/v4/answers").uri())
			.attributes(EgainRequestAttributes.client(ANONYMOUS_CLIENT))
			.retrieve()
			.toBodilessEntity()
			.block(TIMEOUT)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		RecordedRequest request = this.apiServer.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request).isNotNull();
		assertThat(request.getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer anonymous-token");
		assertThat(this.tokenServer.getRequestCount()).isEqualTo(1);
	}

	private WebClient webClient(EgainAllowedOrigins allowedOrigins) {
		EgainExchangeFilterFunction filter = new EgainExchangeFilterFunction(this.accessTokens);
		filter.setAllowedOrigins(allowedOrigins);
		return WebClient.builder().filter(filter).build();
	}

}
