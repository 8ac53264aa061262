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

package io.github.egainauth.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A token endpoint on loopback that answers every {@code POST} with a fresh bearer token
 * valid for an hour, after a fixed latency, and counts the requests it is sent, in all
 * and per subject (its {@code subject_*} form field).
 *
 * @author egain-auth authors
 */
final class LocalTokenEndpoint implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private final long latencyMillis;

	private final AtomicInteger requests = new AtomicInteger();

	private final Map<String, AtomicInteger> requestsBySubject = new ConcurrentHashMap<>();

	static {
		// Without TCP_NODELAY the JDK server's separate header and body writes meet the
		// client's delayed ACK, adding about 40 ms to every answer on loopback.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private LocalTokenEndpoint(Duration latency, int threads) throws IOException {
		this.latencyMillis = latency.toMillis();
		this.executor = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "token-endpoint");
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
		this.server.createContext("/token", this::token);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Starts an endpoint on an ephemeral loopback port.
	 * @param latency how long each token request takes to answer
	 * @param threads how many requests are answered at once, enough that latency rather
	 * than queueing dominates
	 * @return the running endpoint
	 * @throws IOException if the server cannot be started
	 */
	static LocalTokenEndpoint start(Duration latency, int threads) throws IOException {
		return new LocalTokenEndpoint(latency, threads);
	}

	/**
	 * Returns the URL to configure as the clients' token URI.
	 * @return the token URI
	 */
	String tokenUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/token";
	}

	/**
	 * Returns how many token requests have been received since the last reset.
	 * @return the request count
	 */
	int requestCount() {
		return this.requests.get();
	}

	/**
	 * Returns how many distinct subjects token requests have been received for since the
	 * last reset; application-level requests count as one subject.
	 * @return the number of subjects
	 */
	int subjectCount() {
		return this.requestsBySubject.size();
	}

	/**
	 * Returns the most token requests received for any one subject since the last reset.
	 * @return the largest per-subject request count
	 */
	int maxRequestsPerSubject() {
		return this.requestsBySubject.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
	}

	/**
	 * Resets the request counts.
	 */
	void resetCount() {
		this.requests.set(0);
		this.requestsBySubject.clear();
	}

	private void token(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			String form = new String(body.readAllBytes(), StandardCharsets.UTF_8);
			int number = this.requests.incrementAndGet();
			this.requestsBySubject.computeIfAbsent(subject(form), (key) -> new AtomicInteger()).incrementAndGet();
			if (this.latencyMillis > 0) {
				Thread.sleep(this.latencyMillis);
			}
			byte[] json = ("{\"access_token\":\"token-" + number + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, json.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(json);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String subject(String form) {
		for (String field : form.split("&")) {
			if (field.startsWith("subject_")) {
				return field;
			}
		}
		return "application";
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
