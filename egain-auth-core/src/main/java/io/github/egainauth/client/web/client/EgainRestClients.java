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

package io.github.egainauth.client.web.client;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.egainauth.client.web.EgainRequestAttributes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Ready-made {@link RestClient}s for eGain's APIs: based at the API base URL, sending
 * {@code Accept-Language}, and carrying the token of an eGain client. Their request
 * factory never follows redirects, so that no redirect takes a token to another origin: a
 * {@code 3xx} answer reaches the caller.
 *
 * <pre class="code">
 * RestClient portal = egainRestClients.client("agent-assist");
 * String articles = portal.get().uri("/knowledge/portalmgr/v4/portals").retrieve().body(String.class);
 * </pre>
 *
 * @author egain-auth authors
 * @see EgainClientHttpRequestInterceptor
 */
public final class EgainRestClients {

	private final Supplier<RestClient.Builder> builders;

	private final EgainClientHttpRequestInterceptor interceptor;

	private final String apiBaseUrl;

	private final String acceptLanguage;

	// HttpClient.newHttpClient() never follows redirects.
	private ClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();

	private Consumer<HttpServiceProxyFactory.Builder> httpServiceCustomizer = (factory) -> {
	};

	/**
	 * Constructs an {@code EgainRestClients}.
	 * @param builders a source of fresh builders, e.g. Spring Boot's
	 * {@code RestClient.Builder} bean; their request factory is replaced by this one's
	 * @param interceptor the interceptor that attaches tokens
	 * @param apiBaseUrl the eGain API base URL
	 * @param acceptLanguage the {@code Accept-Language} sent by default
	 */
	public EgainRestClients(Supplier<RestClient.Builder> builders, EgainClientHttpRequestInterceptor interceptor,
			String apiBaseUrl, String acceptLanguage) {
		Assert.notNull(builders, "builders cannot be null");
		Assert.notNull(interceptor, "interceptor cannot be null");
		Assert.hasText(apiBaseUrl, "apiBaseUrl cannot be empty");
		Assert.hasText(acceptLanguage, "acceptLanguage cannot be empty");
		this.builders = builders;
		this.interceptor = interceptor;
		this.apiBaseUrl = apiBaseUrl;
		this.acceptLanguage = acceptLanguage;
	}

	/**
	 * Sets the request factory of every client, in place of the builders' own. It must
	 * not follow redirects: a followed redirect would take the token, or the request's
	 * body, past the allowed origins. The default is the JDK's {@code HttpClient}, which
	 * does not.
	 * @param requestFactory the request factory
	 */
	public void setRequestFactory(ClientHttpRequestFactory requestFactory) {
		Assert.notNull(requestFactory, "requestFactory cannot be null");
		this.requestFactory = requestFactory;
	}

	/**
	 * Sets what is applied to the {@link HttpServiceProxyFactory} of each HTTP interface
	 * client, e.g. Spring Security 7's {@code ClientRegistrationIdProcessor}, so that
	 * methods can name their eGain client with {@code @ClientRegistrationId}; the Spring
	 * Boot 4 auto-configuration sets that one. The default applies nothing.
	 * @param httpServiceCustomizer the customizer
	 */
	public void setHttpServiceCustomizer(Consumer<HttpServiceProxyFactory.Builder> httpServiceCustomizer) {
		Assert.notNull(httpServiceCustomizer, "httpServiceCustomizer cannot be null");
		this.httpServiceCustomizer = httpServiceCustomizer;
	}

	/**
	 * Returns a new builder set up for eGain: base URL, {@code Accept-Language}, the
	 * request factory and the token interceptor. Calls name their client with
	 * {@link EgainRequestAttributes#client(String)} unless only one is configured.
	 * @return the builder
	 */
	public RestClient.Builder builder() {
		return this.builders.get()
			.requestFactory(this.requestFactory)
			.baseUrl(this.apiBaseUrl)
			.defaultHeader(HttpHeaders.ACCEPT_LANGUAGE, this.acceptLanguage)
			.requestInterceptor(this.interceptor);
	}

	/**
	 * Returns a client whose calls carry the named eGain client's token.
	 * @param clientName the client's name under {@code egain.auth.clients}
	 * @return the rest client
	 */
	public RestClient client(String clientName) {
		Assert.hasText(clientName, "clientName cannot be empty");
		return builder().defaultRequest((request) -> request.attributes(EgainRequestAttributes.client(clientName)))
			.build();
	}

	/**
	 * Returns an HTTP interface client whose methods name their eGain client with Spring
	 * Security's {@code @ClientRegistrationId} where the
	 * {@link #setHttpServiceCustomizer(Consumer) HTTP service customizer} supports it, or
	 * rely on the only one.
	 * @param <S> the interface type
	 * @param serviceType the {@code @HttpExchange} interface
	 * @return the proxy
	 */
	public <S> S httpService(Class<S> serviceType) {
		return httpService(builder().build(), serviceType);
	}

	/**
	 * Returns an HTTP interface client whose calls carry the named eGain client's token
	 * unless a method's {@code @ClientRegistrationId} names another.
	 * @param <S> the interface type
	 * @param clientName the client's name under {@code egain.auth.clients}
	 * @param serviceType the {@code @HttpExchange} interface
	 * @return the proxy
	 */
	public <S> S httpService(String clientName, Class<S> serviceType) {
		return httpService(client(clientName), serviceType);
	}

	private <S> S httpService(RestClient restClient, Class<S> serviceType) {
		Assert.notNull(serviceType, "serviceType cannot be null");
		HttpServiceProxyFactory.Builder factory = HttpServiceProxyFactory
			.builderFor(RestClientAdapter.create(restClient));
		this.httpServiceCustomizer.accept(factory);
		return factory.build().createClient(serviceType);
	}

}
