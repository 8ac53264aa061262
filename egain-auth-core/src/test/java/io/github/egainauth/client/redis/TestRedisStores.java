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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.github.egainauth.client.registration.EgainClientRegistrationRepository;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * What the Redis store tests share: Redis connections of their own per replica, as
 * separate processes would have, and encryption keys.
 *
 * @author egain-auth authors
 */
public final class TestRedisStores {

	/**
	 * A base64 AES-256 key, as {@code egain.auth.store.redis.encryption-key} takes it.
	 */
	public static final String KEY = base64Key(1);

	/**
	 * Another base64 AES-256 key.
	 */
	public static final String OTHER_KEY = base64Key(2);

	private final List<LettuceConnectionFactory> connectionFactories = new ArrayList<>();

	private final LocalRedisServer server;

	/**
	 * Creates the connections' owner.
	 * @param server the Redis server to connect to
	 */
	public TestRedisStores(LocalRedisServer server) {
		this.server = server;
	}

	/**
	 * Returns a new connection factory with a short command timeout, as an application
	 * using the store should set.
	 * @return the started connection factory
	 */
	public LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.server.getPort()),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		this.connectionFactories.add(connectionFactory);
		return connectionFactory;
	}

	/**
	 * Returns a template to look at Redis directly, as an operator (or an attacker with
	 * access to Redis) would.
	 * @return the template
	 */
	public StringRedisTemplate redis() {
		return new StringRedisTemplate(connectionFactory());
	}

	/**
	 * Returns the store's keys in Redis.
	 * @return the keys
	 */
	public Set<String> keys() {
		return redis().keys("*");
	}

	/**
	 * Removes everything from Redis.
	 */
	public void flush() {
		this.server.command("FLUSHALL");
	}

	/**
	 * Closes every connection factory made.
	 */
	public void close() {
		this.connectionFactories.forEach(LettuceConnectionFactory::destroy);
		this.connectionFactories.clear();
	}

	/**
	 * Returns the raw key of a base64 key.
	 * @param base64 the base64 key
	 * @return the key
	 */
	public static byte[] key(String base64) {
		return Base64.getDecoder().decode(base64);
	}

	/**
	 * Returns registrations of the given client.
	 * @param registration the client's registration
	 * @return the registrations
	 */
	public static EgainClientRegistrationRepository registrations(ClientRegistration registration) {
		return new EgainClientRegistrationRepository(List.of(registration));
	}

	/**
	 * Returns an on-behalf-of registration with another client id, as another application
	 * whose client has the same name would have.
	 * @param registration the registration
	 * @param clientId the other client id
	 * @return the other application's registration
	 */
	public static ClientRegistration withClientId(ClientRegistration registration, String clientId) {
		return ClientRegistration.withClientRegistration(registration).clientId(clientId).build();
	}

	private static String base64Key(int seed) {
		byte[] key = new byte[32];
		for (int i = 0; i < key.length; i++) {
			key[i] = (byte) (seed * 31 + i);
		}
		return Base64.getEncoder().encodeToString(key);
	}

}
