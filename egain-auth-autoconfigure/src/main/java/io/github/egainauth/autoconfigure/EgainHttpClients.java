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

import java.net.http.HttpClient;

import io.netty.channel.ChannelOption;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * Builds the HTTP clients of the token clients and of the ready-made API clients, in one
 * place. None follows redirects: a followed redirect can take a token to another origin
 * (the JDK's HttpClient keeps {@code Authorization} on it), and a {@code 307} or
 * {@code 308} asks for the same {@code POST}, a token request's form and client secret
 * included, to be repeated wherever it points. A redirect reaches the caller as the
 * {@code 3xx} answer instead.
 *
 * @author egain-auth authors
 */
final class EgainHttpClients {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			EgainHttpClients.class.getClassLoader());

	private EgainHttpClients() {
	}

	/**
	 * Returns the request factory of token requests: the JDK's HttpClient with the token
	 * endpoint's timeouts.
	 */
	static ClientHttpRequestFactory tokenRequestFactory(EgainAuthProperties.TokenEndpoint tokenEndpoint) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(jdkHttpClient(tokenEndpoint));
		requestFactory.setReadTimeout(tokenEndpoint.getReadTimeout());
		return requestFactory;
	}

	/**
	 * Returns the connector of reactive token requests: Reactor Netty if present, else
	 * the JDK's HttpClient, with the token endpoint's timeouts.
	 */
	static ClientHttpConnector tokenConnector(EgainAuthProperties.TokenEndpoint tokenEndpoint) {
		if (REACTOR_NETTY_PRESENT) {
			return ReactorConnector.create(tokenEndpoint);
		}
		JdkClientHttpConnector connector = new JdkClientHttpConnector(jdkHttpClient(tokenEndpoint));
		connector.setReadTimeout(tokenEndpoint.getReadTimeout());
		return connector;
	}

	private static HttpClient jdkHttpClient(EgainAuthProperties.TokenEndpoint tokenEndpoint) {
		return HttpClient.newBuilder()
			.connectTimeout(tokenEndpoint.getConnectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Returns the request factory of the ready-made {@code RestClient}s: the
	 * application's HTTP library and {@code spring.http.clients} settings, as Spring
	 * Boot's {@code RestClient.Builder} has them, but not following redirects.
	 */
	static ClientHttpRequestFactory apiRequestFactory(ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builder,
			ObjectProvider<HttpClientSettings> settings) {
		return builder.getIfAvailable(ClientHttpRequestFactoryBuilder::detect).build(withoutRedirects(settings));
	}

	/**
	 * Returns the connector of the ready-made {@code WebClient}s: the application's HTTP
	 * library and {@code spring.http.clients} settings, but not following redirects.
	 */
	static ClientHttpConnector apiConnector(ObjectProvider<ClientHttpConnectorBuilder<?>> builder,
			ObjectProvider<HttpClientSettings> settings) {
		return builder.getIfAvailable(ClientHttpConnectorBuilder::detect).build(withoutRedirects(settings));
	}

	private static HttpClientSettings withoutRedirects(ObjectProvider<HttpClientSettings> settings) {
		return settings.getIfAvailable(HttpClientSettings::defaults).withRedirects(HttpRedirects.DONT_FOLLOW);
	}

	/**
	 * Kept apart so that Reactor Netty's classes load only when it is present.
	 */
	private static final class ReactorConnector {

		static ReactorClientHttpConnector create(EgainAuthProperties.TokenEndpoint tokenEndpoint) {
			reactor.netty.http.client.HttpClient httpClient = reactor.netty.http.client.HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) tokenEndpoint.getConnectTimeout().toMillis())
				.responseTimeout(tokenEndpoint.getReadTimeout())
				.followRedirect(false);
			return new ReactorClientHttpConnector(httpClient);
		}

	}

}
