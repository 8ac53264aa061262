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

import java.util.Arrays;

import org.springframework.util.ClassUtils;

/**
 * What differs between the Spring Boot lines for the auto-configuration tests that every
 * line runs: the names of Spring Boot's own auto-configurations and HTTP client
 * properties. The tests are compiled by each line's auto-configuration module, against
 * that line; what needs that line's types (e.g. {@code TestSpringBootLineCustomizers}) is
 * in the module's own tests.
 *
 * @author egain-auth authors
 */
final class TestSpringBootLine {

	private static final boolean BOOT_4 = ClassUtils.isPresent(
			"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
			TestSpringBootLine.class.getClassLoader());

	private TestSpringBootLine() {
	}

	/**
	 * Spring Boot's auto-configurations of the blocking HTTP client.
	 * @return the auto-configurations
	 */
	static Class<?>[] imperativeHttpClientAutoConfigurations() {
		return BOOT_4 ? classes("org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration")
				: classes("org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration");
	}

	/**
	 * Spring Boot's auto-configurations of the reactive HTTP client.
	 * @return the auto-configurations
	 */
	static Class<?>[] reactiveHttpClientAutoConfigurations() {
		return BOOT_4 ? classes("org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration")
				: classes(
						"org.springframework.boot.autoconfigure.http.client.reactive.ClientHttpConnectorAutoConfiguration");
	}

	/**
	 * Spring Boot's auto-configuration of Spring Security's OAuth 2.0 clients.
	 * @return the auto-configuration
	 */
	static Class<?> oauth2ClientAutoConfiguration() {
		return BOOT_4
				? load("org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration")
				: load("org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientAutoConfiguration");
	}

	/**
	 * Spring Boot's auto-configuration of Spring Security's reactive OAuth 2.0 clients.
	 * @return the auto-configuration
	 */
	static Class<?> reactiveOAuth2ClientAutoConfiguration() {
		return BOOT_4 ? load(
				"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration")
				: load("org.springframework.boot.autoconfigure.security.oauth2.client.reactive.ReactiveOAuth2ClientAutoConfiguration");
	}

	/**
	 * Spring Boot's auto-configurations of Spring Data Redis, blocking and reactive.
	 * @return the auto-configurations
	 */
	static Class<?>[] redisAutoConfigurations() {
		return BOOT_4
				? classes("org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
						"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration")
				: classes("org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
						"org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration");
	}

	/**
	 * Spring Boot's auto-configuration of {@code RestClient.Builder}.
	 * @return the auto-configuration
	 */
	static Class<?> restClientAutoConfiguration() {
		return BOOT_4 ? load("org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
				: load("org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration");
	}

	/**
	 * Spring Boot's auto-configuration of {@code WebClient.Builder}.
	 * @return the auto-configuration
	 */
	static Class<?> webClientAutoConfiguration() {
		return BOOT_4 ? load("org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration") : load(
				"org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration");
	}

	/**
	 * The package of Spring Boot's health indicators.
	 * @return the package
	 */
	static String healthPackage() {
		return BOOT_4 ? "org.springframework.boot.health" : "org.springframework.boot.actuate.health";
	}

	/**
	 * Whether health indicators work without Spring Boot's actuator.
	 * @return {@code true} from Spring Boot 4
	 */
	static boolean healthOutsideActuator() {
		return BOOT_4;
	}

	/**
	 * The property that chooses the blocking HTTP library.
	 * @param factory the library, e.g. {@code jdk}
	 * @return the property
	 */
	static String imperativeFactory(String factory) {
		return (BOOT_4 ? "spring.http.clients.imperative.factory=" : "spring.http.client.factory=") + factory;
	}

	/**
	 * The property that chooses the reactive HTTP library.
	 * @param connector the library, e.g. {@code reactor}
	 * @return the property
	 */
	static String reactiveConnector(String connector) {
		return (BOOT_4 ? "spring.http.clients.reactive.connector=" : "spring.http.reactiveclient.connector=")
				+ connector;
	}

	/**
	 * The properties that make the application's HTTP clients follow redirects.
	 * @return the properties
	 */
	static String[] followRedirects() {
		return BOOT_4 ? new String[] { "spring.http.clients.redirects=follow" }
				: new String[] { "spring.http.client.redirects=follow", "spring.http.reactiveclient.redirects=follow" };
	}

	private static Class<?>[] classes(String... names) {
		return Arrays.stream(names).map(TestSpringBootLine::load).toArray(Class<?>[]::new);
	}

	private static Class<?> load(String name) {
		return ClassUtils.resolveClassName(name, TestSpringBootLine.class.getClassLoader());
	}

}
