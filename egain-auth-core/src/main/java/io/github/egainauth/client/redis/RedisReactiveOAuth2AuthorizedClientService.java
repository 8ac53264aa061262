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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import io.github.egainauth.client.SharedReactiveOAuth2AuthorizedClientService;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.util.Assert;

/**
 * The reactive counterpart of {@link RedisOAuth2AuthorizedClientService}: a token store
 * that all instances of an application share through Redis, with a bounded in-memory
 * cache of each instance in front of it, on Spring Data Redis's reactive API. It never
 * blocks; an instance waiting for another's token request polls Redis on a timer.
 *
 * @author egain-auth authors
 */
public final class RedisReactiveOAuth2AuthorizedClientService extends AbstractRedisTokenStore
		implements SharedReactiveOAuth2AuthorizedClientService {

	private static final long LONGEST_PAUSE_MILLIS = 100;

	private final ReactiveStringRedisTemplate redis;

	private final ReactiveClientRegistrationRepository clientRegistrationRepository;

	/**
	 * Constructs a store on the given Redis connection.
	 * @param connectionFactory the application's reactive Redis connection factory
	 * @param clientRegistrationRepository the eGain client registrations
	 * @param encryptionKeys the AES-256 keys, 32 bytes each: the first encrypts what is
	 * written, every one is tried on what is read
	 */
	public RedisReactiveOAuth2AuthorizedClientService(ReactiveRedisConnectionFactory connectionFactory,
			ReactiveClientRegistrationRepository clientRegistrationRepository, List<byte[]> encryptionKeys) {
		super(encryptionKeys);
		Assert.notNull(connectionFactory, "connectionFactory cannot be null");
		Assert.notNull(clientRegistrationRepository, "clientRegistrationRepository cannot be null");
		this.redis = new ReactiveStringRedisTemplate(connectionFactory);
		this.clientRegistrationRepository = clientRegistrationRepository;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String clientRegistrationId,
			String principalName) {
		return Mono.defer(() -> {
			T local = this.localCache.loadAuthorizedClient(clientRegistrationId, principalName);
			if (local != null) {
				return Mono.just(local);
			}
			return this.clientRegistrationRepository.findByRegistrationId(clientRegistrationId)
				.filter((clientRegistration) -> this.outages.tryUse())
				.flatMap((clientRegistration) -> read(clientRegistration, principalName)
					.doOnNext((shared) -> this.outages.succeeded())
					.onErrorResume(RuntimeException.class, (ex) -> {
						this.outages.failed(ex);
						return Mono.just(Optional.empty());
					}))
				.flatMap(Mono::justOrEmpty)
				.doOnNext((shared) -> this.localCache.saveAuthorizedClient(shared,
						RedisOAuth2AuthorizedClientService.principal(principalName)))
				.map((shared) -> (T) shared);
		});
	}

	@Override
	public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
		return Mono.defer(() -> {
			this.localCache.saveAuthorizedClient(authorizedClient, principal);
			if (!this.outages.tryUse()) {
				return Mono.empty();
			}
			return redisStep(write(authorizedClient, principal.getName()));
		});
	}

	@Override
	public Mono<Void> removeAuthorizedClient(String clientRegistrationId, String principalName) {
		return Mono.defer(() -> {
			this.localCache.removeAuthorizedClient(clientRegistrationId, principalName);
			return this.clientRegistrationRepository.findByRegistrationId(clientRegistrationId)
				.filter((clientRegistration) -> this.outages.tryUse())
				.flatMap((clientRegistration) -> redisStep(
						this.redis.delete(this.codec.tokenKey(clientRegistration, principalName)).then()));
		});
	}

	@Override
	public Mono<Void> removeAuthorizedClient(String clientRegistrationId, String principalName,
			OAuth2AuthorizedClient rejected) {
		return Mono.defer(() -> {
			this.localCache.removeAuthorizedClient(clientRegistrationId, principalName, rejected);
			return this.clientRegistrationRepository.findByRegistrationId(clientRegistrationId)
				.filter((clientRegistration) -> this.outages.tryUse())
				.flatMap((clientRegistration) -> {
					String key = this.codec.tokenKey(clientRegistration, principalName);
					Mono<Void> removal = this.redis.opsForValue().get(key).flatMap((value) -> {
						OAuth2AuthorizedClient stored = this.codec.decode(key, value, clientRegistration,
								principalName);
						if (stored != null && !RedisOAuth2AuthorizedClientService.sameToken(stored, rejected)) {
							return Mono.empty();
						}
						// Unreadable or the rejected token: removed unless replaced
						// meanwhile.
						return this.redis
							.execute(RedisOAuth2AuthorizedClientService.DELETE_IF_EQUAL, List.of(key), List.of(value))
							.then();
					});
					return redisStep(removal);
				});
		});
	}

	@Override
	public Mono<OAuth2AuthorizedClient> obtain(ClientRegistration clientRegistration, String principalName,
			Predicate<OAuth2AuthorizedClient> acceptable, Mono<OAuth2AuthorizedClient> tokenRequest) {
		return Mono.defer(() -> {
			if (!this.outages.tryUse()) {
				return tokenRequest;
			}
			Attempt attempt = new Attempt(clientRegistration, principalName, acceptable, tokenRequest,
					this.codec.lockKey(clientRegistration, principalName), UUID.randomUUID().toString(),
					System.nanoTime() + this.lockTimeout.toNanos());
			return attempt.run(5);
		});
	}

	private Mono<Optional<OAuth2AuthorizedClient>> read(ClientRegistration clientRegistration, String principalName) {
		String key = this.codec.tokenKey(clientRegistration, principalName);
		return this.redis.opsForValue()
			.get(key)
			.map((value) -> Optional.ofNullable(this.codec.decode(key, value, clientRegistration, principalName)))
			.defaultIfEmpty(Optional.empty());
	}

	private Mono<Void> write(OAuth2AuthorizedClient authorizedClient, String principalName) {
		long timeToLive = timeToLive(authorizedClient);
		if (timeToLive <= 0) {
			// Never shared: no expiry to give it in Redis, or already expired.
			return Mono.empty();
		}
		String key = this.codec.tokenKey(authorizedClient.getClientRegistration(), principalName);
		return this.redis.opsForValue()
			.set(key, this.codec.encode(key, authorizedClient, principalName), Duration.ofMillis(timeToLive))
			.then();
	}

	// A Redis call whose failure is an outage, never the caller's failure.
	private Mono<Void> redisStep(Mono<Void> step) {
		return step.doOnSuccess((done) -> this.outages.succeeded()).onErrorResume(RuntimeException.class, (ex) -> {
			this.outages.failed(ex);
			return Mono.empty();
		});
	}

	/**
	 * One caller's way to a token: take another instance's, or the lock and request it,
	 * or wait for the lock's holder.
	 */
	private final class Attempt {

		private final ClientRegistration clientRegistration;

		private final String principalName;

		private final Predicate<OAuth2AuthorizedClient> acceptable;

		private final Mono<OAuth2AuthorizedClient> tokenRequest;

		private final String lockKey;

		private final String owner;

		private final long deadline;

		Attempt(ClientRegistration clientRegistration, String principalName,
				Predicate<OAuth2AuthorizedClient> acceptable, Mono<OAuth2AuthorizedClient> tokenRequest, String lockKey,
				String owner, long deadline) {
			this.clientRegistration = clientRegistration;
			this.principalName = principalName;
			this.acceptable = acceptable;
			this.tokenRequest = tokenRequest;
			this.lockKey = lockKey;
			this.owner = owner;
			this.deadline = deadline;
		}

		Mono<OAuth2AuthorizedClient> run(long pause) {
			// @formatter:off
			Mono<Step> step = shared()
				.flatMap((shared) -> shared.isPresent() ? Mono.just(new Step(shared.get(), false, false))
						: lock().flatMap((locked) -> locked
								? shared().map((again) -> new Step(again.orElse(null), true, false))
								: Mono.just(new Step(null, false, false))))
				.doOnNext((found) -> RedisReactiveOAuth2AuthorizedClientService.this.outages.succeeded())
				.onErrorResume(RuntimeException.class, (ex) -> {
					RedisReactiveOAuth2AuthorizedClientService.this.outages.failed(ex);
					return Mono.just(new Step(null, false, true));
				});
			// @formatter:on
			return step.flatMap((found) -> {
				if (found.client() != null) {
					getLocalCache().saveAuthorizedClient(found.client(),
							RedisOAuth2AuthorizedClientService.principal(this.principalName));
					return found.locked() ? unlock().thenReturn(found.client()) : Mono.just(found.client());
				}
				if (found.unavailable()) {
					return this.tokenRequest;
				}
				if (found.locked()) {
					return Mono.usingWhen(Mono.just(this.owner), (owner) -> this.tokenRequest, (owner) -> unlock(),
							(owner, ex) -> unlock(), (owner) -> unlock());
				}
				if (System.nanoTime() - this.deadline >= 0) {
					// The lock's holder is taking too long.
					return this.tokenRequest;
				}
				return Mono.delay(Duration.ofMillis(pause))
					.then(Mono.defer(() -> run(Math.min(pause * 2, LONGEST_PAUSE_MILLIS))));
			});
		}

		private Mono<Optional<OAuth2AuthorizedClient>> shared() {
			return read(this.clientRegistration, this.principalName).map((found) -> found.filter(this.acceptable));
		}

		private Mono<Boolean> lock() {
			return RedisReactiveOAuth2AuthorizedClientService.this.redis.opsForValue()
				.setIfAbsent(this.lockKey, this.owner, RedisReactiveOAuth2AuthorizedClientService.this.lockTimeout)
				.map(Boolean.TRUE::equals);
		}

		private Mono<Void> unlock() {
			// If this fails, the lock expires by itself.
			return redisStep(RedisReactiveOAuth2AuthorizedClientService.this.redis
				.execute(RedisOAuth2AuthorizedClientService.DELETE_IF_EQUAL, List.of(this.lockKey), List.of(this.owner))
				.then());
		}

	}

	private record Step(@Nullable OAuth2AuthorizedClient client, boolean locked, boolean unavailable) {

	}

}
