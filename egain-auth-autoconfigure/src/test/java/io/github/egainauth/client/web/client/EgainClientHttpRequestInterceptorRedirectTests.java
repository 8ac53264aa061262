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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.APPLICATION_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What becomes of the token when an application's own {@code RestClient}, carrying the
 * {@link EgainClientHttpRequestInterceptor}, is redirected from the API's origin to
 * another origin (another port of the same host). The interceptor sees only the first
 * request: whether a followed redirect carries the token is the HTTP library's doing.
 * These tests pin down what each library Spring Boot can build does with Boot's default
 * settings (redirects followed), as the README reports it, and that with redirects not
 * followed ({@code spring.http.clients.redirects=dont-follow}) the redirect reaches the
 * caller whatever the library.
 *
 * @author egain-auth authors
 */
class EgainClientHttpRequestInterceptorRedirectTests {

	private static final String TOKEN = "application-token";

	private MockWebServer tokenServer;

	private TestEgainApi api;

	private MockWebServer otherServer;

	private EgainClientHttpRequestInterceptor interceptor;

	@BeforeEach
	void setUp() throws IOException {
		this.tokenServer = TestEgainTokenServer.start();
		this.tokenServer.setDispatcher(
				TestEgainTokenServer.answering((request) -> TestEgainTokenResponses.accessToken(TOKEN, 3600)));
		this.api = TestEgainApi.start();
		this.otherServer = TestEgainApi.startOtherOrigin();
		this.interceptor = new EgainClientHttpRequestInterceptor(new EgainAccessTokens(TestEgainAuthorizedClientManagers
			.manager(TestEgainAuthorizedClientManagers.registrations(this.tokenServer.url("/").toString()),
					new CaffeineOAuth2AuthorizedClientService(),
					(tokenClient) -> tokenClient.setRetryPolicy(EgainRetryPolicy.NONE))));
		this.interceptor.setAllowedOrigins(EgainAllowedOrigins.of(List.of(this.api.origin())));
		this.interceptor.setDefaultClientName(APPLICATION_CLIENT);
	}

	@AfterEach
	void tearDown() {
		this.otherServer.close();
		this.api.close();
		this.tokenServer.close();
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(nullValues = "none",
			value = { "jdk, 302, Bearer application-token", "jdk, 307, Bearer application-token", "reactor, 302, none",
					"reactor, 307, none", "jetty, 302, none", "jetty, 307, none", "simple, 302, none",
					"simple, 307, none" })
	void interceptWhenLibraryFollowsRedirectToOtherOriginThenLibraryDecidesWhetherTokenGoesToo(String library,
			int status, @Nullable String authorizationThere) throws Exception {
		this.api.redirectEveryRequestTo(status, this.otherServer.url("/landed").toString());
		HttpStatus answer = call(library, HttpClientSettings.defaults());
		assertThat(answer).isEqualTo(HttpStatus.OK);
		assertThat(this.api.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + TOKEN);
		RecordedRequest redirected = this.otherServer.takeRequest(10, TimeUnit.SECONDS);
		assertThat(redirected).isNotNull();
		assertThat(redirected.getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo(authorizationThere);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "302, FOUND", "307, TEMPORARY_REDIRECT" })
	void interceptWhenApacheHttpClientRedirectedToOtherOriginWithTokenThenRedirectReachesCaller(int status,
			HttpStatus expected) throws Exception {
		this.api.redirectEveryRequestTo(status, this.otherServer.url("/landed").toString());
		assertThat(call("http-components", HttpClientSettings.defaults())).isEqualTo(expected);
		assertThat(this.api.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + TOKEN);
		assertThat(this.otherServer.getRequestCount()).isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "jdk, 302, FOUND", "jdk, 307, TEMPORARY_REDIRECT", "reactor, 302, FOUND",
			"reactor, 307, TEMPORARY_REDIRECT", "http-components, 302, FOUND",
			"http-components, 307, TEMPORARY_REDIRECT", "jetty, 302, FOUND", "jetty, 307, TEMPORARY_REDIRECT",
			"simple, 302, FOUND", "simple, 307, TEMPORARY_REDIRECT" })
	void interceptWhenRedirectsNotFollowedThenRedirectReachesCallerWhateverTheLibrary(String library, int status,
			HttpStatus expected) throws Exception {
		this.api.redirectEveryRequestTo(status, this.otherServer.url("/landed").toString());
		assertThat(call(library, HttpClientSettings.defaults().withRedirects(HttpRedirects.DONT_FOLLOW)))
			.isEqualTo(expected);
		assertThat(this.api.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + TOKEN);
		assertThat(this.otherServer.getRequestCount()).isZero();
	}

	private HttpStatus call(String library, HttpClientSettings settings) throws Exception {
		ClientHttpRequestFactory requestFactory = builder(library).build(settings);
		try {
			RestClient restClient = RestClient.builder()
				.requestFactory(requestFactory)
				.requestInterceptor(this.interceptor)
				.build();
			return HttpStatus.valueOf(restClient.get()
				.uri(this.api.origin() + "/knowledge/portalmgr/v4/portals")
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value());
		}
		finally {
			if (requestFactory instanceof DisposableBean disposable) {
				disposable.destroy();
			}
		}
	}

	private static ClientHttpRequestFactoryBuilder<?> builder(String library) {
		return switch (library) {
			case "jdk" -> ClientHttpRequestFactoryBuilder.jdk();
			case "reactor" -> ClientHttpRequestFactoryBuilder.reactor();
			case "http-components" -> ClientHttpRequestFactoryBuilder.httpComponents();
			case "jetty" -> ClientHttpRequestFactoryBuilder.jetty();
			case "simple" -> ClientHttpRequestFactoryBuilder.simple();
			default -> throw new IllegalArgumentException("Unknown library " + library);
		};
	}

}
