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

package io.github.egainauth.client.web;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A stand-in for an eGain API on a local {@link MockWebServer}: it answers {@code 200} by
 * default, and can be told to reject one token or every request, with eGain's JSON error
 * bodies, or to redirect every request. It records every request for inspection.
 *
 * @author egain-auth authors
 */
public final class TestEgainApi implements Closeable {

	private final MockWebServer server = new MockWebServer();

	private volatile ToIntFunction<String> status = (authorization) -> 200;

	private volatile @Nullable MockResponse redirect;

	private TestEgainApi() {
		this.server.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				MockResponse redirect = TestEgainApi.this.redirect;
				if (redirect != null) {
					return redirect;
				}
				String authorization = request.getHeaders().get("Authorization");
				return answer(TestEgainApi.this.status.applyAsInt((authorization != null) ? authorization : ""));
			}

		});
	}

	/**
	 * Starts an API.
	 * @return the started API
	 * @throws IOException if the server cannot start
	 */
	public static TestEgainApi start() throws IOException {
		TestEgainApi api = new TestEgainApi();
		api.server.start();
		return api;
	}

	/**
	 * Starts a server of another origin, which answers every request with {@code 200} and
	 * records it: where a redirect must not take a token.
	 * @return the started server
	 * @throws IOException if the server cannot start
	 */
	public static MockWebServer startOtherOrigin() throws IOException {
		MockWebServer server = new MockWebServer();
		server.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return new MockResponse.Builder().code(200).body("collected").build();
			}

		});
		server.start();
		return server;
	}

	/**
	 * Answers {@code 401} to the first {@code Authorization} header it sees, as eGain
	 * does to a revoked token, and to every later request carrying it; {@code 200} to the
	 * others.
	 */
	public void rejectFirstToken() {
		AtomicReference<String> rejected = new AtomicReference<>();
		this.status = (authorization) -> {
			rejected.compareAndSet(null, authorization);
			return authorization.equals(rejected.get()) ? 401 : 200;
		};
	}

	/**
	 * Answers every request with the given status.
	 * @param status the HTTP status
	 */
	public void answerEveryRequestWith(int status) {
		this.status = (authorization) -> status;
	}

	/**
	 * Answers every request with a redirect, e.g. to another origin.
	 * @param status the redirect status, e.g. {@code 302} or {@code 307}
	 * @param location the {@code Location} to redirect to
	 */
	public void redirectEveryRequestTo(int status, String location) {
		this.redirect = new MockResponse.Builder().code(status).setHeader("Location", location).build();
	}

	/**
	 * Returns the API's base URL.
	 * @return the base URL
	 */
	public String baseUrl() {
		return this.server.url("/").toString();
	}

	/**
	 * Returns the API's origin, e.g. {@code http://localhost:54321}.
	 * @return the origin, without a trailing {@code /}
	 */
	public String origin() {
		return origin(this.server);
	}

	/**
	 * Returns the origin of a local server, e.g. {@code http://localhost:54321}.
	 * @param server the server
	 * @return the origin, without a trailing {@code /}
	 */
	public static String origin(MockWebServer server) {
		String url = server.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	/**
	 * Returns how many requests were received.
	 * @return the number of requests
	 */
	public int requestCount() {
		return this.server.getRequestCount();
	}

	/**
	 * Returns the next request received, waiting a bounded time for it.
	 * @return the request
	 * @throws InterruptedException if interrupted while waiting
	 */
	public RecordedRequest takeRequest() throws InterruptedException {
		RecordedRequest request = this.server.takeRequest(30, TimeUnit.SECONDS);
		Assert.state(request != null, "No request was received");
		return request;
	}

	@Override
	public void close() {
		this.server.close();
	}

	private static MockResponse answer(int status) {
		String body = switch (status) {
			case 200 -> "{\"portals\":[]}";
			case 401 -> "{\"code\":\"401-101\",\"developerMessage\":\"Invalid or expired token\"}";
			default -> "{\"code\":\"" + status + "-101\",\"developerMessage\":\"Request refused\"}";
		};
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
	}

}
