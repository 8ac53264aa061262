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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.EgainTokenStatistics;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.redis.RedisOAuth2AuthorizedClientService;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.test.EgainStandIn;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

/**
 * Part (g): outages. First eGain's token endpoint is down for a whole clock-skew window:
 * 64 caller threads get on-behalf-of tokens for 100 subjects in turn, without pause,
 * against an {@link EgainStandIn} whose tokens live 10 seconds and whose token endpoint
 * answers in 200 ms, with a clock skew of 2 seconds (usable for 8 s, renewal point at 6
 * s), as in part (e). All 100 tokens are first obtained at once; the token endpoint then
 * answers every token request {@code 503} from 5 seconds after the earliest of them was
 * issued (before any token's renewal point) until the earliest actually expires, so the
 * outage covers the clock-skew window of every token in use (all but the issue spread of
 * the latest ones, printed). The run goes on for a few seconds after the endpoint is
 * back. It counts the calls that failed, before, during and after the outage, for
 * egain-auth with refresh ahead as the starter sets it up (eight renewal threads, the
 * default renewal backoff), egain-auth without refresh ahead, and stock Spring Security's
 * manager as {@link TokenStacks} builds it, each against a fresh stand-in.
 * <p>
 * Then Redis is down: four instances share a {@link RedisOAuth2AuthorizedClientService}
 * on a {@code redis-server} started for the run, 16 caller threads each over the same 100
 * subjects with the same 10-second tokens (eGain up), and {@code redis-server} is killed
 * for 10 seconds mid-run, then started again empty on the same port. It counts the calls
 * that failed, the token requests, and the slowest calls, before, during and after the
 * Redis outage.
 * <p>
 * Run with {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.egainauth.benchmarks.OutageRun [caller threads of the eGain outage]} (default
 * 64); about a minute and a half.
 *
 * @author egain-auth authors
 */
public final class OutageRun {

	private static final int DEFAULT_THREADS = 64;

	private static final int SUBJECTS = 100;

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(10);

	private static final Duration TOKEN_LATENCY = Duration.ofMillis(200);

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(2);

	// The outage starts this long after the earliest token was issued: before the
	// renewal point of any (6 s after issue) ...
	private static final Duration OUTAGE_FROM = Duration.ofSeconds(5);

	// ... and the run goes on this long after the endpoint is back.
	private static final Duration AFTER = Duration.ofSeconds(6);

	private static final int STARTER_RENEWAL_THREADS = 8;

	private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final int REDIS_INSTANCES = 4;

	private static final int REDIS_THREADS = 16;

	private static final Duration REDIS_UP_FIRST = Duration.ofSeconds(8);

	private static final Duration REDIS_DOWN = Duration.ofSeconds(10);

	private static final Duration REDIS_UP_AFTER = Duration.ofSeconds(8);

	private OutageRun() {
	}

	/**
	 * Runs the eGain outage for each stack, then the Redis outage, and prints a table
	 * each.
	 * @param args the number of caller threads of the eGain outage (default 64)
	 * @throws InterruptedException if the run is interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		int threads = (args.length > 0) ? Integer.parseInt(args[0]) : DEFAULT_THREADS;
		System.out.printf(
				"eGain outage: %d threads x %d subjects, %d s tokens, %d ms token endpoint, %d s clock skew; "
						+ "token endpoint answers 503 from %d s after the first token was issued until it expires; "
						+ "%d cores%n",
				threads, SUBJECTS, TOKEN_LIFETIME.toSeconds(), TOKEN_LATENCY.toMillis(), CLOCK_SKEW.toSeconds(),
				OUTAGE_FROM.toSeconds(), Runtime.getRuntime().availableProcessors());
		System.out.printf("%-20s %8s %-20s %10s %8s %9s %9s %s%n", "stack", "spread", "phase", "calls", "failed",
				">=100 ms", "max ms", "token requests (503)");
		for (Stack stack : Stack.values()) {
			egainOutage(stack, threads);
		}
		System.out.println();
		redisOutage();
	}

	private static void egainOutage(Stack stack, int threads) throws InterruptedException {
		ThreadPoolExecutor renewals = renewalExecutor();
		try (EgainStandIn standIn = EgainStandIn.builder()
			.tokenLifetime(TOKEN_LIFETIME)
			.tokenLatency(TOKEN_LATENCY)
			.start()) {
			EgainClientRegistrationRepository registrations = TokenStacks.registrations(TokenStacks.tokenUri(standIn));
			EgainAuthorizedClientManager egainManager = null;
			IntFunction<@Nullable OAuth2AuthorizedClient> caller;
			if (stack == Stack.STOCK) {
				caller = stockCaller(registrations);
			}
			else {
				egainManager = egainManager(registrations, new CaffeineOAuth2AuthorizedClientService(),
						stack == Stack.EGAIN_REFRESH_AHEAD, renewals);
				caller = egainCaller(egainManager);
			}
			OAuth2AuthorizedClient[] first = fill(caller);
			Instant firstIssued = Arrays.stream(first)
				.map((client) -> client.getAccessToken().getIssuedAt())
				.min(Instant::compareTo)
				.orElseThrow();
			Instant lastIssued = Arrays.stream(first)
				.map((client) -> client.getAccessToken().getIssuedAt())
				.max(Instant::compareTo)
				.orElseThrow();
			Instant firstExpiry = Arrays.stream(first)
				.map((client) -> client.getAccessToken().getExpiresAt())
				.min(Instant::compareTo)
				.orElseThrow();
			long now = System.nanoTime();
			long outageFrom = now + Duration.between(Instant.now(), firstIssued.plus(OUTAGE_FROM)).toNanos();
			long outageUntil = now + Duration.between(Instant.now(), firstExpiry).toNanos();
			long until = outageUntil + AFTER.toNanos();
			Phases phases = new Phases(outageFrom, outageUntil);
			EgainTokenStatistics before = (egainManager != null) ? egainManager.getStatistics() : null;
			CountDownLatch done = load(threads, (t) -> caller, phases, until);
			TokenRequests tokenRequests = new TokenRequests(standIn);
			sleepUntil(outageFrom);
			tokenRequests.phaseEnded();
			for (int i = 0; i < SUBJECTS; i++) {
				standIn.refuseTokens(EgainSubject.username(subjectName(i)), 503, "temporarily_unavailable",
						"eGain is down (outage run)");
			}
			long refusing = System.nanoTime();
			sleepUntil(outageUntil);
			// Refusals end; what the stand-in recorded is added up first.
			tokenRequests.phaseEnded();
			standIn.reset();
			long lifted = System.nanoTime();
			tokenRequests.standInReset();
			sleepUntil(until);
			tokenRequests.phaseEnded();
			if (!done.await(1, TimeUnit.MINUTES)) {
				System.out.println("callers did not finish within a minute of the end");
			}
			renewals.shutdownNow();
			String spread = Duration.between(firstIssued, lastIssued).toMillis() + " ms";
			for (int phase = 0; phase < Phases.NAMES.length; phase++) {
				System.out.printf("%-20s %8s %-20s %10d %8d %9d %9.1f %s%n", (phase == 0) ? stack.label : "",
						(phase == 0) ? spread : "", Phases.NAMES[phase], phases.calls[phase].get(),
						phases.failed[phase].get(), phases.slow[phase].get(), phases.maxNanos[phase].get() / 1e6,
						tokenRequests.describe(phase));
			}
			System.out.printf(
					"%-20s the run's own lateness: every subject refused %d ms after the outage's start, "
							+ "refusals lifted %d ms after its end%n",
					"", TimeUnit.NANOSECONDS.toMillis(refusing - outageFrom),
					TimeUnit.NANOSECONDS.toMillis(lifted - outageUntil));
			phases.failures.forEach((failure) -> System.out.printf("%-20s %s%n", "", failure));
			if (egainManager != null && before != null) {
				EgainTokenStatistics after = egainManager.getStatistics();
				System.out.printf("%-20s manager statistics (whole run after the fill): token requests by callers "
						+ "%d, callers joining one in flight %d, renewals ahead %d, stale serves %d, failures %s%n", "",
						after.tokenRequests() - before.tokenRequests(), after.waits() - before.waits(),
						after.renewalsAhead() - before.renewalsAhead(), after.staleServes() - before.staleServes(),
						after.clientFailures());
			}
		}
		finally {
			renewals.shutdownNow();
		}
	}

	private static void redisOutage() throws InterruptedException {
		System.out.printf(
				"Redis outage: %d instances x %d threads x %d subjects sharing the Redis store, %d s tokens, %d ms "
						+ "token endpoint, %d s clock skew, refresh ahead; redis-server killed after %d s, "
						+ "started again (empty) %d s later%n",
				REDIS_INSTANCES, REDIS_THREADS, SUBJECTS, TOKEN_LIFETIME.toSeconds(), TOKEN_LATENCY.toMillis(),
				CLOCK_SKEW.toSeconds(), REDIS_UP_FIRST.toSeconds(), REDIS_DOWN.toSeconds());
		System.out.printf("%-20s %-20s %10s %8s %9s %9s %14s %s%n", "stack", "phase", "calls", "failed", ">=100 ms",
				"max ms", "token requests", "instances with Redis available at the phase's end");
		List<byte[]> keys = List.of(randomKey());
		List<ThreadPoolExecutor> renewals = new ArrayList<>();
		List<LettuceConnectionFactory> connections = new ArrayList<>();
		try (RedisServerProcess redis = RedisServerProcess.start();
				EgainStandIn standIn = EgainStandIn.builder()
					.tokenLifetime(TOKEN_LIFETIME)
					.tokenLatency(TOKEN_LATENCY)
					.start()) {
			EgainClientRegistrationRepository registrations = TokenStacks.registrations(TokenStacks.tokenUri(standIn));
			List<RedisOAuth2AuthorizedClientService> stores = new ArrayList<>();
			List<IntFunction<@Nullable OAuth2AuthorizedClient>> callers = new ArrayList<>();
			for (int i = 0; i < REDIS_INSTANCES; i++) {
				LettuceConnectionFactory connection = redis.connectionFactory();
				connections.add(connection);
				RedisOAuth2AuthorizedClientService store = new RedisOAuth2AuthorizedClientService(connection,
						registrations::findByRegistrationId, keys);
				stores.add(store);
				ThreadPoolExecutor executor = renewalExecutor();
				renewals.add(executor);
				callers.add(egainCaller(egainManager(registrations, store, true, executor)));
			}
			long start = System.nanoTime();
			long outageFrom = start + REDIS_UP_FIRST.toNanos();
			long outageUntil = outageFrom + REDIS_DOWN.toNanos();
			long until = outageUntil + REDIS_UP_AFTER.toNanos();
			Phases phases = new Phases(outageFrom, outageUntil);
			CountDownLatch done = load(REDIS_INSTANCES * REDIS_THREADS, (t) -> callers.get(t / REDIS_THREADS), phases,
					until);
			TokenRequests tokenRequests = new TokenRequests(standIn);
			String[] available = new String[Phases.NAMES.length];
			sleepUntil(outageFrom);
			tokenRequests.phaseEnded();
			available[0] = available(stores);
			redis.stop();
			sleepUntil(outageUntil);
			tokenRequests.phaseEnded();
			available[1] = available(stores);
			redis.restart();
			sleepUntil(until);
			tokenRequests.phaseEnded();
			available[2] = available(stores);
			if (!done.await(1, TimeUnit.MINUTES)) {
				System.out.println("callers did not finish within a minute of the end");
			}
			renewals.forEach(ThreadPoolExecutor::shutdownNow);
			for (int phase = 0; phase < Phases.NAMES.length; phase++) {
				System.out.printf("%-20s %-20s %10d %8d %9d %9.1f %14d %s%n", (phase == 0) ? "egain + Redis" : "",
						Phases.NAMES[phase].replace("eGain", "Redis"), phases.calls[phase].get(),
						phases.failed[phase].get(), phases.slow[phase].get(), phases.maxNanos[phase].get() / 1e6,
						tokenRequests.total(phase), available[phase]);
			}
			phases.failures.forEach((failure) -> System.out.printf("%-20s %s%n", "", failure));
		}
		finally {
			renewals.forEach(ThreadPoolExecutor::shutdownNow);
			connections.forEach(LettuceConnectionFactory::destroy);
		}
	}

	private static String available(List<RedisOAuth2AuthorizedClientService> stores) {
		return stores.stream().filter(RedisOAuth2AuthorizedClientService::isAvailable).count() + " of " + stores.size();
	}

	// Every subject's first token, all requested at the same moment, so that they are
	// issued as close together as the machine allows.
	private static OAuth2AuthorizedClient[] fill(IntFunction<@Nullable OAuth2AuthorizedClient> caller)
			throws InterruptedException {
		AtomicReferenceArray<@Nullable OAuth2AuthorizedClient> clients = new AtomicReferenceArray<>(SUBJECTS);
		CountDownLatch ready = new CountDownLatch(SUBJECTS);
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(SUBJECTS);
		for (int i = 0; i < SUBJECTS; i++) {
			int subject = i;
			Thread thread = new Thread(() -> {
				ready.countDown();
				try {
					start.await();
					clients.set(subject, caller.apply(subject));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					done.countDown();
				}
			}, "fill-" + i);
			thread.setDaemon(true);
			thread.start();
		}
		ready.await();
		start.countDown();
		if (!done.await(1, TimeUnit.MINUTES)) {
			throw new IllegalStateException("The first tokens did not come within a minute");
		}
		OAuth2AuthorizedClient[] first = new OAuth2AuthorizedClient[SUBJECTS];
		for (int i = 0; i < SUBJECTS; i++) {
			OAuth2AuthorizedClient client = clients.get(i);
			if (client == null) {
				throw new IllegalStateException("No first token for " + subjectName(i));
			}
			first[i] = client;
		}
		return first;
	}

	// Caller threads that get tokens for the subjects in turn, without pause, until the
	// end; a call that throws or returns no token has failed.
	private static CountDownLatch load(int threads,
			IntFunction<IntFunction<@Nullable OAuth2AuthorizedClient>> callerOfThread, Phases phases, long until) {
		AtomicLong sequence = new AtomicLong();
		CountDownLatch done = new CountDownLatch(threads);
		for (int t = 0; t < threads; t++) {
			IntFunction<@Nullable OAuth2AuthorizedClient> caller = callerOfThread.apply(t);
			Thread thread = new Thread(() -> {
				try {
					long now = System.nanoTime();
					while (now < until) {
						int subject = (int) (sequence.getAndIncrement() % SUBJECTS);
						long before = now;
						RuntimeException failure;
						try {
							failure = (caller.apply(subject) != null) ? null
									: new IllegalStateException("no token for " + subjectName(subject));
						}
						catch (RuntimeException ex) {
							failure = ex;
						}
						now = System.nanoTime();
						phases.record(before, now - before, failure);
					}
				}
				finally {
					done.countDown();
				}
			}, "caller-" + t);
			thread.setDaemon(true);
			thread.start();
		}
		return done;
	}

	// As the starter's own renewal executor: eight daemon threads and a bounded queue.
	private static ThreadPoolExecutor renewalExecutor() {
		AtomicInteger threads = new AtomicInteger();
		return new ThreadPoolExecutor(STARTER_RENEWAL_THREADS, STARTER_RENEWAL_THREADS, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(1000), (task) -> {
					Thread thread = new Thread(task, "renewal-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	private static EgainAuthorizedClientManager egainManager(EgainClientRegistrationRepository registrations,
			OAuth2AuthorizedClientService store, boolean refreshAhead, ThreadPoolExecutor renewals) {
		EgainTokenExpiry expiry = EgainTokenExpiry.defaults().withClockSkew(CLOCK_SKEW);
		OnBehalfOfOAuth2AuthorizedClientProvider provider = new OnBehalfOfOAuth2AuthorizedClientProvider();
		provider.setTokenExpiry(expiry);
		EgainAuthorizedClientManager manager = TokenStacks.egainManager(registrations, store);
		manager.setAuthorizedClientProvider(provider);
		manager.setTokenExpiry(expiry);
		manager.setRefreshAhead(refreshAhead);
		manager.setRenewalExecutor(renewals);
		return manager;
	}

	private static IntFunction<@Nullable OAuth2AuthorizedClient> egainCaller(EgainAuthorizedClientManager manager) {
		EgainSubject[] subject = new EgainSubject[SUBJECTS];
		Arrays.setAll(subject, (i) -> EgainSubject.username(subjectName(i)));
		return (i) -> manager.authorize(TokenStacks.ON_BEHALF_OF, subject[i], null);
	}

	private static IntFunction<@Nullable OAuth2AuthorizedClient> stockCaller(
			EgainClientRegistrationRepository registrations) {
		OnBehalfOfOAuth2AuthorizedClientProvider provider = new OnBehalfOfOAuth2AuthorizedClientProvider();
		provider.setClockSkew(CLOCK_SKEW);
		OAuth2AuthorizedClientManager manager = TokenStacks.stockOnBehalfOfManager(registrations,
				TokenStacks.stockStore(registrations), provider);
		Authentication[] principal = new Authentication[SUBJECTS];
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

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	private enum Stack {

		EGAIN_REFRESH_AHEAD("egain refresh-ahead"),

		EGAIN_WITHOUT("egain without"),

		STOCK("stock Spring");

		private final String label;

		Stack(String label) {
			this.label = label;
		}

	}

	/**
	 * Calls by the phase they started in: before, during and after the outage.
	 */
	private static final class Phases {

		static final String[] NAMES = { "before (eGain up)", "eGain down", "after (eGain up)" };

		static final int FAILURES_SHOWN = 5;

		final AtomicLong[] calls = counters();

		final AtomicLong[] failed = counters();

		final AtomicLong[] slow = counters();

		final AtomicLong[] maxNanos = counters();

		// The first few failed calls of each phase, for the reading.
		final Queue<String> failures = new ConcurrentLinkedQueue<>();

		private final long outageFrom;

		private final long outageUntil;

		Phases(long outageFrom, long outageUntil) {
			this.outageFrom = outageFrom;
			this.outageUntil = outageUntil;
		}

		void record(long startedAt, long tookNanos, @Nullable RuntimeException failure) {
			int phase = (startedAt - this.outageFrom < 0) ? 0 : (startedAt - this.outageUntil < 0) ? 1 : 2;
			this.calls[phase].incrementAndGet();
			if (failure != null && this.failed[phase].incrementAndGet() <= FAILURES_SHOWN) {
				this.failures
					.add(String.format("failed call (%s): started %+d ms from the outage's end, took %d ms: %s",
							NAMES[phase], TimeUnit.NANOSECONDS.toMillis(startedAt - this.outageUntil),
							TimeUnit.NANOSECONDS.toMillis(tookNanos),
							failure.getClass().getSimpleName() + ": " + abbreviate(failure.getMessage())));
			}
			if (tookNanos >= SLOW_NANOS) {
				this.slow[phase].incrementAndGet();
			}
			this.maxNanos[phase].accumulateAndGet(tookNanos, Math::max);
		}

		private static String abbreviate(@Nullable String message) {
			return (message == null || message.length() <= 120) ? String.valueOf(message)
					: message.substring(0, 120) + "...";
		}

		private static AtomicLong[] counters() {
			AtomicLong[] counters = new AtomicLong[NAMES.length];
			Arrays.setAll(counters, (i) -> new AtomicLong());
			return counters;
		}

	}

	/**
	 * The token requests the stand-in received in each phase, issued and refused.
	 */
	private static final class TokenRequests {

		private final EgainStandIn standIn;

		private final List<int[]> phases = new ArrayList<>();

		private int issued;

		private int refused;

		TokenRequests(EgainStandIn standIn) {
			this.standIn = standIn;
			// Before the load: the fill.
			this.issued = standIn.getTokenRequests().size();
			this.refused = standIn.getRejections().size();
		}

		// Called at the end of each phase, and before the stand-in is reset.
		void phaseEnded() {
			int issuedNow = this.standIn.getTokenRequests().size();
			int refusedNow = this.standIn.getRejections().size();
			this.phases.add(new int[] { issuedNow - this.issued, refusedNow - this.refused });
			this.issued = issuedNow;
			this.refused = refusedNow;
		}

		// Called right after the stand-in is reset: it counts from zero.
		void standInReset() {
			this.issued = 0;
			this.refused = 0;
		}

		int total(int phase) {
			int[] counts = this.phases.get(phase);
			return counts[0] + counts[1];
		}

		String describe(int phase) {
			int[] counts = this.phases.get(phase);
			return (counts[0] + counts[1]) + " (" + counts[1] + ")";
		}

	}

}
