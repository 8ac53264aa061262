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
import java.util.function.Supplier;

import io.github.egainauth.autoconfigure.InvalidEgainConfigurationException.Problem;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * Builds the HTTP clients of the token clients and of the ready-made API clients from
 * Spring Boot's HTTP client infrastructure: the application's HTTP library
 * ({@code ClientHttpRequestFactoryBuilder} / {@code ClientHttpConnectorBuilder}, chosen
 * by {@code spring.http.clients.*} or detected) and its {@code HttpClientSettings}, so
 * its proxy, SSL and timeout settings apply. Token requests take
 * {@code egain.auth.token-endpoint.*} timeouts and SSL bundle on top.
 * <p>
 * None follows redirects: a followed redirect can take a token to another origin (the
 * JDK's HttpClient keeps {@code Authorization} on it), and a {@code 307} or {@code 308}
 * asks for the same {@code POST}, a token request's form and client secret included, to
 * be repeated wherever it points. A redirect reaches the caller as the {@code 3xx} answer
 * instead. Apache HttpClient's own retries are off for token requests, whose retries are
 * egain-auth's.
 *
 * @author egain-auth authors
 */
final class EgainHttpClients {

	private static final String SSL_BUNDLE_PROPERTY = "egain.auth.token-endpoint.ssl-bundle";

	private static final boolean HTTP_COMPONENTS_PRESENT = ClassUtils.isPresent(
			"org.apache.hc.client5.http.impl.classic.HttpClientBuilder", EgainHttpClients.class.getClassLoader());

	private static final boolean HTTP_COMPONENTS_ASYNC_PRESENT = ClassUtils.isPresent(
			"org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder", EgainHttpClients.class.getClassLoader());

	private final ObjectProvider<HttpClientSettings> settings;

	private final ObjectProvider<SslBundles> sslBundles;

	EgainHttpClients(ObjectProvider<HttpClientSettings> settings, ObjectProvider<SslBundles> sslBundles) {
		this.settings = settings;
		this.sslBundles = sslBundles;
	}

	/**
	 * Returns the request factory of token requests.
	 * @param builder the application's request factory builder, if any
	 * @param tokenEndpoint the token endpoint settings
	 * @return the request factory
	 */
	ClientHttpRequestFactory tokenRequestFactory(ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builder,
			EgainAuthProperties.TokenEndpoint tokenEndpoint) {
		ClientHttpRequestFactoryBuilder<?> factoryBuilder = builder
			.getIfAvailable(ClientHttpRequestFactoryBuilder::detect);
		if (HTTP_COMPONENTS_PRESENT && factoryBuilder instanceof HttpComponentsClientHttpRequestFactoryBuilder) {
			factoryBuilder = HttpComponents.withoutRetries(factoryBuilder);
		}
		return factoryBuilder.build(tokenSettings(tokenEndpoint));
	}

	/**
	 * Returns the connector of reactive token requests.
	 * @param builder the application's connector builder, if any
	 * @param tokenEndpoint the token endpoint settings
	 * @return the connector
	 */
	ClientHttpConnector tokenConnector(ObjectProvider<ClientHttpConnectorBuilder<?>> builder,
			EgainAuthProperties.TokenEndpoint tokenEndpoint) {
		ClientHttpConnectorBuilder<?> connectorBuilder = builder.getIfAvailable(ClientHttpConnectorBuilder::detect);
		if (HTTP_COMPONENTS_ASYNC_PRESENT && connectorBuilder instanceof HttpComponentsClientHttpConnectorBuilder) {
			connectorBuilder = HttpComponentsAsync.withoutRetries(connectorBuilder);
		}
		return connectorBuilder.build(tokenSettings(tokenEndpoint));
	}

	/**
	 * Returns the request factory of the ready-made {@code RestClient}s: the
	 * application's HTTP library and {@code spring.http.clients} settings, as Spring
	 * Boot's {@code RestClient.Builder} has them, but not following redirects.
	 * @param builder the application's request factory builder, if any
	 * @return the request factory
	 */
	ClientHttpRequestFactory apiRequestFactory(ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builder) {
		return builder.getIfAvailable(ClientHttpRequestFactoryBuilder::detect).build(apiSettings());
	}

	/**
	 * Returns the connector of the ready-made {@code WebClient}s: the application's HTTP
	 * library and {@code spring.http.clients} settings, but not following redirects.
	 * @param builder the application's connector builder, if any
	 * @return the connector
	 */
	ClientHttpConnector apiConnector(ObjectProvider<ClientHttpConnectorBuilder<?>> builder) {
		return builder.getIfAvailable(ClientHttpConnectorBuilder::detect).build(apiSettings());
	}

	private HttpClientSettings apiSettings() {
		return this.settings.getIfAvailable(HttpClientSettings::defaults).withRedirects(HttpRedirects.DONT_FOLLOW);
	}

	private HttpClientSettings tokenSettings(EgainAuthProperties.TokenEndpoint tokenEndpoint) {
		HttpClientSettings settings = apiSettings().withTimeouts(tokenEndpoint.getConnectTimeout(),
				tokenEndpoint.getReadTimeout());
		String bundle = tokenEndpoint.getSslBundle();
		return (bundle != null) ? settings.withSslBundle(sslBundle(bundle.trim())) : settings;
	}

	private SslBundle sslBundle(String name) {
		SslBundles bundles = this.sslBundles.getIfAvailable();
		Supplier<InvalidEgainConfigurationException> unknown = () -> new InvalidEgainConfigurationException(
				List.of(new Problem(SSL_BUNDLE_PROPERTY,
						"'" + name + "' is not a configured SSL bundle" + knownBundles(bundles),
						"Set " + SSL_BUNDLE_PROPERTY + " to the name of a bundle configured under "
								+ "spring.ssl.bundle.jks.<name> or spring.ssl.bundle.pem.<name>, or configure "
								+ "that bundle")));
		if (bundles == null) {
			throw unknown.get();
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw unknown.get();
		}
	}

	private static String knownBundles(@Nullable SslBundles bundles) {
		return (bundles == null || bundles.getBundleNames().isEmpty()) ? " (no SSL bundle is configured)"
				: " (configured: " + String.join(", ", bundles.getBundleNames()) + ")";
	}

	/**
	 * Kept apart so that Apache HttpClient's classes load only when it is present.
	 */
	private static final class HttpComponents {

		static ClientHttpRequestFactoryBuilder<?> withoutRetries(ClientHttpRequestFactoryBuilder<?> builder) {
			return ((HttpComponentsClientHttpRequestFactoryBuilder) builder)
				.withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries);
		}

	}

	/**
	 * Kept apart so that Apache HttpClient's async classes load only when present.
	 */
	private static final class HttpComponentsAsync {

		static ClientHttpConnectorBuilder<?> withoutRetries(ClientHttpConnectorBuilder<?> builder) {
			return ((HttpComponentsClientHttpConnectorBuilder) builder)
				.withHttpClientCustomizer(HttpAsyncClientBuilder::disableAutomaticRetries);
		}

	}

}
