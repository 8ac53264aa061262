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
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.TestEgainAuthorizedClientManagers;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.web.EgainAllowedHosts;
import io.github.egainauth.client.web.EgainRequestAttributes;
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
 * Tests for the allowed hosts of {@link EgainClientHttpRequestInterceptor}, with a real
 * manager and token endpoint.
 *
 * @author egain-auth authors
 */
class EgainClientHttpRequestInterceptorAllowedHostsTests {

	private MockWebServer tokenServer;

	private MockWebServer apiServer;

	private RestClient restClient;

	@BeforeEach
	void setUp() throws IOException {
		this.tokenServer = TestEgainTokenServer.start();
		this.apiServer = new MockWebServer();
		this.apiServer.start();
		EgainClientHttpRequestInterceptor interceptor = new EgainClientHttpRequestInterceptor(
				new EgainAccessTokens(TestEgainAuthorizedClientManagers.manager(
						TestEgainAuthorizedClientManagers.registrations(this.tokenServer.url("/").toString()),
						new CaffeineOAuth2AuthorizedClientService(),
						(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE))));
		interceptor.setAllowedHosts(EgainAllowedHosts.of(List.of(this.apiServer.getHostName())));
		this.restClient = RestClient.builder().requestInterceptor(interceptor).build();
	}

	@AfterEach
	void tearDown() {
		this.apiServer.close();
		this.tokenServer.close();
	}

	@Test
	void interceptWhenHostNotAllowedThenRefusedBeforeAnyTokenRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.restClient.get()
				.uri("http://collector.example.com/steal")
				.attributes(EgainRequestAttributes.client(APPLICATION_CLIENT))
				.retrieve()
				.toBodilessEntity())
			.withMessage("Refusing to send the token of eGain client 'knowledge-sync' to host "
					+ "'collector.example.com': only [" + this.apiServer.getHostName().toLowerCase(Locale.ROOT)
					+ "] may receive eGain tokens. If this host serves eGain's API, add it to egain.auth.allowed-hosts");
		assertThat(this.tokenServer.getRequestCount()).isZero();
		assertThat(this.apiServer.getRequestCount()).isZero();
	}

	@Test
	void interceptWhenHostNotAllowedForOnBehalfOfClientThenRefusedBeforeAnyTokenRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.restClient.get()
				.uri("https://collector.example.com/steal")
				.attributes(EgainRequestAttributes.client(USER_CLIENT))
				.attributes(EgainRequestAttributes.subject(EgainSubject.username("pa")))
				.retrieve()
				.toBodilessEntity())
			.withMessageStartingWith(
					"Refusing to send the token of eGain client 'agent-assist' to host " + "'collector.example.com'");
		assertThat(this.tokenServer.getRequestCount()).isZero();
	}

	@Test
	void interceptWhenHostAllowedThenTokenObtainedAndAttached() throws InterruptedException {
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

}
