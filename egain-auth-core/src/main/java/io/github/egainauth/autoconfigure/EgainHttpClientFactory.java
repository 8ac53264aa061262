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

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The HTTP plumbing of one Spring Boot line, which its
 * {@code EgainAuthHttpClientAutoConfiguration} provides: the HTTP clients of token
 * requests and of the ready-made API clients (from that line's HTTP client
 * infrastructure, never following redirects), what runs token request retries, and what
 * the ready-made clients' HTTP interfaces support.
 *
 * @author egain-auth authors
 */
interface EgainHttpClientFactory {

	/**
	 * Returns the request factory of token requests.
	 * @param tokenEndpoint the token endpoint settings
	 * @return the request factory
	 */
	ClientHttpRequestFactory tokenRequestFactory(EgainAuthProperties.TokenEndpoint tokenEndpoint);

	/**
	 * Returns the connector of reactive token requests.
	 * @param tokenEndpoint the token endpoint settings
	 * @return the connector
	 */
	ClientHttpConnector tokenConnector(EgainAuthProperties.TokenEndpoint tokenEndpoint);

	/**
	 * Returns the request factory of the ready-made {@code RestClient}s.
	 * @return the request factory
	 */
	ClientHttpRequestFactory apiRequestFactory();

	/**
	 * Returns the connector of the ready-made {@code WebClient}s.
	 * @return the connector
	 */
	ClientHttpConnector apiConnector();

	/**
	 * Returns what runs blocking token requests and their retries.
	 * @return the retries
	 */
	EgainTokenRequestRetries retries();

	/**
	 * Applies what this line supports to the factory of an HTTP interface client.
	 * @param factory the factory
	 */
	void customizeHttpService(HttpServiceProxyFactory.Builder factory);

}
