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

package io.github.egainauth.autoconfigure;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;

/**
 * The bounded executor on which the eGain managers renew tokens ahead of their expiry:
 * eight daemon threads (idle ones end after a minute) and a queue of
 * {@value #QUEUE_CAPACITY} renewals, past which a renewal is rejected and left to a later
 * call. It stops with the application context. Deliberately not an {@link Executor} bean,
 * so that it never displaces the application's own task executor.
 *
 * @author egain-auth authors
 */
final class EgainTokenRenewalExecutor implements DisposableBean {

	static final int QUEUE_CAPACITY = 1000;

	private static final int THREADS = 8;

	private final ThreadPoolExecutor executor;

	EgainTokenRenewalExecutor() {
		AtomicInteger threads = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(QUEUE_CAPACITY), (task) -> {
					Thread thread = new Thread(task, "egain-token-renewal-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
	}

	/**
	 * Returns the executor to hand to the managers.
	 * @return the executor
	 */
	Executor executor() {
		return this.executor;
	}

	boolean isShutdown() {
		return this.executor.isShutdown();
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
