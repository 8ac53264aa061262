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

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.redis.RedisOAuth2AuthorizedClientService;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.TokenRequest;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

/**
 * Part (f): replicas. Four application instances, each with its own manager, its own
 * store, its own Redis connection and its own local cache (as separate processes would
 * have, in one JVM), run 64 caller threads each over the same 1,000 subjects, cold,
 * against an {@link EgainStandIn} whose token requests take 20 ms. Caller thread <i>t</i>
 * of every instance starts at subject <i>t</i> × 1,000 / 64 and goes through all 1,000 in
 * turn, so the four instances ask for the same subject at the same moment while the
 * threads of one instance mostly find what their neighbours fetched. It counts the token
 * requests eGain received, for egain-auth with the shared Redis store
 * ({@link RedisOAuth2AuthorizedClientService}, one token request per subject between the
 * instances), for egain-auth with local caches only, and for stock Spring Security (four
 * managers as {@link TokenStacks} builds them), each against a fresh stand-in and a
 * flushed Redis, in the same run. Redis is a {@code redis-server} started for the run on
 * a loopback port. A bounded run: each burst is abandoned, and the run fails, after three
 * minutes.
 * <p>
 * Run with {@code java -cp benchmarks.jar io.github.egainauth.benchmarks.ReplicaRun
 * [rounds]} (default 2 measured rounds, after one smaller warm-up round).
 *
 * @author egain-auth authors
 */
public final class ReplicaRun {

	private static final int INSTANCES = 4;

	private static final int THREADS = 64;

	private static final int SUBJECTS = 1_000;

	private static final int WARM_UP_SUBJECTS = 100;

	private static final Duration LATENCY = Duration.ofMillis(20);

	private static final Duration TIME_LIMIT = Duration.ofMinutes(3);

	private ReplicaRun() {
	}

	/**
	 * Runs the bursts and prints one line per burst.
	 * @param args the number of measured rounds, optional
	 * @throws InterruptedException if a burst is interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 2;
		List<byte[]> keys = List.of(randomKey());
		try (RedisServerProcess redis = RedisServerProcess.start()) {
			List<LettuceConnectionFactory> connections = new ArrayList<>();
			for (int i = 0; i < INSTANCES; i++) {
				connections.add(redis.connectionFactory());
			}
			try {
				System.out.printf(
						"Replicas: %d instances x %d threads x %d subjects, cold, token endpoint latency %d ms "
								+ "(EgainStandIn), redis-server on port %d; %d cores%n",
						INSTANCES, THREADS, SUBJECTS, LATENCY.toMillis(), redis.getPort(),
						Runtime.getRuntime().availableProcessors());
				System.out.printf("%-8s %-14s %7s %14s %9s %8s %8s %8s %8s %8s %6s %5s %s%n", "round", "stack", "calls",
						"token requests", "max/subj", "subj>1", "wall ms", "p50 ms", "p99 ms", "max ms", "errors",
						"rej", "managers (sum over instances)");
				for (int round = 0; round <= rounds; round++) {
					String label = (round == 0) ? "warm-up" : String.valueOf(round);
					int subjects = (round == 0) ? WARM_UP_SUBJECTS : SUBJECTS;
					// Rotate which stack goes first, so none always runs on a cooler JVM.
					Stack[] stacks = Stack.values();
					for (int turn = 0; turn < stacks.length; turn++) {
						Stack stack = stacks[(turn + round) % stacks.length];
						redis.flushAll();
						try (EgainStandIn standIn = EgainStandIn.builder().tokenLatency(LATENCY).start()) {
							EgainClientRegistrationRepository registrations = TokenStacks
								.registrations(TokenStacks.tokenUri(standIn));
							List<EgainAuthorizedClientManager> managers = new ArrayList<>();
							List<RedisOAuth2AuthorizedClientService> stores = new ArrayList<>();
							IntConsumer[] callers = new IntConsumer[INSTANCES];
							for (int i = 0; i < INSTANCES; i++) {
								callers[i] = switch (stack) {
									case REDIS -> {
										RedisOAuth2AuthorizedClientService store = new RedisOAuth2AuthorizedClientService(
												connections.get(i), registrations::findByRegistrationId, keys);
										stores.add(store);
										yield egainCaller(registrations, store, subjects, managers);
									}
									case LOCAL -> egainCaller(registrations,
											new CaffeineOAuth2AuthorizedClientService(), subjects, managers);
									case STOCK -> stockCaller(registrations, subjects);
								};
							}
							Result result = burst(callers, subjects);
							List<TokenRequest> tokenRequests = standIn.getTokenRequests();
							Map<String, Long> perSubject = perSubject(tokenRequests);
							System.out.printf("%-8s %-14s %7d %14d %9d %8d %8d %8.1f %8.1f %8.1f %6d %5d %s%n", label,
									stack.label, result.calls(), tokenRequests.size() + standIn.getRejections().size(),
									perSubject.values().stream().mapToLong(Long::longValue).max().orElse(0),
									perSubject.values().stream().filter((count) -> count > 1).count(),
									result.wallMillis(), result.percentile(0.50), result.percentile(0.99),
									result.percentile(1.0), result.errors(), standIn.getRejections().size(),
									managers(managers, stores));
							if (stack == Stack.REDIS && round > 0) {
								printRepeats(perSubject);
							}
						}
					}
				}
			}
			finally {
				connections.forEach(LettuceConnectionFactory::destroy);
			}
		}
	}

	private static Map<String, Long> perSubject(List<TokenRequest> tokenRequests) {
		return tokenRequests.stream()
			.collect(Collectors.groupingBy((request) -> String.valueOf(request.subject()), Collectors.counting()));
	}

	// The subjects that the shared store let through more than once, for the reading.
	private static void printRepeats(Map<String, Long> perSubject) {
		List<String> repeats = perSubject.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 1)
			.map((entry) -> entry.getKey() + " x" + entry.getValue())
			.sorted()
			.toList();
		if (!repeats.isEmpty()) {
			System.out.println("         subjects requested more than once with the Redis store: " + repeats);
		}
	}

	private static String managers(List<EgainAuthorizedClientManager> managers,
			List<RedisOAuth2AuthorizedClientService> stores) {
		if (managers.isEmpty()) {
			return "-";
		}
		long hits = 0;
		long obtained = 0;
		long joined = 0;
		for (EgainAuthorizedClientManager manager : managers) {
			hits += manager.getStatistics().cacheHits();
			obtained += manager.getStatistics().tokenRequests();
			joined += manager.getStatistics().waits();
		}
		String redis = stores.isEmpty() ? ""
				: "; Redis available at the end to "
						+ stores.stream().filter(RedisOAuth2AuthorizedClientService::isAvailable).count() + " of "
						+ stores.size();
		return String.format("hits %d, obtained %d, joined one in flight %d%s", hits, obtained, joined, redis);
	}

	private static IntConsumer egainCaller(EgainClientRegistrationRepository registrations,
			OAuth2AuthorizedClientService store, int subjects, List<EgainAuthorizedClientManager> managers) {
		EgainAuthorizedClientManager manager = TokenStacks.egainManager(registrations, store);
		managers.add(manager);
		EgainAccessTokens accessTokens = new EgainAccessTokens(manager);
		EgainSubject[] subject = new EgainSubject[subjects];
		Arrays.setAll(subject, (i) -> EgainSubject.username(subjectName(i)));
		return (i) -> accessTokens.getToken(TokenStacks.ON_BEHALF_OF, subject[i]);
	}

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

	private static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	private static Result burst(IntConsumer[] callers, int subjects) throws InterruptedException {
		int threads = callers.length * THREADS;
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(threads);
		AtomicInteger errors = new AtomicInteger();
		long[][] callNanos = new long[threads][subjects];
		for (int n = 0; n < threads; n++) {
			IntConsumer caller = callers[n / THREADS];
			int offset = (n % THREADS) * subjects / THREADS;
			long[] nanos = callNanos[n];
			Thread thread = new Thread(() -> {
				ready.countDown();
				try {
					start.await();
					for (int i = 0; i < subjects; i++) {
						long began = System.nanoTime();
						try {
							caller.accept((offset + i) % subjects);
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
			}, "instance-" + (n / THREADS) + "-caller-" + (n % THREADS));
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

	private enum Stack {

		REDIS("egain + Redis"),

		LOCAL("egain, local"),

		STOCK("stock Spring");

		private final String label;

		Stack(String label) {
			this.label = label;
		}

	}

	private record Result(int calls, long wallMillis, long[] sortedCallNanos, int errors) {

		double percentile(double fraction) {
			int index = (int) Math.min(this.sortedCallNanos.length - 1,
					Math.ceil(fraction * this.sortedCallNanos.length) - 1);
			return this.sortedCallNanos[Math.max(index, 0)] / 1_000_000.0;
		}

	}

}
