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

import java.io.Closeable;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * A stand-in for eGain's token endpoint on a local {@link MockWebServer}. It issues a
 * distinct token per request, counts requests per subject (e.g. {@code username:u1}, an
 * identity provider token's {@code EgainSubject#toString()}, or {@link #APPLICATION} for
 * application-level flows), can be told to fail, and can hold its answers until a latch
 * opens, so that concurrent callers are sure to overlap.
 *
 * @author egain-auth authors
 */
public final class TestEgainTokenEndpoint implements Closeable {

	/**
	 * The subject under which application-level token requests are counted.
	 */
	public static final String APPLICATION = "application";

	/**
	 * How long a held answer waits for its latch at most, so that a bug fails a test
	 * rather than hanging it.
	 */
	private static final long HOLD_TIMEOUT_SECONDS = 30;

	private static final Map<String, String> SUBJECT_PREFIXES = Map.of("subject_username", "username", "subject_userid",
			"userid", "subject_email", "email");

	private final MockWebServer server = new MockWebServer();

	private final AtomicInteger tokens = new AtomicInteger();

	private final Map<String, AtomicInteger> requestsBySubject = new ConcurrentHashMap<>();

	private final List<String> forms = new CopyOnWriteArrayList<>();

	private final AtomicInteger remainingFailures = new AtomicInteger();

	private volatile long expiresIn = 3600;

	private volatile MockResponse failure = json(500, "{}");

	private volatile @Nullable CountDownLatch hold;

	private TestEgainTokenEndpoint() {
		this.server.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				return answer(request);
			}

		});
	}

	/**
	 * Starts a token endpoint.
	 * @return the started endpoint
	 * @throws IOException if the server cannot start
	 */
	public static TestEgainTokenEndpoint start() throws IOException {
		TestEgainTokenEndpoint endpoint = new TestEgainTokenEndpoint();
		endpoint.server.start();
		return endpoint;
	}

	/**
	 * Returns a registration of the given flow whose token URI is this endpoint.
	 * @param registrationId the client's name
	 * @param flow the flow
	 * @return the registration
	 */
	public ClientRegistration registration(String registrationId, EgainFlow flow) {
		ClientRegistration.Builder builder = (flow != EgainFlow.TOKEN_EXCHANGE)
				? EgainClientRegistrations.withRegistrationId(registrationId, flow)
				: EgainClientRegistrations.withTokenExchange(registrationId, "okta-sso");
		return builder.clientId("client-id")
			.clientSecret("client-secret")
			.scope("knowledge.portalmgr.read")
			.tokenUri(this.server.url("/token").toString())
			.build();
	}

	/**
	 * Sets the {@code expires_in} of the tokens issued from now on.
	 * @param expiresIn the lifetime in seconds
	 */
	public void expiresIn(long expiresIn) {
		this.expiresIn = expiresIn;
	}

	/**
	 * Answers every request from now on with the given error, until {@link #succeed()}.
	 * @param status the HTTP status
	 * @param body the JSON body
	 */
	public void failWith(int status, String body) {
		failWith(status, body, Integer.MAX_VALUE);
	}

	/**
	 * Answers the next request with the given error, and later ones with tokens.
	 * @param status the HTTP status
	 * @param body the JSON body
	 */
	public void failOnceWith(int status, String body) {
		failWith(status, body, 1);
	}

	private void failWith(int status, String body, int times) {
		this.failure = json(status, body);
		this.remainingFailures.set(times);
	}

	/**
	 * Issues tokens again after {@link #failWith(int, String)}.
	 */
	public void succeed() {
		this.remainingFailures.set(0);
	}

	/**
	 * Holds every answer until the returned latch is counted down (or a timeout passes).
	 * @return the latch to count down
	 */
	public CountDownLatch holdAnswers() {
		return holdAnswersUntilArrived(1);
	}

	/**
	 * Holds every answer until the returned latch has been counted down {@code count}
	 * times (or a timeout passes), e.g. once by each concurrent caller as it calls.
	 * @param count the number of arrivals to wait for
	 * @return the latch to count down
	 */
	public CountDownLatch holdAnswersUntilArrived(int count) {
		CountDownLatch arrived = new CountDownLatch(count);
		this.hold = arrived;
		return arrived;
	}

	/**
	 * Returns how many token requests were received.
	 * @return the number of requests
	 */
	public int requestCount() {
		return this.forms.size();
	}

	/**
	 * Returns how many token requests were received for a subject.
	 * @param subject the subject, e.g. {@code username:u1}, or {@link #APPLICATION}
	 * @return the number of requests
	 */
	public int requestCount(String subject) {
		AtomicInteger count = this.requestsBySubject.get(subject);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Returns the form bodies of the token requests received, in order.
	 * @return the form bodies
	 */
	public List<String> forms() {
		return List.copyOf(this.forms);
	}

	@Override
	public void close() {
		this.server.close();
	}

	private MockResponse answer(RecordedRequest request) throws InterruptedException {
		ByteString body = request.getBody();
		String form = (body != null) ? body.utf8() : "";
		String subject = subject(form);
		this.requestsBySubject.computeIfAbsent(subject, (key) -> new AtomicInteger()).incrementAndGet();
		this.forms.add(form);
		boolean fail = this.remainingFailures.getAndUpdate((remaining) -> Math.max(0, remaining - 1)) > 0;
		CountDownLatch hold = this.hold;
		if (hold != null) {
			// Bounded: if callers never all arrive, the test fails on its counts.
			hold.await(HOLD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		if (fail) {
			return this.failure;
		}
		String token = "token-" + this.tokens.incrementAndGet() + "-" + subject.replaceAll("[^A-Za-z0-9]", "-");
		return json(200,
				"{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + this.expiresIn + "}");
	}

	private static String subject(String form) {
		for (String field : form.split("&")) {
			int equals = field.indexOf('=');
			if (equals < 0) {
				continue;
			}
			String name = URLDecoder.decode(field.substring(0, equals), StandardCharsets.UTF_8);
			if ("subject_token".equals(name)) {
				return EgainSubject
					.externalToken(URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8))
					.toString();
			}
			String prefix = SUBJECT_PREFIXES.get(name);
			if (prefix != null) {
				return prefix + ":" + URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		return APPLICATION;
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
	}

}
