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

package io.github.egainauth.client.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Whether Redis is to be used now. After a failure, Redis is left alone for the retry
 * interval, then one caller tries it again while the others keep going without it, so
 * that an outage costs at most one Redis timeout per interval. The outage and the
 * recovery are each logged once.
 *
 * @author egain-auth authors
 */
final class RedisOutages {

	private static final Log logger = LogFactory.getLog(RedisOAuth2AuthorizedClientService.class);

	private static final long AVAILABLE = Long.MIN_VALUE;

	private final AtomicLong unavailableUntil = new AtomicLong(AVAILABLE);

	private volatile Duration retryInterval = Duration.ofSeconds(5);

	private volatile Clock clock = Clock.systemUTC();

	/**
	 * Returns whether the caller is to use Redis: always while it is available; during an
	 * outage, once per retry interval.
	 * @return whether to use Redis
	 */
	boolean tryUse() {
		long until = this.unavailableUntil.get();
		if (until == AVAILABLE) {
			return true;
		}
		long now = this.clock.millis();
		return now >= until && this.unavailableUntil.compareAndSet(until, now + this.retryInterval.toMillis());
	}

	void failed(RuntimeException ex) {
		long previous = this.unavailableUntil.getAndSet(this.clock.millis() + this.retryInterval.toMillis());
		if (previous == AVAILABLE) {
			logger.warn("The Redis token store is unavailable (" + ex.getClass().getSimpleName()
					+ "); each instance serves tokens from its own cache and requests its own until Redis is back. "
					+ "Trying again every " + this.retryInterval.toMillis() + " ms");
			logger.debug("Redis token store failure", ex);
		}
	}

	void succeeded() {
		if (this.unavailableUntil.get() != AVAILABLE && this.unavailableUntil.getAndSet(AVAILABLE) != AVAILABLE) {
			logger.info("The Redis token store is available again; instances share tokens again");
		}
	}

	boolean isAvailable() {
		return this.unavailableUntil.get() == AVAILABLE;
	}

	void setRetryInterval(Duration retryInterval) {
		this.retryInterval = retryInterval;
	}

	void setClock(Clock clock) {
		this.clock = clock;
	}

}
