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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.endpoint.TestEgainTokenRequests;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.ANONYMOUS_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.USER_CLIENT;
import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Fault injection for the reactive stack: an {@link EgainReactiveAuthorizedClientManager}
 * with real token clients against a token endpoint that refuses, hangs, fails or answers
 * nonsense. Every case checks the outcome, how many token requests were sent and that
 * nothing wrong was stored.
 *
 * @author egain-auth authors
 * @see TokenEndpointFaultTests
 */
class ReactiveTokenEndpointFaultTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final EgainSubject SUBJECT = EgainSubject.username("pa");

	private static final String SUBJECT_KEY = "username:pa";

	private static final String USER_FAILED = "Token request for eGain client 'agent-assist' (on-behalf-of-user flow) failed: ";

	/**
	 * Long enough that no answer of a busy test machine is taken for a hang.
	 */
	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration SHORT_RESPONSE_TIMEOUT = Duration.ofMillis(200);

	private static final Duration HANG = Duration.ofSeconds(2);

	private final AtomicInteger attempts = new AtomicInteger();

	private final CaffeineOAuth2AuthorizedClientService store = new CaffeineOAuth2AuthorizedClientService();

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private MockWebServer server;

	@BeforeEach
	void setUp() throws IOException {
		this.server = TestEgainTokenServer.start();
	}

	@AfterEach
	void tearDown() {
		this.executor.shutdownNow();
		this.server.close();
	}

	@Test
	void authorizeWhenConnectionRefusedThenGivesUpAfterThreeAttempts() throws IOException {
		String baseUrl = TestEgainTokenServer.closedServerUrl();
		EgainReactiveAuthorizedClientManager manager = manager(baseUrl, webClient(RESPONSE_TIMEOUT),
				TestEgainAuthorizedClientManagers.FAST_RETRIES);
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getClientRegistrationId()).isEqualTo(USER_CLIENT))
			.extracting(ClientAuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.extracting(OAuth2Error::getDescription)
			.asString()
			.startsWith(USER_FAILED + "could not reach eGain at "
					+ TestEgainClientRegistrations.tokenUri(EgainFlow.ON_BEHALF_OF_USER, baseUrl) + " (")
			.endsWith(" (gave up after 3 attempts)");
		assertThat(this.attempts).hasValue(3);
		assertNothingStored();
		// The failure is not remembered: the next call tries again.
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT));
		assertThat(this.attempts).hasValue(6);
	}

	@Test
	void authorizeWhenTokenEndpointHangsPastResponseTimeoutThenGivesUpAfterThreeAttempts() throws Exception {
		this.server.setDispatcher(TestEgainTokenServer.answering(
				(request) -> TestEgainTokenResponses.delayed(TestEgainTokenResponses.accessToken("late", 3600), HANG)));
		EgainReactiveAuthorizedClientManager manager = manager(this.server.url("/").toString(),
				webClient(SHORT_RESPONSE_TIMEOUT), TestEgainAuthorizedClientManagers.FAST_RETRIES);
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT))
			.extracting(ClientAuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.extracting(OAuth2Error::getDescription)
			.asString()
			.startsWith(USER_FAILED + "could not reach eGain at ")
			.endsWith(" (gave up after 3 attempts)");
		assertThat(this.attempts).hasValue(3);
		assertServerReceived(3);
		assertNothingStored();
	}

	@Test
	void authorizeWhenTokenEndpointHangsPastDeadlineThenFailsAtDeadline() throws Exception {
		this.server.setDispatcher(TestEgainTokenServer.answering(
				(request) -> TestEgainTokenResponses.delayed(TestEgainTokenResponses.accessToken("late", 3600), HANG)));
		// The response timeout outlasts the hang: only the policy's deadline ends the
		// wait.
		EgainReactiveAuthorizedClientManager manager = manager(this.server.url("/").toString(),
				webClient(Duration.ofSeconds(10)),
				new EgainRetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(300)));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT))
			.extracting(ClientAuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns(USER_FAILED + "eGain did not issue a token within the 300 ms deadline for token requests",
					OAuth2Error::getDescription);
		assertServerReceived(1);
		assertNothingStored();
		assertThat(manager.getFailingClients()).containsOnlyKeys(USER_CLIENT);
	}

	@Test
	void authorizeWhenServerErrorThenRetriesThreeTimesThenFails() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(TestEgainTokenResponses.error(500, "server_error", "Internal error"));
		}
		EgainReactiveAuthorizedClientManager manager = fastManager();
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT))
			.extracting(ClientAuthorizationException::getError)
			.returns("server_error", OAuth2Error::getErrorCode)
			.returns(USER_FAILED + "eGain answered HTTP 500 Internal Server Error with error 'server_error': "
					+ "Internal error (gave up after 3 attempts)", OAuth2Error::getDescription);
		assertServerReceived(3);
		assertNothingStored();
		assertNextCallSendsNewRequest(manager, 4);
	}

	@Test
	void authorizeWhenCalledRightAfterFailureThenSendsNewRequest() {
		// A call made once a failure has been reported must send its own request, not be
		// handed the finished one's failure.
		EgainReactiveAuthorizedClientManager manager = fastManager();
		for (int call = 1; call <= 30; call++) {
			this.server.enqueue(TestEgainTokenResponses.error(401, "invalid_client", "Rejected " + call));
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT))
				.withMessageEndingWith("Rejected " + call);
			assertThat(this.server.getRequestCount()).isEqualTo(call);
		}
		assertThat(manager.getStatistics().waits()).isZero();
	}

	@Test
	void authorizeWhenCallersCallAgainRightAfterSharedFailureThenNeverHandedItAgain() throws Exception {
		// Each failure names its request. A caller that heard failure n and calls again
		// must get a later one: joining the finished request would hand it n again.
		AtomicInteger requests = new AtomicInteger();
		this.server.setDispatcher(TestEgainTokenServer.answering((request) -> TestEgainTokenResponses.error(401,
				"invalid_client", "Rejected " + requests.incrementAndGet())));
		EgainReactiveAuthorizedClientManager manager = fastManager();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<Integer>>> callers = new ArrayList<>();
		for (int caller = 0; caller < 8; caller++) {
			callers.add(this.executor.submit(() -> {
				start.await();
				List<Integer> heard = new ArrayList<>();
				for (int call = 0; call < 25; call++) {
					heard.add(rejection(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT)));
				}
				return heard;
			}));
		}
		start.countDown();
		for (Future<List<Integer>> caller : callers) {
			assertThat(caller.get(30, TimeUnit.SECONDS)).hasSize(25).isSorted().doesNotHaveDuplicates();
		}
		// Every caller that led sent exactly one request; the others joined one in
		// flight.
		assertThat(manager.getStatistics().tokenRequests()).isEqualTo(this.server.getRequestCount());
		assertThat(manager.getStatistics().tokenRequests() + manager.getStatistics().waits()).isEqualTo(8 * 25);
	}

	@Test
	void authorizeWhenServiceUnavailableTwiceThenSucceedsOnThirdAttemptAndStoresToken() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.html(503));
		this.server.enqueue(TestEgainTokenResponses.error(503, "temporarily_unavailable", "Try again"));
		this.server.enqueue(TestEgainTokenResponses.accessToken("third-time-lucky", 3600));
		EgainReactiveAuthorizedClientManager manager = fastManager();
		assertThat(manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT).getAccessToken().getTokenValue())
			.isEqualTo("third-time-lucky");
		assertServerReceived(3);
		OAuth2AuthorizedClient stored = this.store.loadAuthorizedClient(USER_CLIENT, SUBJECT_KEY);
		assertThat(stored.getAccessToken().getTokenValue()).isEqualTo("third-time-lucky");
		assertThat(manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT).getAccessToken().getTokenValue())
			.isEqualTo("third-time-lucky");
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void authorizeWhenAnonymousClientServiceUnavailableOnceThenRetriesAndStoresOneToken() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.html(502));
		this.server.enqueue(TestEgainTokenResponses.accessToken("anonymous-token", 3600));
		EgainReactiveAuthorizedClientManager manager = fastManager();
		assertThat(manager.authorize(request(ANONYMOUS_CLIENT, null)).block(TIMEOUT).getAccessToken().getTokenValue())
			.isEqualTo("anonymous-token");
		assertServerReceived(2);
		OAuth2AuthorizedClient stored = this.store.loadAuthorizedClient(ANONYMOUS_CLIENT,
				EgainAuthorizeRequests.APPLICATION_PRINCIPAL_NAME);
		assertThat(stored.getAccessToken().getTokenValue()).isEqualTo("anonymous-token");
	}

	@Test
	void authorizeWhenTooManyRequestsWithRetryAfterThenWaitsAndSucceedsOnSecondAttempt() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.error(429, "rate_limited", "Slow down")
			.newBuilder()
			.setHeader("Retry-After", "1")
			.build());
		this.server.enqueue(TestEgainTokenResponses.accessToken("after-waiting", 3600));
		EgainReactiveAuthorizedClientManager manager = fastManager();
		assertThat(manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT).getAccessToken().getTokenValue())
			.isEqualTo("after-waiting");
		assertServerReceived(2);
	}

	@Test
	void authorizeWhenTooManyRequestsWithPastRateLimitResetThenRetriesAtOnceAndSucceeds() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.error(429, "rate_limited", "Slow down")
			.newBuilder()
			.setHeader("X-RateLimit-Reset", "2020-01-01T00:00:00Z")
			.build());
		this.server.enqueue(TestEgainTokenResponses.accessToken("after-reset", 3600));
		EgainReactiveAuthorizedClientManager manager = fastManager();
		assertThat(manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT).getAccessToken().getTokenValue())
			.isEqualTo("after-reset");
		assertServerReceived(2);
	}

	@Test
	void authorizeWhenTooManyRequestsUntilRateLimitResetPastDeadlineThenGivesUpWithoutWaiting() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.error(429, "rate_limited", "Slow down")
			.newBuilder()
			.setHeader("X-RateLimit-Reset", Instant.now().plus(Duration.ofHours(1)).toString())
			.build());
		EgainReactiveAuthorizedClientManager manager = manager(this.server.url("/").toString(),
				webClient(RESPONSE_TIMEOUT),
				new EgainRetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(5)));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT))
			.extracting(ClientAuthorizationException::getError)
			.extracting(OAuth2Error::getDescription)
			.asString()
			.contains("eGain answered HTTP 429 Too Many Requests with error 'rate_limited': Slow down")
			.matches(".* \\(gave up after 1 attempt: waiting \\d+ ms more would pass the 5000 ms deadline\\)$");
		assertServerReceived(1);
	}

	@Test
	void authorizeWhenServerErrorWithRateLimitResetThenResetIgnoredAndBackoffUsed() throws Exception {
		this.server.enqueue(TestEgainTokenResponses.html(503)
			.newBuilder()
			.setHeader("X-RateLimit-Reset", Instant.now().plus(Duration.ofHours(1)).toString())
			.build());
		this.server.enqueue(TestEgainTokenResponses.accessToken("after-backoff", 3600));
		EgainReactiveAuthorizedClientManager manager = fastManager();
		assertThat(manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT).getAccessToken().getTokenValue())
			.isEqualTo("after-backoff");
		assertServerReceived(2);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("clientErrors")
	void authorizeWhenClientErrorThenNotRetried(int status, String error, String reason) throws Exception {
		this.server.enqueue(TestEgainTokenResponses.error(status, error, "Rejected"));
		EgainReactiveAuthorizedClientManager manager = fastManager();
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT))
			.extracting(ClientAuthorizationException::getError)
			.returns(error, OAuth2Error::getErrorCode)
			.returns(USER_FAILED + "eGain answered HTTP " + status + " " + reason + " with error '" + error
					+ "': Rejected", OAuth2Error::getDescription);
		assertServerReceived(1);
		assertNothingStored();
		assertNextCallSendsNewRequest(manager, 2);
	}

	static Stream<Arguments> clientErrors() {
		return Stream.of(Arguments.of(400, "invalid_grant", "Bad Request"),
				Arguments.of(401, "invalid_client", "Unauthorized"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidTokenResponses")
	void authorizeWhenSuccessfulStatusWithoutTokenThenFailsWithoutRetry(String name, MockResponse response,
			String answer) throws Exception {
		this.server.enqueue(response);
		EgainReactiveAuthorizedClientManager manager = fastManager();
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT))
			.extracting(ClientAuthorizationException::getError)
			.returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns(USER_FAILED + answer, OAuth2Error::getDescription);
		assertServerReceived(1);
		assertNothingStored();
		assertNextCallSendsNewRequest(manager, 2);
	}

	static Stream<Arguments> invalidTokenResponses() {
		return Stream.of(
				Arguments.of("HTML", TestEgainTokenResponses.html(200),
						"eGain answered HTTP 200 OK with a body that is not a JSON object (Content-Type text/html) "
								+ "instead of a JSON token response"),
				Arguments.of("empty", TestEgainTokenResponses.empty(),
						"eGain answered HTTP 200 OK with an empty body instead of a JSON token response"),
				Arguments.of("no access_token",
						TestEgainTokenResponses.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3600}"),
						"eGain answered HTTP 200 OK with a JSON body that is not a valid token response "
								+ "(Missing required parameter: access_token)"));
	}

	@Test
	void authorizeWhenSlowTokenEndpointAndConcurrentCallersThenOneRequestPerSubject() {
		this.server.setDispatcher(TestEgainTokenServer.answering((request) -> TestEgainTokenResponses.delayed(
				TestEgainTokenResponses
					.accessToken("token-for-" + TestEgainTokenRequests.form(request).get("subject_username"), 3600),
				Duration.ofMillis(100))));
		EgainReactiveAuthorizedClientManager manager = fastManager();
		List<String> subjects = List.of("pa", "pb", "pc", "pd");
		List<String> tokens = Flux.range(0, 32)
			.map((caller) -> subjects.get(caller % subjects.size()))
			.flatMapSequential(
					(subject) -> manager.authorize(request(USER_CLIENT, EgainSubject.username(subject)))
						.map((authorizedClient) -> subject + "=" + authorizedClient.getAccessToken().getTokenValue()),
					32)
			.collectList()
			.block(TIMEOUT);
		assertThat(tokens).hasSize(32);
		for (int caller = 0; caller < 32; caller++) {
			String subject = subjects.get(caller % subjects.size());
			assertThat(tokens.get(caller)).isEqualTo(subject + "=token-for-" + subject);
		}
		assertThat(this.server.getRequestCount()).isEqualTo(4);
	}

	@Test
	void authorizeWhenDeadlineShorterThanBackoffThenGivesUpAfterOneAttempt() throws Exception {
		// A deadline the first attempt meets even on a loaded machine, and a backoff that
		// would pass it.
		this.server.enqueue(TestEgainTokenResponses.html(503));
		EgainReactiveAuthorizedClientManager manager = manager(this.server.url("/").toString(),
				webClient(RESPONSE_TIMEOUT),
				new EgainRetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2)));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT))
			.extracting(ClientAuthorizationException::getError)
			.extracting(OAuth2Error::getDescription)
			.asString()
			.startsWith(USER_FAILED + "eGain answered HTTP 503 Service Unavailable without an OAuth 2.0 error")
			.matches(".* \\(gave up after 1 attempt: waiting \\d+ ms more would pass the 2000 ms deadline\\)$");
		assertServerReceived(1);
		assertNothingStored();
	}

	@Test
	void authorizeWhenTokenEndpointPersistentlyFailsWithDefaultPolicyThenFailureNamesClient() throws Exception {
		// EgainRetryPolicy.DEFAULT makes at most 3 attempts, all within its 20 s
		// deadline,
		// which the reactive token clients enforce with a timeout: a caller hears back
		// within 20 s, well within a minute. Here eGain answers at once, so the caller
		// waits only for the backoffs.
		this.server.setDispatcher(TestEgainTokenServer
			.answering((request) -> TestEgainTokenResponses.error(503, "temporarily_unavailable", "Down")));
		EgainReactiveAuthorizedClientManager manager = manager(this.server.url("/").toString(),
				webClient(RESPONSE_TIMEOUT), EgainRetryPolicy.DEFAULT);
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT))
			.withMessageContaining("eGain client 'agent-assist' (on-behalf-of-user flow)")
			.withMessageContaining("(gave up after 3 attempts)")
			.withMessageNotContaining(TestEgainClientRegistrations.CLIENT_SECRET);
		assertThat(this.server.getRequestCount()).isEqualTo(3);
		assertThat(manager.getFailingClients()).containsOnlyKeys(USER_CLIENT);
		assertNothingStored();
	}

	private EgainReactiveAuthorizedClientManager fastManager() {
		return manager(this.server.url("/").toString(), webClient(RESPONSE_TIMEOUT),
				TestEgainAuthorizedClientManagers.FAST_RETRIES);
	}

	private EgainReactiveAuthorizedClientManager manager(String baseUrl, WebClient webClient,
			EgainRetryPolicy retryPolicy) {
		return TestEgainAuthorizedClientManagers.reactiveManager(
				TestEgainAuthorizedClientManagers.registrations(baseUrl),
				new CaffeineReactiveOAuth2AuthorizedClientService(this.store), (tokenClient) -> {
					tokenClient.setWebClient(webClient);
					tokenClient.setRetryPolicy(retryPolicy);
				});
	}

	/**
	 * A web client that counts the attempts it makes, with the given response timeout.
	 */
	private WebClient webClient(Duration responseTimeout) {
		HttpClient httpClient = HttpClient.create().responseTimeout(responseTimeout);
		ExchangeFilterFunction countingAttempts = (request, next) -> {
			this.attempts.incrementAndGet();
			return next.exchange(request);
		};
		return WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.filter(countingAttempts)
			.build();
	}

	/**
	 * Returns the number of the request whose {@code Rejected <n>} failure the call got.
	 */
	private static int rejection(ThrowingCallable call) {
		ClientAuthorizationException failure = catchThrowableOfType(ClientAuthorizationException.class, call);
		assertThat(failure).isNotNull();
		String description = failure.getError().getDescription();
		return Integer.parseInt(description.substring(description.lastIndexOf(' ') + 1));
	}

	private void assertServerReceived(int requests) throws InterruptedException {
		for (int i = 0; i < requests; i++) {
			assertThat(this.server.takeRequest(5, TimeUnit.SECONDS)).as("token request %d", i + 1).isNotNull();
		}
		assertThat(this.server.getRequestCount()).isEqualTo(requests);
	}

	private void assertNothingStored() {
		assertThat(this.store.<OAuth2AuthorizedClient>loadAuthorizedClient(USER_CLIENT, SUBJECT_KEY)).isNull();
		assertThat(this.store.subjectCount()).isZero();
	}

	private void assertNextCallSendsNewRequest(EgainReactiveAuthorizedClientManager manager, int requests) {
		this.server.enqueue(TestEgainTokenResponses.accessToken("fresh", 3600));
		assertThat(manager.authorize(request(USER_CLIENT, SUBJECT)).block(TIMEOUT).getAccessToken().getTokenValue())
			.isEqualTo("fresh");
		assertThat(this.server.getRequestCount()).isEqualTo(requests);
	}

}
