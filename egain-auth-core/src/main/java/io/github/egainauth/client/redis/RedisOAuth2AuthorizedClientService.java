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
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.egainauth.client.SharedOAuth2AuthorizedClientService;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.util.Assert;

/**
 * A token store that all instances of an application share through Redis, with a bounded
 * in-memory cache of each instance in front of it. Tokens are encrypted at rest with
 * AES-256-GCM and expire in Redis when they expire; keys carry digests, never a raw
 * username or email (see the README's "Shared token store" for the layout). With the
 * {@link io.github.egainauth.client.EgainAuthorizedClientManager}, the instances request
 * each token once between them: the one that takes a short Redis lock requests it, the
 * others wait for what it stores.
 * <p>
 * Redis failures never fail a call: the instance goes on with its local cache and its own
 * token requests, logs the outage once, and tries Redis again every
 * {@linkplain #setRetryInterval retry interval}. Set a short
 * {@code spring.data.redis.timeout}: a call that tries Redis while it hangs waits that
 * long.
 *
 * @author egain-auth authors
 * @see RedisReactiveOAuth2AuthorizedClientService
 */
public final class RedisOAuth2AuthorizedClientService extends AbstractRedisTokenStore
		implements SharedOAuth2AuthorizedClientService {

	static final RedisScript<Long> DELETE_IF_EQUAL = new DefaultRedisScript<>(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	private static final Duration LONGEST_PAUSE = Duration.ofMillis(100);

	private final StringRedisTemplate redis;

	private final ClientRegistrationRepository clientRegistrationRepository;

	/**
	 * Constructs a store on the given Redis connection.
	 * @param connectionFactory the application's Redis connection factory
	 * @param clientRegistrationRepository the eGain client registrations
	 * @param encryptionKeys the AES-256 keys, 32 bytes each: the first encrypts what is
	 * written, every one is tried on what is read
	 */
	public RedisOAuth2AuthorizedClientService(RedisConnectionFactory connectionFactory,
			ClientRegistrationRepository clientRegistrationRepository, List<byte[]> encryptionKeys) {
		super(encryptionKeys);
		Assert.notNull(connectionFactory, "connectionFactory cannot be null");
		Assert.notNull(clientRegistrationRepository, "clientRegistrationRepository cannot be null");
		this.redis = new StringRedisTemplate(connectionFactory);
		this.clientRegistrationRepository = clientRegistrationRepository;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
			String principalName) {
		T local = this.localCache.loadAuthorizedClient(clientRegistrationId, principalName);
		if (local != null) {
			return local;
		}
		ClientRegistration clientRegistration = this.clientRegistrationRepository
			.findByRegistrationId(clientRegistrationId);
		if (clientRegistration == null || !this.outages.tryUse()) {
			return null;
		}
		try {
			OAuth2AuthorizedClient shared = read(clientRegistration, principalName);
			this.outages.succeeded();
			if (shared != null) {
				this.localCache.saveAuthorizedClient(shared, principal(principalName));
			}
			return (T) shared;
		}
		catch (RuntimeException ex) {
			this.outages.failed(ex);
			return null;
		}
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
		this.localCache.saveAuthorizedClient(authorizedClient, principal);
		if (!this.outages.tryUse()) {
			return;
		}
		try {
			write(authorizedClient, principal.getName());
			this.outages.succeeded();
		}
		catch (RuntimeException ex) {
			this.outages.failed(ex);
		}
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, String principalName) {
		this.localCache.removeAuthorizedClient(clientRegistrationId, principalName);
		ClientRegistration clientRegistration = this.clientRegistrationRepository
			.findByRegistrationId(clientRegistrationId);
		if (clientRegistration == null || !this.outages.tryUse()) {
			return;
		}
		try {
			this.redis.delete(this.codec.tokenKey(clientRegistration, principalName));
			this.outages.succeeded();
		}
		catch (RuntimeException ex) {
			this.outages.failed(ex);
		}
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, String principalName,
			OAuth2AuthorizedClient rejected) {
		this.localCache.removeAuthorizedClient(clientRegistrationId, principalName, rejected);
		ClientRegistration clientRegistration = this.clientRegistrationRepository
			.findByRegistrationId(clientRegistrationId);
		if (clientRegistration == null || !this.outages.tryUse()) {
			return;
		}
		try {
			String key = this.codec.tokenKey(clientRegistration, principalName);
			String value = this.redis.opsForValue().get(key);
			OAuth2AuthorizedClient stored = (value != null)
					? this.codec.decode(key, value, clientRegistration, principalName) : null;
			if (value != null && (stored == null || sameToken(stored, rejected))) {
				// Unreadable or the rejected token: removed unless replaced meanwhile.
				this.redis.execute(DELETE_IF_EQUAL, List.of(key), value);
			}
			this.outages.succeeded();
		}
		catch (RuntimeException ex) {
			this.outages.failed(ex);
		}
	}

	@Override
	public @Nullable OAuth2AuthorizedClient obtain(ClientRegistration clientRegistration, String principalName,
			Predicate<OAuth2AuthorizedClient> acceptable, Supplier<@Nullable OAuth2AuthorizedClient> tokenRequest) {
		if (!this.outages.tryUse()) {
			return tokenRequest.get();
		}
		String lockKey = this.codec.lockKey(clientRegistration, principalName);
		String owner = UUID.randomUUID().toString();
		long deadline = System.nanoTime() + this.lockTimeout.toNanos();
		long pause = 5;
		while (true) {
			boolean locked;
			try {
				OAuth2AuthorizedClient shared = read(clientRegistration, principalName);
				if (shared == null || !acceptable.test(shared)) {
					locked = Boolean.TRUE
						.equals(this.redis.opsForValue().setIfAbsent(lockKey, owner, this.lockTimeout));
					// Stored by the lock's previous holder just before it let go?
					shared = locked ? read(clientRegistration, principalName) : null;
				}
				else {
					locked = false;
				}
				this.outages.succeeded();
				if (shared != null && acceptable.test(shared)) {
					if (locked) {
						unlock(lockKey, owner);
					}
					this.localCache.saveAuthorizedClient(shared, principal(principalName));
					return shared;
				}
			}
			catch (RuntimeException ex) {
				this.outages.failed(ex);
				return tokenRequest.get();
			}
			if (locked) {
				try {
					return tokenRequest.get();
				}
				finally {
					unlock(lockKey, owner);
				}
			}
			if (System.nanoTime() - deadline >= 0 || !pause(pause)) {
				// The lock's holder is taking too long, or this thread is to stop
				// waiting.
				return tokenRequest.get();
			}
			pause = Math.min(pause * 2, LONGEST_PAUSE.toMillis());
		}
	}

	private @Nullable OAuth2AuthorizedClient read(ClientRegistration clientRegistration, String principalName) {
		String key = this.codec.tokenKey(clientRegistration, principalName);
		String value = this.redis.opsForValue().get(key);
		return (value != null) ? this.codec.decode(key, value, clientRegistration, principalName) : null;
	}

	private void write(OAuth2AuthorizedClient authorizedClient, String principalName) {
		long timeToLive = timeToLive(authorizedClient);
		if (timeToLive <= 0) {
			// Never shared: no expiry to give it in Redis, or already expired.
			return;
		}
		String key = this.codec.tokenKey(authorizedClient.getClientRegistration(), principalName);
		this.redis.opsForValue()
			.set(key, this.codec.encode(key, authorizedClient, principalName), Duration.ofMillis(timeToLive));
	}

	private void unlock(String lockKey, String owner) {
		try {
			this.redis.execute(DELETE_IF_EQUAL, List.of(lockKey), owner);
		}
		catch (RuntimeException ex) {
			// The lock expires by itself.
			this.outages.failed(ex);
		}
	}

	private static boolean pause(long millis) {
		try {
			Thread.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static boolean sameToken(OAuth2AuthorizedClient first, OAuth2AuthorizedClient second) {
		return first.getAccessToken().getTokenValue().equals(second.getAccessToken().getTokenValue());
	}

	static Authentication principal(String principalName) {
		return UsernamePasswordAuthenticationToken.authenticated(principalName, null, AuthorityUtils.NO_AUTHORITIES);
	}

}
