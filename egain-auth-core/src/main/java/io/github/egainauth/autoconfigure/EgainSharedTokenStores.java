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

import java.util.List;
import java.util.function.Function;

import io.github.egainauth.autoconfigure.InvalidEgainConfigurationException.Problem;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.SharedOAuth2AuthorizedClientService;
import io.github.egainauth.client.SharedReactiveOAuth2AuthorizedClientService;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;

/**
 * The shared token stores of {@code egain.auth.store.type: redis}, made by
 * {@link EgainAuthRedisStoreAutoConfiguration} for the manager of either stack. Not a
 * store itself: a store bean would make Spring Boot's own
 * {@code OAuth2AuthorizedClientService} back off, and with it the application's own
 * clients would share eGain's store.
 *
 * @author egain-auth authors
 */
final class EgainSharedTokenStores {

	static final String STORE_TYPE_PROPERTY = "egain.auth.store.type";

	private final Function<CaffeineOAuth2AuthorizedClientService, SharedOAuth2AuthorizedClientService> blocking;

	private final Function<CaffeineOAuth2AuthorizedClientService, SharedReactiveOAuth2AuthorizedClientService> reactive;

	EgainSharedTokenStores(
			Function<CaffeineOAuth2AuthorizedClientService, SharedOAuth2AuthorizedClientService> blocking,
			Function<CaffeineOAuth2AuthorizedClientService, SharedReactiveOAuth2AuthorizedClientService> reactive) {
		this.blocking = blocking;
		this.reactive = reactive;
	}

	/**
	 * Returns the blocking manager's store: the shared one if the properties ask for it,
	 * else the in-memory cache.
	 * @param properties the properties
	 * @param stores the shared stores, if Spring Data Redis is there to make them
	 * @return the store
	 * @throws InvalidEgainConfigurationException if the properties ask for Redis but
	 * Spring Data Redis is missing
	 */
	static OAuth2AuthorizedClientService blocking(EgainAuthProperties properties,
			@Nullable EgainSharedTokenStores stores) {
		CaffeineOAuth2AuthorizedClientService inMemory = new CaffeineOAuth2AuthorizedClientService(
				properties.getCache().getMaxSubjects());
		if (properties.getStore().getType() != EgainAuthProperties.StoreType.REDIS) {
			return inMemory;
		}
		return required(stores).blocking.apply(inMemory);
	}

	/**
	 * Returns the reactive manager's store: the shared one if the properties ask for it,
	 * else {@code null} for the in-memory default.
	 * @param properties the properties
	 * @param stores the shared stores, if Spring Data Redis is there to make them
	 * @return the shared store, or {@code null}
	 * @throws InvalidEgainConfigurationException if the properties ask for Redis but
	 * Spring Data Redis is missing
	 */
	static @Nullable ReactiveOAuth2AuthorizedClientService reactive(EgainAuthProperties properties,
			@Nullable EgainSharedTokenStores stores) {
		if (properties.getStore().getType() != EgainAuthProperties.StoreType.REDIS) {
			return null;
		}
		return required(stores).reactive
			.apply(new CaffeineOAuth2AuthorizedClientService(properties.getCache().getMaxSubjects()));
	}

	private static EgainSharedTokenStores required(@Nullable EgainSharedTokenStores stores) {
		if (stores == null) {
			throw new InvalidEgainConfigurationException(List.of(new Problem(STORE_TYPE_PROPERTY,
					"is redis, but Spring Data Redis is not on the classpath (or the application was "
							+ "processed ahead of time with another " + STORE_TYPE_PROPERTY + ")",
					"Add spring-boot-starter-data-redis (spring-boot-starter-data-redis-reactive in a reactive "
							+ "application) and set spring.data.redis.* to your Redis, or set " + STORE_TYPE_PROPERTY
							+ " to in-memory; with AOT processing, set it before " + "processing")));
		}
		return stores;
	}

}
