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

import java.util.Base64;
import java.util.List;

import io.github.egainauth.autoconfigure.InvalidEgainConfigurationException.Problem;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.redis.AbstractRedisTokenStore;
import io.github.egainauth.client.redis.RedisOAuth2AuthorizedClientService;
import io.github.egainauth.client.redis.RedisReactiveOAuth2AuthorizedClientService;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the shared token store on Redis
 * ({@code egain.auth.store.type: redis}): the managers of either stack keep tokens in
 * Redis, encrypted, through the application's Spring Data Redis connection, so that all
 * instances request each token once between them.
 *
 * @author egain-auth authors
 */
@AutoConfiguration(after = EgainAuthAutoConfiguration.class,
		before = { EgainAuthBlockingAutoConfiguration.class, EgainAuthReactiveAutoConfiguration.class },
		afterName = { "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
				"org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnProperty(prefix = "egain.auth.store", name = "type", havingValue = "redis")
@Conditional(EgainClientsConfiguredCondition.class)
public final class EgainAuthRedisStoreAutoConfiguration {

	/**
	 * The stores are made when a manager asks for one, with the application's Redis
	 * connection factory; without one, startup fails naming
	 * {@code egain.auth.store.type}.
	 * @param properties the {@code egain.auth} properties
	 * @param registrations the client registrations
	 * @param connectionFactory the application's Redis connection factory
	 * @param reactiveConnectionFactory the application's reactive Redis connection
	 * factory
	 * @return the stores
	 */
	@Bean
	@ConditionalOnMissingBean
	EgainSharedTokenStores egainSharedTokenStores(EgainAuthProperties properties,
			EgainClientRegistrationRepository registrations, ObjectProvider<RedisConnectionFactory> connectionFactory,
			ObjectProvider<ReactiveRedisConnectionFactory> reactiveConnectionFactory) {
		EgainAuthProperties.Redis redis = properties.getStore().getRedis();
		List<byte[]> keys = redis.getEncryptionKey()
			.stream()
			.map((key) -> Base64.getDecoder().decode(key.strip()))
			.toList();
		return new EgainSharedTokenStores(
				(localCache) -> configure(new RedisOAuth2AuthorizedClientService(
						required(connectionFactory.getIfAvailable(), "RedisConnectionFactory"),
						registrations::findByRegistrationId, keys), localCache, properties),
				(localCache) -> configure(
						new RedisReactiveOAuth2AuthorizedClientService(
								required(reactiveConnectionFactory.getIfAvailable(), "ReactiveRedisConnectionFactory"),
								(id) -> Mono.fromFuture(registrations.findByRegistrationIdAsync(id), true), keys),
						localCache, properties));
	}

	// The settings both stores take alike.
	private static <S extends AbstractRedisTokenStore> S configure(S store,
			CaffeineOAuth2AuthorizedClientService localCache, EgainAuthProperties properties) {
		EgainAuthProperties.Redis redis = properties.getStore().getRedis();
		EgainAuthProperties.TokenEndpoint tokenEndpoint = properties.getTokenEndpoint();
		store.setLocalCache(localCache);
		store.setKeyPrefix(redis.getKeyPrefix());
		store.setRetryInterval(redis.getRetryInterval());
		store.setLockTimeout(tokenEndpoint.getDeadline().plus(tokenEndpoint.getReadTimeout()));
		return store;
	}

	private static <T> T required(T connectionFactory, String type) {
		if (connectionFactory == null) {
			throw new InvalidEgainConfigurationException(List.of(new Problem(EgainSharedTokenStores.STORE_TYPE_PROPERTY,
					"is redis, but the application has no " + type + " bean",
					"Add spring-boot-starter-data-redis and set spring.data.redis.* to your Redis (Spring Boot then "
							+ "defines it), or set " + EgainSharedTokenStores.STORE_TYPE_PROPERTY + " to in-memory")));
		}
		return connectionFactory;
	}

}
