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

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.TokenRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * Part (b): a cold burst. 64 threads each ask for the on-behalf-of tokens of the same
 * 1,000 subjects in the same order, so every subject is wanted by many threads at nearly
 * the same moment (64,000 calls), against an {@link EgainStandIn} on loopback whose token
 * requests take 20 ms. For egain-auth and for stock Spring Security, each starting from
 * an empty store and a fresh stand-in, it reports the token requests sent and the time
 * until every caller is served. A bounded run: each burst is abandoned, and the run
 * fails, after three minutes.
 *
 * <p>
 * Run with {@code java -cp benchmarks.jar io.github.egainauth.benchmarks.ColdBurst
 * [rounds]} (default 3 measured rounds, after one smaller warm-up round).
 *
 * @author egain-auth authors
 */
public final class ColdBurst {

	private static final int THREADS = 64;

	private static final int SUBJECTS = 1_000;

	private static final int WARM_UP_SUBJECTS = 100;

	private static final Duration LATENCY = Duration.ofMillis(20);

	private static final Duration TIME_LIMIT = Duration.ofMinutes(3);

	private ColdBurst() {
	}

	/**
	 * Runs the bursts and prints one line per burst.
	 * @param args the number of measured rounds, optional
	 * @throws InterruptedException if a burst is interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 3;
		System.out.printf("Cold burst: %d threads x %d subjects, token endpoint latency %d ms (EgainStandIn)%n",
				THREADS, SUBJECTS, LATENCY.toMillis());
		System.out.printf("%-8s %-6s %8s %14s %16s %10s %12s %12s %12s %7s %10s%n", "round", "stack", "calls",
				"token requests", "max per subject", "wall ms", "p50 call ms", "p99 call ms", "max call ms", "errors",
				"rejections");
		for (int round = 0; round <= rounds; round++) {
			String label = (round == 0) ? "warm-up" : String.valueOf(round);
			int subjects = (round == 0) ? WARM_UP_SUBJECTS : SUBJECTS;
			// Alternate which stack goes first, so neither always runs on a cooler JVM.
			boolean egainFirst = (round % 2) == 0;
			for (int turn = 0; turn < 2; turn++) {
				boolean egain = (turn == 0) == egainFirst;
				try (EgainStandIn standIn = EgainStandIn.builder().tokenLatency(LATENCY).start()) {
					EgainClientRegistrationRepository registrations = TokenStacks
						.registrations(TokenStacks.tokenUri(standIn));
					IntConsumer caller = egain ? egainCaller(registrations, subjects)
							: stockCaller(registrations, subjects);
					Result result = burst(caller, subjects);
					List<TokenRequest> tokenRequests = standIn.getTokenRequests();
					System.out.printf("%-8s %-6s %8d %14d %16d %10d %12.1f %12.1f %12.1f %7d %10d%n", label,
							egain ? "egain" : "stock", result.calls(), tokenRequests.size(),
							maxPerSubject(tokenRequests), result.wallMillis(), result.percentile(0.50),
							result.percentile(0.99), result.percentile(1.0), result.errors(),
							standIn.getRejections().size());
				}
			}
		}
	}

	/**
	 * Returns the most token requests sent for any one subject.
	 * @param tokenRequests the token requests sent
	 * @return the most for any one subject
	 */
	private static long maxPerSubject(List<TokenRequest> tokenRequests) {
		return tokenRequests.stream()
			.collect(Collectors.groupingBy((request) -> String.valueOf(request.subject()), Collectors.counting()))
			.values()
			.stream()
			.mapToLong(Long::longValue)
			.max()
			.orElse(0);
	}

	/**
	 * egain-auth: {@code EgainAccessTokens} over a fresh
	 * {@code EgainAuthorizedClientManager} and bounded store, subjects named per call.
	 * @param registrations the client registrations
	 * @param subjects how many subjects
	 * @return a caller that gets the token of the subject of the given index
	 */
	private static IntConsumer egainCaller(EgainClientRegistrationRepository registrations, int subjects) {
		EgainAccessTokens accessTokens = new EgainAccessTokens(
				TokenStacks.egainManager(registrations, new CaffeineOAuth2AuthorizedClientService()));
		EgainSubject[] subject = new EgainSubject[subjects];
		Arrays.setAll(subject, (i) -> EgainSubject.username(subjectName(i)));
		return (i) -> accessTokens.getToken(TokenStacks.ON_BEHALF_OF, subject[i]);
	}

	/**
	 * Stock Spring Security: a fresh
	 * {@code AuthorizedClientServiceOAuth2AuthorizedClientManager} and in-memory store,
	 * with egain-auth's on-behalf-of provider; the principal is the subject, so the stock
	 * store is also per subject.
	 * @param registrations the client registrations
	 * @param subjects how many subjects
	 * @return a caller that authorizes the subject of the given index
	 */
	private static IntConsumer stockCaller(EgainClientRegistrationRepository registrations, int subjects) {
		OAuth2AuthorizedClientManager manager = TokenStacks.stockOnBehalfOfManager(registrations,
				TokenStacks.stockStore(registrations), new OnBehalfOfOAuth2AuthorizedClientProvider());
		Authentication[] principal = new Authentication[subjects];
		Arrays.setAll(principal, (i) -> TokenStacks.principal(subjectName(i)));
		return (i) -> manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(TokenStacks.ON_BEHALF_OF)
			.principal(principal[i])
			.build());
	}

	private static String subjectName(int i) {
		return "user-" + i;
	}

	private static Result burst(IntConsumer caller, int subjects) throws InterruptedException {
		CountDownLatch ready = new CountDownLatch(THREADS);
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(THREADS);
		AtomicInteger errors = new AtomicInteger();
		long[][] callNanos = new long[THREADS][subjects];
		for (int t = 0; t < THREADS; t++) {
			long[] nanos = callNanos[t];
			Thread thread = new Thread(() -> {
				ready.countDown();
				try {
					start.await();
					for (int i = 0; i < subjects; i++) {
						long began = System.nanoTime();
						try {
							caller.accept(i);
						}
						catch (RuntimeException ex) {
							errors.incrementAndGet();
						}
						nanos[i] = System.nanoTime() - began;
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					done.countDown();
				}
			}, "caller-" + t);
			thread.setDaemon(true);
			thread.start();
		}
		ready.await();
		long began = System.nanoTime();
		start.countDown();
		if (!done.await(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
			System.out.printf("Burst did not finish within %s; stopping%n", TIME_LIMIT);
			System.exit(1);
		}
		long wallNanos = System.nanoTime() - began;
		long[] all = Arrays.stream(callNanos).flatMapToLong(Arrays::stream).sorted().toArray();
		return new Result(all.length, TimeUnit.NANOSECONDS.toMillis(wallNanos), all, errors.get());
	}

	private record Result(int calls, long wallMillis, long[] sortedCallNanos, int errors) {

		double percentile(double fraction) {
			int index = (int) Math.min(this.sortedCallNanos.length - 1,
					Math.ceil(fraction * this.sortedCallNanos.length) - 1);
			return this.sortedCallNanos[Math.max(index, 0)] / 1_000_000.0;
		}

	}

}
