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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.client.EgainClientHttpRequestInterceptor;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.ApiRequest;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.RestClient;

/**
 * A bounded load run against a faulty token endpoint: 10,000 API calls through a
 * {@code RestClient} with egain-auth's interceptor, over 1,000 on-behalf-of subjects,
 * while an {@link EgainStandIn} answers a seeded random 5 % of token requests with
 * {@code 503} and its API accepts only the tokens it issued. It checks that no call is
 * lost (each succeeds or fails with a clear exception naming the client), that the
 * stand-in refused no token request for breaking eGain's wire rules, and that token
 * requests stay within subjects × (1 + retries).
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
		try (EgainStandIn egain = EgainStandIn.builder().failTokenRequests(failureRate, 42).start()) {
			EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(List
				.of(EgainClientRegistrations.withRegistrationId(TokenStacks.ON_BEHALF_OF, EgainFlow.ON_BEHALF_OF_USER)
					.clientId("load-client")
					.clientSecret("load-secret")
					.scope("knowledge.portalmgr.onbehalfof.read")
					.tokenUri(TokenStacks.tokenUri(egain))
					.build()));
			// The default providers use eGain's token clients with the default retry
			// policy: 3 attempts with backoff and jitter within a 20 s deadline.
			EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(registrations::findByRegistrationId,
					new CaffeineOAuth2AuthorizedClientService());
			EgainClientHttpRequestInterceptor interceptor = new EgainClientHttpRequestInterceptor(
					new EgainAccessTokens(manager));
			interceptor.setDefaultClientName(TokenStacks.ON_BEHALF_OF);
			RestClient api = RestClient.builder().baseUrl(egain.getBaseUrl()).requestInterceptor(interceptor).build();
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
			int issuedTokens = egain.getTokenRequests().size();
			List<String> rejections = egain.getRejections();
			long injected503s = rejections.stream().filter(EgainStandIn.UNAVAILABLE::equals).count();
			long tokenRequests = issuedTokens + rejections.size();
			List<ApiRequest> apiRequests = egain.getApiRequests();
			long authorizedApiRequests = apiRequests.stream().filter(ApiRequest::authorized).count();
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
					"token requests: %d (%d answered 503, %d refused otherwise, %d tokens issued) for %d subjects; "
							+ "bound subjects x (1 + retries) = %d: %s%n",
					tokenRequests, injected503s, rejections.size() - injected503s, issuedTokens, subjects, bound,
					(tokenRequests <= bound) ? "within" : "EXCEEDED");
			System.out.printf("API requests: %d (%d with a valid token); wall time %d ms; manager statistics %s%n",
					apiRequests.size(), authorizedApiRequests, wallMillis, manager.getStatistics());
			if (accounted != calls || failedOtherwise.get() > 0 || injected503s != rejections.size()
					|| tokenRequests > bound) {
				System.out.println("RESULT: FAILED");
				System.exit(1);
			}
			System.out.println("RESULT: PASSED");
		}
	}

}
