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

import io.github.egainauth.client.endpoint.EgainTokenRequestRetries;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorSettings;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Builds the HTTP clients of the token clients and of the ready-made API clients from
 * Spring Boot 3's HTTP client infrastructure: the application's HTTP library
 * ({@code ClientHttpRequestFactoryBuilder} / {@code ClientHttpConnectorBuilder}, chosen
 * by {@code spring.http.client.factory} and {@code spring.http.reactiveclient.connector}
 * or detected) and its settings ({@code spring.http.client.*},
 * {@code spring.http.reactiveclient.*}). Token requests take
 * {@code egain.auth.token-endpoint.*} timeouts and SSL bundle on top.
 * <p>
 * None follows redirects: a followed redirect can take a token to another origin, and a
 * {@code 307} or {@code 308} asks for the same {@code POST}, client secret included, to
 * be repeated wherever it points. A redirect reaches the caller as the {@code 3xx} answer
 * instead. Apache HttpClient's own retries are off for token requests, whose retries are
 * egain-auth's. Reactor Netty takes the JVM's proxy settings ({@code https.proxyHost} and
 * the like), as on Spring Boot 4; they wait on the calling thread (Spring Framework 6 has
 * no {@code RetryTemplate}).
 * <p>
 * Spring Security 6 has no {@code ClientRegistrationIdProcessor}, so HTTP interface
 * clients choose their eGain client by the ready-made client they are created over rather
 * than by {@code @ClientRegistrationId}.
 *
 * @author egain-auth authors
 */
final class EgainHttpClients implements EgainHttpClientFactory {

	private static final boolean HTTP_COMPONENTS_PRESENT = ClassUtils.isPresent(
			"org.apache.hc.client5.http.impl.classic.HttpClientBuilder", EgainHttpClients.class.getClassLoader());

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			EgainHttpClients.class.getClassLoader());

	private static final boolean HTTP_COMPONENTS_ASYNC_PRESENT = ClassUtils.isPresent(
			"org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder", EgainHttpClients.class.getClassLoader());

	private final ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder;

	private final ObjectProvider<ClientHttpRequestFactorySettings> requestFactorySettings;

	private final ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder;

	private final ObjectProvider<ClientHttpConnectorSettings> connectorSettings;

	private final ObjectProvider<SslBundles> sslBundles;

	private final EgainTokenRequestRetries retries = EgainTokenRequestRetries.sleeping();

	EgainHttpClients(ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<ClientHttpRequestFactorySettings> requestFactorySettings,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<ClientHttpConnectorSettings> connectorSettings, ObjectProvider<SslBundles> sslBundles) {
		this.requestFactoryBuilder = requestFactoryBuilder;
		this.requestFactorySettings = requestFactorySettings;
		this.connectorBuilder = connectorBuilder;
		this.connectorSettings = connectorSettings;
		this.sslBundles = sslBundles;
	}

	@Override
	public ClientHttpRequestFactory tokenRequestFactory(EgainAuthProperties.TokenEndpoint tokenEndpoint) {
		ClientHttpRequestFactoryBuilder<?> factoryBuilder = requestFactoryBuilder();
		if (HTTP_COMPONENTS_PRESENT && factoryBuilder instanceof HttpComponentsClientHttpRequestFactoryBuilder) {
			factoryBuilder = HttpComponents.withoutRetries(factoryBuilder);
		}
		ClientHttpRequestFactorySettings settings = apiRequestFactorySettings()
			.withTimeouts(tokenEndpoint.getConnectTimeout(), tokenEndpoint.getReadTimeout());
		String bundle = tokenEndpoint.getSslBundle();
		return factoryBuilder.build((bundle != null)
				? settings.withSslBundle(EgainAuthBeans.sslBundle(this.sslBundles, bundle.trim())) : settings);
	}

	@Override
	public ClientHttpConnector tokenConnector(EgainAuthProperties.TokenEndpoint tokenEndpoint) {
		ClientHttpConnectorBuilder<?> builder = this.connectorBuilder
			.getIfAvailable(ClientHttpConnectorBuilder::detect);
		if (HTTP_COMPONENTS_ASYNC_PRESENT && builder instanceof HttpComponentsClientHttpConnectorBuilder) {
			builder = HttpComponentsAsync.withoutRetries(builder);
		}
		ClientHttpConnectorSettings settings = apiConnectorSettings().withTimeouts(tokenEndpoint.getConnectTimeout(),
				tokenEndpoint.getReadTimeout());
		String bundle = tokenEndpoint.getSslBundle();
		return builder.build((bundle != null)
				? settings.withSslBundle(EgainAuthBeans.sslBundle(this.sslBundles, bundle.trim())) : settings);
	}

	@Override
	public ClientHttpRequestFactory apiRequestFactory() {
		return requestFactoryBuilder().build(apiRequestFactorySettings());
	}

	@Override
	public ClientHttpConnector apiConnector() {
		return connectorBuilder().build(apiConnectorSettings());
	}

	@Override
	public EgainTokenRequestRetries retries() {
		return this.retries;
	}

	@Override
	public void customizeHttpService(HttpServiceProxyFactory.Builder factory) {
		// Spring Security 6 has no processor of @ClientRegistrationId: nothing to add
	}

	/**
	 * The application's request factory builder; Reactor Netty's, unlike the other HTTP
	 * libraries' and unlike Spring Boot 4's, ignores the JVM's proxy settings unless
	 * told, so it is told.
	 * @return the builder
	 */
	private ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder() {
		ClientHttpRequestFactoryBuilder<?> builder = this.requestFactoryBuilder
			.getIfAvailable(ClientHttpRequestFactoryBuilder::detect);
		return (REACTOR_NETTY_PRESENT && builder instanceof ReactorClientHttpRequestFactoryBuilder)
				? Reactor.requestFactoryWithSystemProxy(builder) : builder;
	}

	private ClientHttpConnectorBuilder<?> connectorBuilder() {
		ClientHttpConnectorBuilder<?> builder = this.connectorBuilder
			.getIfAvailable(ClientHttpConnectorBuilder::detect);
		return (REACTOR_NETTY_PRESENT && builder instanceof ReactorClientHttpConnectorBuilder)
				? Reactor.connectorWithSystemProxy(builder) : builder;
	}

	private ClientHttpRequestFactorySettings apiRequestFactorySettings() {
		return this.requestFactorySettings.getIfAvailable(ClientHttpRequestFactorySettings::defaults)
			.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
	}

	private ClientHttpConnectorSettings apiConnectorSettings() {
		return this.connectorSettings.getIfAvailable(ClientHttpConnectorSettings::defaults)
			.withRedirects(HttpRedirects.DONT_FOLLOW);
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
	 * Kept apart so that Reactor Netty's classes load only when it is present.
	 */
	private static final class Reactor {

		static ClientHttpRequestFactoryBuilder<?> requestFactoryWithSystemProxy(
				ClientHttpRequestFactoryBuilder<?> builder) {
			return ((ReactorClientHttpRequestFactoryBuilder) builder)
				.withHttpClientCustomizer(HttpClient::proxyWithSystemProperties);
		}

		static ClientHttpConnectorBuilder<?> connectorWithSystemProxy(ClientHttpConnectorBuilder<?> builder) {
			return ((ReactorClientHttpConnectorBuilder) builder)
				.withHttpClientCustomizer(HttpClient::proxyWithSystemProperties);
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
