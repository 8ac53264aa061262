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

package io.github.egainauth.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.TestEgainLogs;
import io.github.egainauth.client.endpoint.TestEgainTokenRequests;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.TestEgainApi;
import io.github.egainauth.client.web.client.EgainClientHttpRequestInterceptor;
import io.github.egainauth.client.web.reactive.EgainExchangeFilterFunction;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.ANONYMOUS_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.APPLICATION_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.CUSTOMER_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.USER_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Runs token requests of every flow, blocking and reactive, failing ones included, and
 * API calls through the interceptor and the filter, with every logger at {@code TRACE},
 * and checks that no log line shows the client secret or any token eGain issued.
 *
 * @author egain-auth authors
 */
class TokenLoggingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String SECRET = TestEgainClientRegistrations.CLIENT_SECRET;

	@RegisterExtension
	final TestEgainLogs logs = new TestEgainLogs();

	/**
	 * Every access token the token server issued.
	 */
	private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();

	/**
	 * Tokens the API rejects, as eGain does with revoked tokens.
	 */
	private final Set<String> revokedTokens = ConcurrentHashMap.newKeySet();

	private final List<Throwable> failures = new ArrayList<>();

	private MockWebServer tokenServer;

	private MockWebServer apiServer;

	@BeforeEach
	void setUp() throws IOException {
		this.tokenServer = TestEgainTokenServer.start();
		this.tokenServer.setDispatcher(TestEgainTokenServer.answering(this::token));
		this.apiServer = new MockWebServer();
		this.apiServer.setDispatcher(TestEgainTokenServer.answering(this::api));
		this.apiServer.start();
	}

	@AfterEach
	void tearDown() {
		this.apiServer.close();
		this.tokenServer.close();
	}

	@Test
	void tokenRequestsAndApiCallsWhenLoggingAtTraceThenNoSecretOrTokenLogged() throws IOException {
		runBlocking();
		runReactive();
		assertThat(this.issuedTokens).hasSize(14);
		assertThat(this.failures).hasSize(6);
		List<String> lines = this.logs.lines();
		// The capture works: the libraries' own request logging is in it.
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains(":" + this.tokenServer.getPort() + "/"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains(":" + this.apiServer.getPort() + "/"));
		// A failed token request is logged once, naming the client and eGain's answer.
		assertThat(lines).anySatisfy(
				(line) -> assertThat(line).startsWith("WARN " + EgainAuthorizedClientManager.class.getName() + " - [")
					.contains("Token request for eGain client '"));
		assertThat(lines).anySatisfy((line) -> assertThat(line)
			.startsWith("WARN " + EgainReactiveAuthorizedClientManager.class.getName() + " - [")
			.contains("Token request for eGain client '"));
		for (String line : lines) {
			assertNoSecretOrToken(line);
		}
		for (Throwable failure : this.failures) {
			assertNoSecretOrToken(stackTrace(failure));
		}
	}

	private void runBlocking() throws IOException {
		EgainAuthorizedClientManager manager = TestEgainAuthorizedClientManagers.manager(
				TestEgainAuthorizedClientManagers.registrations(this.tokenServer.url("/").toString()),
				new CaffeineOAuth2AuthorizedClientService(),
				(tokenClient) -> tokenClient.setRetryPolicy(TestEgainAuthorizedClientManagers.FAST_RETRIES));
		manager.authorize(request(USER_CLIENT, EgainSubject.username("pa")));
		manager.authorize(request(USER_CLIENT, EgainSubject.userId("1077")));
		manager.authorize(request(CUSTOMER_CLIENT, EgainSubject.email("pa@example.com")));
		manager.authorize(request(APPLICATION_CLIENT, null));
		manager.authorize(request(ANONYMOUS_CLIENT, null));
		this.failures.add(failure(() -> manager.authorize(request(USER_CLIENT, EgainSubject.username("rejected")))));
		this.failures.add(failure(() -> manager.authorize(request(USER_CLIENT, EgainSubject.username("unavailable")))));
		EgainAuthorizedClientManager unreachable = TestEgainAuthorizedClientManagers.manager(
				TestEgainAuthorizedClientManagers.registrations(TestEgainTokenServer.closedServerUrl()),
				new CaffeineOAuth2AuthorizedClientService(),
				(tokenClient) -> tokenClient.setRetryPolicy(TestEgainAuthorizedClientManagers.FAST_RETRIES));
		this.failures.add(failure(() -> unreachable.authorize(request(APPLICATION_CLIENT, null))));
		// The stored tokens are revoked: each call is rejected, evicts its token and is
		// retried with a fresh one.
		this.revokedTokens.addAll(this.issuedTokens);
		EgainClientHttpRequestInterceptor interceptor = new EgainClientHttpRequestInterceptor(
				new EgainAccessTokens(manager));
		interceptor.setAllowedOrigins(EgainAllowedOrigins.of(List.of(TestEgainApi.origin(this.apiServer))));
		// The JDK client, whatever else is on the class path: Apache HttpClient's own
		// header
		// log (org.apache.hc.client5.http.headers at DEBUG) shows every header it sends,
		// bearer tokens included, which no interceptor can prevent.
		RestClient restClient = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.requestInterceptor(interceptor)
			.build();
		assertThat(restClient.get()
			.uri(this.apiServer.url("/knowledge/portalmgr/v4/portals").uri())
			.attributes(EgainRequestAttributes.client(USER_CLIENT))
			.attributes(EgainRequestAttributes.subject(EgainSubject.username("pa")))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(restClient.get()
			.uri(this.apiServer.url("/knowledge/portalmgr/v4/portals").uri())
			.attributes(EgainRequestAttributes.client(APPLICATION_CLIENT))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private void runReactive() throws IOException {
		EgainReactiveAuthorizedClientManager manager = TestEgainAuthorizedClientManagers.reactiveManager(
				TestEgainAuthorizedClientManagers.registrations(this.tokenServer.url("/").toString()),
				new CaffeineReactiveOAuth2AuthorizedClientService(),
				(tokenClient) -> tokenClient.setRetryPolicy(TestEgainAuthorizedClientManagers.FAST_RETRIES));
		manager.authorize(request(USER_CLIENT, EgainSubject.username("pa"))).block(TIMEOUT);
		manager.authorize(request(USER_CLIENT, EgainSubject.userId("1077"))).block(TIMEOUT);
		manager.authorize(request(CUSTOMER_CLIENT, EgainSubject.email("pa@example.com"))).block(TIMEOUT);
		manager.authorize(request(APPLICATION_CLIENT, null)).block(TIMEOUT);
		manager.authorize(request(ANONYMOUS_CLIENT, null)).block(TIMEOUT);
		this.failures.add(failure(
				() -> manager.authorize(request(USER_CLIENT, EgainSubject.username("rejected"))).block(TIMEOUT)));
		this.failures.add(failure(
				() -> manager.authorize(request(USER_CLIENT, EgainSubject.username("unavailable"))).block(TIMEOUT)));
		EgainReactiveAuthorizedClientManager unreachable = TestEgainAuthorizedClientManagers.reactiveManager(
				TestEgainAuthorizedClientManagers.registrations(TestEgainTokenServer.closedServerUrl()),
				new CaffeineReactiveOAuth2AuthorizedClientService(),
				(tokenClient) -> tokenClient.setRetryPolicy(TestEgainAuthorizedClientManagers.FAST_RETRIES));
		this.failures.add(failure(() -> unreachable.authorize(request(ANONYMOUS_CLIENT, null)).block(TIMEOUT)));
		this.revokedTokens.addAll(this.issuedTokens);
		EgainExchangeFilterFunction filter = new EgainExchangeFilterFunction(new ReactiveEgainAccessTokens(manager));
		filter.setAllowedOrigins(EgainAllowedOrigins.of(List.of(TestEgainApi.origin(this.apiServer))));
		WebClient webClient = WebClient.builder().filter(filter).build();
		assertThat(webClient.get()
			.uri(this.apiServer.url("/core/aiservices/v4/answers").uri())
			.attributes(EgainRequestAttributes.client(CUSTOMER_CLIENT))
			.attributes(EgainRequestAttributes.subject(EgainSubject.email("pa@example.com")))
			.retrieve()
			.toBodilessEntity()
			.block(TIMEOUT)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(webClient.get()
			.uri(this.apiServer.url("/core/aiservices/v4/answers").uri())
			.attributes(EgainRequestAttributes.client(ANONYMOUS_CLIENT))
			.retrieve()
			.toBodilessEntity()
			.block(TIMEOUT)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private void assertNoSecretOrToken(String text) {
		assertThat(text).doesNotContain(SECRET)
			.doesNotContain(URLEncoder.encode(SECRET, StandardCharsets.UTF_8))
			.doesNotContain("client_secret=");
		for (String token : this.issuedTokens) {
			assertThat(text).doesNotContain(token);
		}
	}

	/**
	 * Answers as eGain's token endpoints would: a fresh token for every request, except
	 * that subject {@code rejected} gets {@code 401 invalid_client} (without echoing
	 * anything it was sent) and subject {@code unavailable} gets {@code 503}.
	 */
	private MockResponse token(RecordedRequest request) {
		Map<String, String> form = TestEgainTokenRequests.form(request);
		String username = form.get("subject_username");
		if ("rejected".equals(username)) {
			return TestEgainTokenResponses.error(401, "invalid_client", "Client authentication failed");
		}
		if ("unavailable".equals(username)) {
			return TestEgainTokenResponses.error(503, "temporarily_unavailable", "Down for maintenance");
		}
		String token = "at-" + UUID.randomUUID();
		this.issuedTokens.add(token);
		return TestEgainTokenResponses.accessToken(token, 3600);
	}

	/**
	 * Answers as eGain's API would, rejecting revoked tokens.
	 */
	private MockResponse api(RecordedRequest request) {
		String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
		String token = StringUtils.hasText(authorization) ? authorization.substring("Bearer ".length()) : "";
		if (this.revokedTokens.contains(token)) {
			return TestEgainTokenResponses.json(401, "{\"code\":\"401-101\",\"developerMessage\":\"Token expired\"}");
		}
		return TestEgainTokenResponses.json(200, "{\"status\":\"ok\"}");
	}

	private static Throwable failure(ThrowingCallable call) {
		ClientAuthorizationException failure = catchThrowableOfType(ClientAuthorizationException.class, call);
		assertThat(failure).isNotNull();
		return failure;
	}

	private static String stackTrace(Throwable failure) {
		StringWriter writer = new StringWriter();
		failure.printStackTrace(new PrintWriter(writer));
		return writer.toString();
	}

}
