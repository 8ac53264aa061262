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

import java.time.Duration;

import io.github.egainauth.client.TestEgainClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisOutages}.
 *
 * @author egain-auth authors
 */
class RedisOutagesTests {

	private final TestEgainClock clock = new TestEgainClock();

	private final RedisOutages outages = new RedisOutages();

	@Test
	void tryUseWhenNothingFailedThenEveryCallerUsesRedis() {
		assertThat(this.outages.tryUse()).isTrue();
		assertThat(this.outages.tryUse()).isTrue();
		assertThat(this.outages.isAvailable()).isTrue();
	}

	@Test
	void tryUseWhenRedisFailedThenOneCallerPerRetryIntervalTriesItAgain() {
		this.outages.setClock(this.clock);
		this.outages.setRetryInterval(Duration.ofSeconds(5));
		this.outages.failed(new IllegalStateException("down"));
		assertThat(this.outages.isAvailable()).isFalse();
		assertThat(this.outages.tryUse()).isFalse();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.outages.tryUse()).isTrue();
		assertThat(this.outages.tryUse()).isFalse();
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(this.outages.tryUse()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.outages.tryUse()).isTrue();
		this.outages.succeeded();
		assertThat(this.outages.isAvailable()).isTrue();
		assertThat(this.outages.tryUse()).isTrue();
		assertThat(this.outages.tryUse()).isTrue();
	}

}
