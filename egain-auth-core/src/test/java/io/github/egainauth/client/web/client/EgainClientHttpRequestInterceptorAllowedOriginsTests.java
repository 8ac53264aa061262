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
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
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
import org.springframework.web.client.RestClient;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.APPLICATION_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.USER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the allowed origins of {@link EgainClientHttpRequestInterceptor}, with a real
 * manager and token endpoint: a call to any other origin fails before a token is
 * obtained.
 *
 * @author egain-auth authors
 */
class EgainClientHttpRequestInterceptorAllowedOriginsTests {

	private MockWebServer tokenServer;

	private MockWebServer apiServer;

	private MockWebServer otherServer;

	private EgainAccessTokens accessTokens;

	private RestClient restClient;

	@BeforeEach
	void setUp() throws IOException {
		this.tokenServer = TestEgainTokenServer.start();
		this.apiServer = new MockWebServer();
		this.apiServer.start();
		this.otherServer = TestEgainApi.startOtherOrigin();
		this.accessTokens = new EgainAccessTokens(TestEgainAuthorizedClientManagers.manager(
				TestEgainAuthorizedClientManagers.registrations(this.tokenServer.url("/").toString()),
				new CaffeineOAuth2AuthorizedClientService(),
				(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE)));
		this.restClient = restClient(EgainAllowedOrigins.of(List.of(TestEgainApi.origin(this.apiServer))));
	}

	@AfterEach
	void tearDown() {
		this.otherServer.close();
		this.apiServer.close();
		this.tokenServer.close();
	}

	@Test
	void interceptWhenOtherHostThenRefusedBeforeAnyTokenRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.restClient.get()
				.uri("https://collector.example.com/steal?card=4111")
				.attributes(EgainRequestAttributes.client(APPLICATION_CLIENT))
				.retrieve()
				.toBodilessEntity())
			.withMessage(
					"Refusing to send the token of eGain client 'knowledge-sync' to https://collector.example.com: "
							+ "only [" + TestEgainApi.origin(this.apiServer)
							+ "] may receive eGain tokens. Fix the URL, or, "
							+ "if that origin serves eGain's API, add it to egain.auth.allowed-origins");
		assertThat(this.tokenServer.getRequestCount()).isZero();
		assertThat(this.apiServer.getRequestCount()).isZero();
	}

	@Test
	void interceptWhenOtherPortOfAllowedHostThenRefusedBeforeAnyTokenRequest() {
		assertThat(this.otherServer.getHostName()).isEqualTo(this.apiServer.getHostName());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.restClient.get()
				.uri(this.otherServer.url("/steal").uri())
				.attributes(EgainRequestAttributes.client(APPLICATION_CLIENT))
				.retrieve()
				.toBodilessEntity())
			.withMessageStartingWith("Refusing to send the token of eGain client 'knowledge-sync' to "
					+ TestEgainApi.origin(this.otherServer) + ": only [" + TestEgainApi.origin(this.apiServer) + "]");
		assertThat(this.tokenServer.getRequestCount()).isZero();
		assertThat(this.otherServer.getRequestCount()).isZero();
	}

	@Test
	void interceptWhenAllowedServerUnderOtherHostNameThenRefusedBeforeAnyTokenRequest() {
		String otherName = "localhost".equals(this.apiServer.getHostName()) ? "127.0.0.1" : "localhost";
		String alias = "http://" + otherName + ":" + this.apiServer.getPort();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.restClient.get()
				.uri(alias + "/knowledge/portalmgr/v4/portals")
				.attributes(EgainRequestAttributes.client(APPLICATION_CLIENT))
				.retrieve()
				.toBodilessEntity())
			.withMessageStartingWith("Refusing to send the token of eGain client 'knowledge-sync' to " + alias + ": ");
		assertThat(this.tokenServer.getRequestCount()).isZero();
		assertThat(this.apiServer.getRequestCount()).isZero();
	}

	@Test
	void interceptWhenHttpsInsteadOfAllowedHttpThenRefusedBeforeAnyTokenRequest() {
		String https = "https://" + this.apiServer.getHostName() + ":" + this.apiServer.getPort();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.restClient.get()
				.uri(https + "/knowledge/portalmgr/v4/portals")
				.attributes(EgainRequestAttributes.client(APPLICATION_CLIENT))
				.retrieve()
				.toBodilessEntity())
			.withMessageStartingWith("Refusing to send the token of eGain client 'knowledge-sync' to " + https + ": ");
		assertThat(this.tokenServer.getRequestCount()).isZero();
		assertThat(this.apiServer.getRequestCount()).isZero();
	}

	@Test
	void interceptWhenOtherOriginForOnBehalfOfClientThenRefusedBeforeAnyTokenRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.restClient.get()
				.uri("https://collector.example.com/steal")
				.attributes(EgainRequestAttributes.client(USER_CLIENT))
				.attributes(EgainRequestAttributes.subject(EgainSubject.username("pa")))
				.retrieve()
				.toBodilessEntity())
			.withMessageStartingWith(
					"Refusing to send the token of eGain client 'agent-assist' to https://collector.example.com: ");
		assertThat(this.tokenServer.getRequestCount()).isZero();
	}

	@Test
	void interceptWhenPlainHttpToAllowedRemoteHostThenRefusedBeforeAnyTokenRequest() {
		RestClient restClient = restClient(EgainAllowedOrigins.of(List.of("https://api.ai.egain.cloud")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> restClient.get()
				.uri("http://api.ai.egain.cloud/knowledge/portalmgr/v4/articles?subject=pa@example.com")
				.attributes(EgainRequestAttributes.client(APPLICATION_CLIENT))
				.retrieve()
				.toBodilessEntity())
			.withMessage("Refusing to send the token of eGain client 'knowledge-sync' to http://api.ai.egain.cloud: "
					+ "eGain tokens travel over plain http:// only to loopback hosts. "
					+ "Use https://api.ai.egain.cloud instead");
		assertThat(this.tokenServer.getRequestCount()).isZero();
	}

	@Test
	void interceptWhenOriginAllowedThenTokenObtainedAndAttached() throws InterruptedException {
		this.tokenServer.enqueue(TestEgainTokenResponses.accessToken("application-token", 3600));
		this.apiServer.enqueue(new MockResponse.Builder().code(200).build());
		assertThat(this.restClient.get()
			.uri(this.apiServer.url("/knowledge/portalmgr/v4/portals").uri())
			.attributes(EgainRequestAttributes.client(APPLICATION_CLIENT))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		RecordedRequest request = this.apiServer.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request).isNotNull();
		assertThat(request.getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer application-token");
		assertThat(this.tokenServer.getRequestCount()).isEqualTo(1);
	}

	private RestClient restClient(EgainAllowedOrigins allowedOrigins) {
		EgainClientHttpRequestInterceptor interceptor = new EgainClientHttpRequestInterceptor(this.accessTokens);
		interceptor.setAllowedOrigins(allowedOrigins);
		return RestClient.builder().requestInterceptor(interceptor).build();
	}

}
