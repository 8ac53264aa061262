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
import java.time.Instant;
import java.util.List;

import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.util.Assert;

/**
 * What the blocking and the reactive Redis token stores share: the key layout and
 * encryption, the local cache in front of Redis, the outage gate, the lock's timeout and
 * the clock. Not meant to be extended outside this package.
 *
 * @author egain-auth authors
 * @see RedisOAuth2AuthorizedClientService
 * @see RedisReactiveOAuth2AuthorizedClientService
 */
public abstract class AbstractRedisTokenStore {

	/**
	 * The default prefix of the store's Redis keys.
	 */
	static final String DEFAULT_KEY_PREFIX = "egain-auth:";

	final List<byte[]> encryptionKeys;

	volatile RedisTokenCodec codec;

	volatile CaffeineOAuth2AuthorizedClientService localCache = new CaffeineOAuth2AuthorizedClientService();

	final RedisOutages outages = new RedisOutages();

	volatile Duration lockTimeout = EgainRetryPolicy.DEFAULT.deadline();

	volatile Clock clock = Clock.systemUTC();

	AbstractRedisTokenStore(List<byte[]> encryptionKeys) {
		Assert.notNull(encryptionKeys, "encryptionKeys cannot be null");
		this.encryptionKeys = List.copyOf(encryptionKeys);
		this.codec = new RedisTokenCodec(DEFAULT_KEY_PREFIX, this.encryptionKeys);
	}

	/**
	 * Returns how long a token is to live in Redis: until it expires.
	 * @param authorizedClient the authorized client
	 * @return the time to live in milliseconds; zero or less if it is not to be shared
	 * (no expiry, or already expired)
	 */
	long timeToLive(OAuth2AuthorizedClient authorizedClient) {
		Instant expiresAt = authorizedClient.getAccessToken().getExpiresAt();
		return (expiresAt != null) ? expiresAt.toEpochMilli() - this.clock.millis() : 0;
	}

	/**
	 * Returns this instance's cache in front of Redis.
	 * @return the local cache
	 */
	public CaffeineOAuth2AuthorizedClientService getLocalCache() {
		return this.localCache;
	}

	/**
	 * Sets this instance's cache in front of Redis, e.g. to bound it to another number of
	 * subjects. The default holds up to
	 * {@value CaffeineOAuth2AuthorizedClientService#DEFAULT_MAX_SUBJECTS}.
	 * @param localCache the local cache
	 */
	public void setLocalCache(CaffeineOAuth2AuthorizedClientService localCache) {
		Assert.notNull(localCache, "localCache cannot be null");
		this.localCache = localCache;
	}

	/**
	 * Sets the prefix of the store's Redis keys. The default is {@code egain-auth:}.
	 * @param keyPrefix the key prefix
	 */
	public void setKeyPrefix(String keyPrefix) {
		Assert.notNull(keyPrefix, "keyPrefix cannot be null");
		this.codec = new RedisTokenCodec(keyPrefix, this.encryptionKeys);
	}

	/**
	 * Sets how long the lock of a token request lasts, and so how long another instance
	 * waits for its holder's token before requesting one itself: use the longest a token
	 * request may take. The default is the token endpoint's default deadline.
	 * @param lockTimeout the lock timeout
	 */
	public void setLockTimeout(Duration lockTimeout) {
		Assert.isTrue(lockTimeout != null && lockTimeout.toMillis() > 0, "lockTimeout must be positive");
		this.lockTimeout = lockTimeout;
	}

	/**
	 * Sets how long Redis is left alone after it failed, before one call tries it again.
	 * The default is 5 seconds.
	 * @param retryInterval the retry interval
	 */
	public void setRetryInterval(Duration retryInterval) {
		Assert.isTrue(retryInterval != null && !retryInterval.isNegative(), "retryInterval must be >= 0");
		this.outages.setRetryInterval(retryInterval);
	}

	/**
	 * Sets the clock that gives stored tokens their time to live in Redis and times the
	 * retry interval. The default is the system clock.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
		this.outages.setClock(clock);
	}

	/**
	 * Returns whether Redis answered the latest call that tried it.
	 * @return {@code false} during a Redis outage
	 */
	public boolean isAvailable() {
		return this.outages.isAvailable();
	}

}
