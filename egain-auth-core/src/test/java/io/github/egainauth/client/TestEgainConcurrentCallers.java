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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

/**
 * Makes calls on many threads at once: every caller waits at a start gate, counts itself
 * in on an "arrived" latch as it calls (see
 * {@link TestEgainTokenEndpoint#holdAnswersUntilArrived(int)}), and every wait is bounded
 * so that a bug fails a test rather than hanging it.
 *
 * @author egain-auth authors
 */
public final class TestEgainConcurrentCallers {

	private static final long TIMEOUT_SECONDS = 60;

	private TestEgainConcurrentCallers() {
	}

	/**
	 * Makes {@code callers} calls, each on its own thread, released together.
	 * @param <T> the result type
	 * @param callers the number of callers
	 * @param arrived the latch each caller counts down just before it calls
	 * @param call the call, given the caller's index
	 * @return the results, in caller order
	 * @throws Exception if a call fails or does not finish in time
	 */
	public static <T> List<T> call(int callers, CountDownLatch arrived, IntFunction<T> call) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				int caller = i;
				futures.add(executor.submit(() -> {
					Assert.state(start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "Callers were not started");
					arrived.countDown();
					return call.apply(caller);
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Subscribes to {@code callers} calls at once, each on a bounded-elastic worker so
	 * that they really run concurrently, and waits for all their outcomes.
	 * @param <T> the result type
	 * @param callers the number of callers
	 * @param arrived the latch each caller counts down just before it calls
	 * @param call the call, given the caller's index
	 * @return the outcomes (value or error), in caller order
	 */
	public static <T> List<Signal<T>> subscribe(int callers, CountDownLatch arrived, IntFunction<Mono<T>> call) {
		// @formatter:off
		List<Signal<T>> outcomes = Flux.range(0, callers)
			.flatMapSequential((caller) -> Mono.defer(() -> {
					arrived.countDown();
					return call.apply(caller);
				})
				.materialize()
				.subscribeOn(Schedulers.boundedElastic()), callers)
			.collectList()
			.block(Duration.ofSeconds(TIMEOUT_SECONDS));
		// @formatter:on
		Assert.state(outcomes != null && outcomes.size() == callers, "Callers did not finish");
		return outcomes;
	}

}
