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
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.client.EgainClientHttpRequestInterceptor;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.RestClient;

/**
 * A bounded load run against a faulty token endpoint: 10,000 API calls through a
 * {@code RestClient} with egain-auth's interceptor, over 1,000 on-behalf-of subjects,
 * while the local token endpoint answers 5 % of token requests with {@code 503}. It
 * checks that no call is lost (each succeeds or fails with a clear exception naming the
 * client) and that token requests stay within subjects × (1 + retries).
 * <p>
 * Run with {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.egainauth.benchmarks.FaultyLoadRun [calls] [subjects] [threads] [failure rate]}.
 *
 * @author egain-auth authors
 */
public final class FaultyLoadRun {

	private static final int MAX_ATTEMPTS = 3;

	private FaultyLoadRun() {
	}

	/**
	 * Runs the load.
	 * @param args calls (default 10,000), subjects (default 1,000), caller threads
	 * (default 32) and the share of token requests answered 503 (default 0.05)
	 * @throws Exception if the run cannot complete
	 */
	public static void main(String[] args) throws Exception {
		int calls = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int subjects = (args.length > 1) ? Integer.parseInt(args[1]) : 1_000;
		int threads = (args.length > 2) ? Integer.parseInt(args[2]) : 32;
		double failureRate = (args.length > 3) ? Double.parseDouble(args[3]) : 0.05;
		try (FaultyEgain egain = new FaultyEgain(failureRate, 42)) {
			EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(List
				.of(EgainClientRegistrations.withRegistrationId(TokenStacks.ON_BEHALF_OF, EgainFlow.ON_BEHALF_OF_USER)
					.clientId("load-client")
					.clientSecret("load-secret")
					.scope("knowledge.portalmgr.onbehalfof.read")
					.tokenUri(egain.baseUrl() + "/token")
					.build()));
			// The default providers use eGain's token clients with the default retry
			// policy: 3 attempts with backoff and jitter within a 20 s deadline.
			EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(registrations::findByRegistrationId,
					new CaffeineOAuth2AuthorizedClientService());
			EgainClientHttpRequestInterceptor interceptor = new EgainClientHttpRequestInterceptor(
					new EgainAccessTokens(manager));
			interceptor.setDefaultClientName(TokenStacks.ON_BEHALF_OF);
			RestClient api = RestClient.builder().baseUrl(egain.baseUrl()).requestInterceptor(interceptor).build();
			AtomicInteger succeeded = new AtomicInteger();
			AtomicInteger failedClearly = new AtomicInteger();
			AtomicInteger failedOtherwise = new AtomicInteger();
			Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
			ExecutorService callers = Executors.newFixedThreadPool(threads);
			long start = System.nanoTime();
			try {
				List<Future<?>> futures = new ArrayList<>();
				for (int call = 0; call < calls; call++) {
					EgainSubject subject = EgainSubject.username("user-" + (call % subjects));
					futures.add(callers.submit(() -> {
						try {
							api.get()
								.uri("/knowledge/portalmgr/v4/articles")
								.attributes(EgainRequestAttributes.subject(subject))
								.retrieve()
								.toBodilessEntity();
							succeeded.incrementAndGet();
						}
						catch (OAuth2AuthorizationException ex) {
							boolean clear = ex.getMessage() != null
									&& ex.getMessage().contains("'" + TokenStacks.ON_BEHALF_OF + "'");
							(clear ? failedClearly : failedOtherwise).incrementAndGet();
							failures.computeIfAbsent(ex.getError().getErrorCode(), (code) -> new AtomicInteger())
								.incrementAndGet();
						}
						catch (RuntimeException ex) {
							failedOtherwise.incrementAndGet();
							failures.computeIfAbsent(ex.getClass().getSimpleName(), (code) -> new AtomicInteger())
								.incrementAndGet();
						}
					}));
				}
				for (Future<?> future : futures) {
					future.get(5, TimeUnit.MINUTES);
				}
			}
			finally {
				callers.shutdownNow();
			}
			long wallMillis = (System.nanoTime() - start) / 1_000_000;
			int accounted = succeeded.get() + failedClearly.get() + failedOtherwise.get();
			int bound = subjects * MAX_ATTEMPTS;
			System.out.printf(
					"Faulty load run: %d API calls over %d subjects, %d caller threads, %.0f %% of token "
							+ "requests answered 503, %d attempts per token request%n",
					calls, subjects, threads, failureRate * 100, MAX_ATTEMPTS);
			System.out.printf(
					"calls: %d succeeded, %d failed with a clear exception naming the client, %d failed "
							+ "otherwise; %d of %d accounted for%n",
					succeeded.get(), failedClearly.get(), failedOtherwise.get(), accounted, calls);
			System.out.printf("failures by error: %s%n", failures);
			System.out.printf(
					"token requests: %d (%d answered 503, %d tokens issued) for %d subjects; bound "
							+ "subjects x (1 + retries) = %d: %s%n",
					egain.tokenRequests(), egain.injected503s(), egain.issuedTokens(), subjects, bound,
					(egain.tokenRequests() <= bound) ? "within" : "EXCEEDED");
			System.out.printf("API requests: %d (%d with a valid token); wall time %d ms; manager statistics %s%n",
					egain.apiRequests(), egain.authorizedApiRequests(), wallMillis, manager.getStatistics());
			if (accounted != calls || failedOtherwise.get() > 0 || egain.tokenRequests() > bound) {
				System.out.println("RESULT: FAILED");
				System.exit(1);
			}
			System.out.println("RESULT: PASSED");
		}
	}

	/**
	 * A loopback stand-in whose token endpoint fails at random, seeded so that runs are
	 * repeatable, and whose API accepts only the tokens it issued.
	 */
	private static final class FaultyEgain implements AutoCloseable {

		private final HttpServer server;

		private final ExecutorService executor = Executors.newFixedThreadPool(16);

		private final Random random;

		private final double failureRate;

		private final Set<String> tokens = ConcurrentHashMap.newKeySet();

		private final AtomicInteger tokenRequests = new AtomicInteger();

		private final AtomicInteger injected503s = new AtomicInteger();

		private final AtomicInteger apiRequests = new AtomicInteger();

		private final AtomicInteger authorizedApiRequests = new AtomicInteger();

		FaultyEgain(double failureRate, long seed) throws IOException {
			System.setProperty("sun.net.httpserver.nodelay", "true");
			this.failureRate = failureRate;
			this.random = new Random(seed);
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
			this.server.createContext("/token", this::token);
			this.server.createContext("/", this::api);
			this.server.setExecutor(this.executor);
			this.server.start();
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		private void token(HttpExchange exchange) throws IOException {
			try (exchange) {
				exchange.getRequestBody().readAllBytes();
				this.tokenRequests.incrementAndGet();
				boolean fail;
				synchronized (this.random) {
					fail = this.random.nextDouble() < this.failureRate;
				}
				if (fail) {
					this.injected503s.incrementAndGet();
					send(exchange, 503, "<html><body>Service Unavailable</body></html>", "text/html");
					return;
				}
				String token = "load-" + UUID.randomUUID();
				this.tokens.add(token);
				send(exchange, 200,
						"{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}",
						"application/json");
			}
		}

		private void api(HttpExchange exchange) throws IOException {
			try (exchange) {
				this.apiRequests.incrementAndGet();
				String authorization = exchange.getRequestHeaders().getFirst("Authorization");
				boolean valid = authorization != null && authorization.startsWith("Bearer ")
						&& this.tokens.contains(authorization.substring("Bearer ".length()));
				if (valid) {
					this.authorizedApiRequests.incrementAndGet();
					send(exchange, 200, "{\"articles\":[]}", "application/json");
				}
				else {
					send(exchange, 401, "{\"code\":\"401-101\",\"developerMessage\":\"Invalid token\"}",
							"application/json");
				}
			}
		}

		private static void send(HttpExchange exchange, int status, String body, String contentType)
				throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", contentType);
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}

		int tokenRequests() {
			return this.tokenRequests.get();
		}

		int injected503s() {
			return this.injected503s.get();
		}

		int issuedTokens() {
			return this.tokens.size();
		}

		int apiRequests() {
			return this.apiRequests.get();
		}

		int authorizedApiRequests() {
			return this.authorizedApiRequests.get();
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

}
