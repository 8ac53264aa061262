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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.EgainTokenStatistics;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.test.EgainStandIn;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * A bounded load run of token renewal: 64 caller threads get on-behalf-of tokens for 100
 * subjects in turn, without pause, against an {@link EgainStandIn} whose tokens live 10
 * seconds and whose token endpoint answers in 200 ms, with a clock skew of 2 seconds.
 * After a warm-up long enough for every subject's first token, it measures for 60
 * seconds: the calls that waited for a token request, the call-time percentiles, and the
 * token requests the stand-in received. It runs, one after the other in the same JVM and
 * each against a fresh stand-in, egain-auth with refresh ahead (renewals on a bounded
 * eight-thread executor, as the starter sets up), the same with two renewal threads (the
 * starter's first default), egain-auth without refresh ahead, and stock Spring Security's
 * manager as {@link TokenStacks} builds it. Two renewal threads renew at most 10 tokens a
 * second against a 200 ms endpoint, fewer than 100 subjects with 10-second tokens need.
 * <p>
 * Calls that waited for a token request ({@code waited}) are counted exactly, not by
 * time: for egain-auth from the manager's statistics (token requests sent by callers plus
 * callers that joined one in flight, renewals ahead excluded); for stock Spring Security
 * they are its token requests, since it has no single-flight and renews only in the
 * caller's thread, so each of its token requests is one caller waiting. The calls that
 * took at least 100 ms, half the endpoint's latency, are printed beside them
 * ({@code >=100 ms}); on a machine with fewer cores than caller threads that count also
 * holds calls that waited only for a core, or for the garbage collector.
 * <p>
 * Run with {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.egainauth.benchmarks.RenewalLoadRun [warm-up seconds] [measured seconds]}.
 *
 * @author egain-auth authors
 */
public final class RenewalLoadRun {

	private static final int THREADS = 64;

	private static final int SUBJECTS = 100;

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(10);

	private static final Duration TOKEN_LATENCY = Duration.ofMillis(200);

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(2);

	// The starter's renewal executor has eight threads.
	private static final int STARTER_RENEWAL_THREADS = 8;

	private static final long WAITED_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private RenewalLoadRun() {
	}

	/**
	 * Runs the three stacks and prints one line each.
	 * @param args the warm-up (default 15) and the measured time (default 60), in seconds
	 * @throws InterruptedException if the run is interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		Duration warmUp = Duration.ofSeconds((args.length > 0) ? Long.parseLong(args[0]) : 15);
		Duration measured = Duration.ofSeconds((args.length > 1) ? Long.parseLong(args[1]) : 60);
		System.out.printf(
				"Renewal load run: %d threads x %d subjects, %d s tokens, %d ms token endpoint, %d s clock skew, "
						+ "%d s warm-up, %d s measured; %d cores%n",
				THREADS, SUBJECTS, TOKEN_LIFETIME.toSeconds(), TOKEN_LATENCY.toMillis(), CLOCK_SKEW.toSeconds(),
				warmUp.toSeconds(), measured.toSeconds(), Runtime.getRuntime().availableProcessors());
		System.out.printf("%-20s %10s %7s %9s %9s %11s %11s %9s %10s %6s %s%n", "stack", "calls", "waited", ">=100 ms",
				"p50 us", "p99 us", "p99.9 us", "max ms", "token reqs", "errors",
				"manager statistics (measured window)");
		for (Stack stack : Stack.values()) {
			run(stack, warmUp, measured);
		}
	}

	private static void run(Stack stack, Duration warmUp, Duration measured) throws InterruptedException {
		ThreadPoolExecutor renewals = renewalExecutor(stack.renewalThreads);
		try (EgainStandIn standIn = EgainStandIn.builder()
			.tokenLifetime(TOKEN_LIFETIME)
			.tokenLatency(TOKEN_LATENCY)
			.start()) {
			EgainClientRegistrationRepository registrations = TokenStacks.registrations(TokenStacks.tokenUri(standIn));
			EgainAuthorizedClientManager egainManager = null;
			IntConsumer caller;
			if (stack == Stack.STOCK) {
				caller = stockCaller(registrations);
			}
			else {
				egainManager = egainManager(registrations, stack != Stack.EGAIN_WITHOUT, renewals);
				caller = egainCaller(egainManager);
			}
			Result result = load(caller, warmUp, measured, standIn, egainManager);
			// Stop renewing before the stand-in stops answering.
			renewals.shutdownNow();
			System.out.printf("%-20s %10d %7d %9d %9.1f %11.1f %11.1f %9.1f %10d %6d %s%n", stack.label, result.calls(),
					result.waited(), result.slow(), result.histogram().percentile(0.50) / 1e3,
					result.histogram().percentile(0.99) / 1e3, result.histogram().percentile(0.999) / 1e3,
					result.histogram().max() / 1e6, result.tokenRequests(), result.errors(),
					(result.statistics() != null) ? result.statistics() : "-");
		}
		finally {
			renewals.shutdownNow();
		}
	}

	// As the starter's own renewal executor (two daemon threads and a bounded queue),
	// or wider.
	private static ThreadPoolExecutor renewalExecutor(int size) {
		AtomicInteger threads = new AtomicInteger();
		return new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), (task) -> {
			Thread thread = new Thread(task, "renewal-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	private static EgainAuthorizedClientManager egainManager(EgainClientRegistrationRepository registrations,
			boolean refreshAhead, ThreadPoolExecutor renewals) {
		EgainTokenExpiry expiry = EgainTokenExpiry.defaults().withClockSkew(CLOCK_SKEW);
		OnBehalfOfOAuth2AuthorizedClientProvider provider = new OnBehalfOfOAuth2AuthorizedClientProvider();
		provider.setTokenExpiry(expiry);
		EgainAuthorizedClientManager manager = TokenStacks.egainManager(registrations,
				new CaffeineOAuth2AuthorizedClientService());
		manager.setAuthorizedClientProvider(provider);
		manager.setTokenExpiry(expiry);
		manager.setRefreshAhead(refreshAhead);
		manager.setRenewalExecutor(renewals);
		return manager;
	}

	private static IntConsumer egainCaller(EgainAuthorizedClientManager manager) {
		EgainAccessTokens accessTokens = new EgainAccessTokens(manager);
		EgainSubject[] subject = new EgainSubject[SUBJECTS];
		Arrays.setAll(subject, (i) -> EgainSubject.username("user-" + i));
		return (i) -> accessTokens.getToken(TokenStacks.ON_BEHALF_OF, subject[i]);
	}

	private static IntConsumer stockCaller(EgainClientRegistrationRepository registrations) {
		OnBehalfOfOAuth2AuthorizedClientProvider provider = new OnBehalfOfOAuth2AuthorizedClientProvider();
		provider.setClockSkew(CLOCK_SKEW);
		OAuth2AuthorizedClientManager manager = TokenStacks.stockOnBehalfOfManager(registrations,
				TokenStacks.stockStore(registrations), provider);
		Authentication[] principal = new Authentication[SUBJECTS];
		Arrays.setAll(principal, (i) -> TokenStacks.principal("user-" + i));
		return (i) -> manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(TokenStacks.ON_BEHALF_OF)
			.principal(principal[i])
			.build());
	}

	private static Result load(IntConsumer caller, Duration warmUp, Duration measured, EgainStandIn standIn,
			@Nullable EgainAuthorizedClientManager manager) throws InterruptedException {
		long start = System.nanoTime();
		long measureFrom = start + warmUp.toNanos();
		long measureUntil = measureFrom + measured.toNanos();
		AtomicLong sequence = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		List<Histogram> histograms = new ArrayList<>();
		long[] waited = new long[THREADS];
		CountDownLatch done = new CountDownLatch(THREADS);
		for (int t = 0; t < THREADS; t++) {
			Histogram histogram = new Histogram();
			histograms.add(histogram);
			int index = t;
			Thread thread = new Thread(() -> {
				try {
					long now = System.nanoTime();
					while (now < measureUntil) {
						int subject = (int) (sequence.getAndIncrement() % SUBJECTS);
						long before = now;
						try {
							caller.accept(subject);
						}
						catch (RuntimeException ex) {
							errors.incrementAndGet();
						}
						now = System.nanoTime();
						if (before >= measureFrom) {
							long took = now - before;
							histogram.record(took);
							if (took >= WAITED_NANOS) {
								waited[index]++;
							}
						}
					}
				}
				finally {
					done.countDown();
				}
			}, "caller-" + t);
			thread.setDaemon(true);
			thread.start();
		}
		sleepUntil(measureFrom);
		int tokenRequestsBefore = standIn.getTokenRequests().size() + standIn.getRejections().size();
		long errorsBefore = errors.get();
		EgainTokenStatistics statisticsBefore = (manager != null) ? manager.getStatistics() : null;
		sleepUntil(measureUntil);
		int tokenRequests = standIn.getTokenRequests().size() + standIn.getRejections().size() - tokenRequestsBefore;
		EgainTokenStatistics statisticsAfter = (manager != null) ? manager.getStatistics() : null;
		long measuredErrors = errors.get() - errorsBefore;
		if (!done.await(1, TimeUnit.MINUTES)) {
			System.out.println("callers did not finish within a minute of the end");
		}
		Histogram all = new Histogram();
		histograms.forEach(all::add);
		// Stock Spring Security has no single-flight and renews only in the caller's
		// thread: each of its token requests is one caller waiting.
		long waitedForRequest = tokenRequests;
		String statistics = null;
		if (statisticsBefore != null && statisticsAfter != null) {
			long callerRequests = statisticsAfter.tokenRequests() - statisticsBefore.tokenRequests();
			long joined = statisticsAfter.waits() - statisticsBefore.waits();
			waitedForRequest = callerRequests + joined;
			statistics = String.format(
					"token requests by callers %d + callers joining one in flight %d; " + "renewals ahead %d",
					callerRequests, joined, statisticsAfter.renewalsAhead() - statisticsBefore.renewalsAhead());
		}
		return new Result(all.count(), waitedForRequest, Arrays.stream(waited).sum(), all, tokenRequests,
				measuredErrors, statistics);
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	private enum Stack {

		EGAIN_REFRESH_AHEAD("egain refresh-ahead", STARTER_RENEWAL_THREADS),

		EGAIN_REFRESH_AHEAD_NARROW("egain ahead, 2 thr", 2),

		EGAIN_WITHOUT("egain without", STARTER_RENEWAL_THREADS),

		STOCK("stock Spring", STARTER_RENEWAL_THREADS);

		private final String label;

		private final int renewalThreads;

		Stack(String label, int renewalThreads) {
			this.label = label;
			this.renewalThreads = renewalThreads;
		}

	}

	private record Result(long calls, long waited, long slow, Histogram histogram, long tokenRequests, long errors,
			@Nullable String statistics) {

	}

	/**
	 * Call times in nanoseconds, in buckets 1/64 of a power of two wide (under 1.6 %
	 * error), each recorded by one thread; the maximum is exact.
	 */
	private static final class Histogram {

		private static final int SUB_BITS = 6;

		private final long[] counts = new long[64 << SUB_BITS];

		private long max;

		void record(long nanos) {
			long value = Math.max(nanos, 1);
			this.counts[index(value)]++;
			this.max = Math.max(this.max, value);
		}

		void add(Histogram other) {
			for (int i = 0; i < this.counts.length; i++) {
				this.counts[i] += other.counts[i];
			}
			this.max = Math.max(this.max, other.max);
		}

		long count() {
			return Arrays.stream(this.counts).sum();
		}

		long max() {
			return this.max;
		}

		// The upper bound of the bucket holding the given quantile, capped at the
		// maximum.
		double percentile(double quantile) {
			long total = count();
			long rank = (long) Math.ceil(quantile * total);
			long seen = 0;
			for (int i = 0; i < this.counts.length; i++) {
				seen += this.counts[i];
				if (seen >= rank && this.counts[i] > 0) {
					return Math.min(upperBound(i), this.max);
				}
			}
			return this.max;
		}

		private static int index(long value) {
			int exponent = 63 - Long.numberOfLeadingZeros(value);
			if (exponent < SUB_BITS) {
				return (int) value;
			}
			long mantissa = (value >>> (exponent - SUB_BITS)) & ((1 << SUB_BITS) - 1);
			return ((exponent - SUB_BITS + 1) << SUB_BITS) + (int) mantissa;
		}

		private static long upperBound(int index) {
			int block = index >>> SUB_BITS;
			long mantissa = index & ((1 << SUB_BITS) - 1);
			if (block == 0) {
				return mantissa;
			}
			int shift = block - 1;
			return (((1L << SUB_BITS) + mantissa + 1) << shift) - 1;
		}

	}

}
