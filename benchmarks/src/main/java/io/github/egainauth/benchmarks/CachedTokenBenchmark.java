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

package io.github.egainauth.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.client.EgainClientHttpRequestInterceptor;
import io.github.egainauth.test.EgainStandIn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.web.client.RequestAttributePrincipalResolver;

/**
 * Part (a): what attaching an already cached token costs per request. Each benchmark
 * calls a {@link ClientHttpRequestInterceptor} directly with a reused request and an
 * execution that returns a ready response without I/O, so only the interceptor is
 * measured:
 * <ul>
 * <li>{@code floor}: sets a constant {@code Authorization: Bearer x}, the least any
 * interceptor can do;</li>
 * <li>{@code egain*}: {@link EgainClientHttpRequestInterceptor} over
 * {@link EgainAccessTokens} and the {@code EgainAuthorizedClientManager}, for an
 * on-behalf-of subject named in the request attributes and for a client-credentials
 * client;</li>
 * <li>{@code stock*}: Spring Security's {@link OAuth2ClientHttpRequestInterceptor} over
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} and
 * {@code InMemoryOAuth2AuthorizedClientService}, with egain-auth's
 * {@link OnBehalfOfOAuth2AuthorizedClientProvider} (the subject taken from a principal
 * resolved by {@link RequestAttributePrincipalResolver}) and with Spring's
 * client-credentials provider.</li>
 * </ul>
 * Every cache is warmed once, from an {@link EgainStandIn} on loopback, before measuring.
 *
 * @author egain-auth authors
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class CachedTokenBenchmark {

	private static final byte[] BODY = new byte[0];

	private static final ClientHttpResponse OK = new OkResponse();

	private static final ClientHttpRequestExecution EXECUTION = (request, body) -> OK;

	private static final ClientHttpRequestInterceptor FLOOR = (request, body, execution) -> {
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer x");
		return execution.execute(request, body);
	};

	private EgainStandIn standIn;

	private ClientHttpRequestInterceptor egain;

	private ClientHttpRequestInterceptor stockOnBehalfOf;

	private ClientHttpRequestInterceptor stockApplication;

	private final HttpRequest floorRequest = new ReusedRequest();

	private final HttpRequest egainOnBehalfOfRequest = new ReusedRequest(
			EgainRequestAttributes.client(TokenStacks.ON_BEHALF_OF),
			EgainRequestAttributes.subject(EgainSubject.username("pa")));

	private final HttpRequest egainApplicationRequest = new ReusedRequest(
			EgainRequestAttributes.client(TokenStacks.APPLICATION));

	private final HttpRequest stockOnBehalfOfRequest = new ReusedRequest(
			EgainRequestAttributes.client(TokenStacks.ON_BEHALF_OF),
			RequestAttributePrincipalResolver.principal(TokenStacks.principal("pa")));

	private final HttpRequest stockApplicationRequest = new ReusedRequest(
			EgainRequestAttributes.client(TokenStacks.APPLICATION));

	/**
	 * Builds both stacks and puts one token for each client in their caches.
	 * @throws IOException if a warming call fails
	 */
	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.standIn = EgainStandIn.start();
		EgainClientRegistrationRepository registrations = TokenStacks.registrations(TokenStacks.tokenUri(this.standIn));
		this.egain = new EgainClientHttpRequestInterceptor(new EgainAccessTokens(
				TokenStacks.egainManager(registrations, new CaffeineOAuth2AuthorizedClientService())));
		OAuth2ClientHttpRequestInterceptor stockOnBehalfOf = new OAuth2ClientHttpRequestInterceptor(
				TokenStacks.stockOnBehalfOfManager(registrations, TokenStacks.stockStore(registrations),
						new OnBehalfOfOAuth2AuthorizedClientProvider()));
		stockOnBehalfOf.setPrincipalResolver(new RequestAttributePrincipalResolver());
		this.stockOnBehalfOf = stockOnBehalfOf;
		OAuth2ClientHttpRequestInterceptor stockApplication = new OAuth2ClientHttpRequestInterceptor(
				TokenStacks.stockApplicationManager(registrations, TokenStacks.stockStore(registrations)));
		stockApplication.setPrincipalResolver(new RequestAttributePrincipalResolver());
		this.stockApplication = stockApplication;
		egainOnBehalfOf();
		egainApplication();
		stockOnBehalfOf();
		stockApplication();
		if (this.standIn.getTokenRequests().size() != 4) {
			throw new IllegalStateException("Expected 4 warming token requests, got " + this.standIn.getTokenRequests()
					+ " and rejections " + this.standIn.getRejections());
		}
	}

	/**
	 * Stops the stand-in and checks that no benchmark needed a new token.
	 */
	@TearDown(Level.Trial)
	public void tearDown() {
		int requests = this.standIn.getTokenRequests().size() + this.standIn.getRejections().size();
		this.standIn.close();
		if (requests != 4) {
			throw new IllegalStateException("Expected only the 4 warming token requests, got " + requests);
		}
	}

	/**
	 * Sets a constant header.
	 * @return the response
	 * @throws IOException never
	 */
	@Benchmark
	public ClientHttpResponse floor() throws IOException {
		return FLOOR.intercept(this.floorRequest, BODY, EXECUTION);
	}

	/**
	 * egain-auth, cached on-behalf-of token.
	 * @return the response
	 * @throws IOException never
	 */
	@Benchmark
	public ClientHttpResponse egainOnBehalfOf() throws IOException {
		return this.egain.intercept(this.egainOnBehalfOfRequest, BODY, EXECUTION);
	}

	/**
	 * egain-auth, cached client-credentials token.
	 * @return the response
	 * @throws IOException never
	 */
	@Benchmark
	public ClientHttpResponse egainApplication() throws IOException {
		return this.egain.intercept(this.egainApplicationRequest, BODY, EXECUTION);
	}

	/**
	 * Stock Spring Security, cached on-behalf-of token.
	 * @return the response
	 * @throws IOException never
	 */
	@Benchmark
	public ClientHttpResponse stockOnBehalfOf() throws IOException {
		return this.stockOnBehalfOf.intercept(this.stockOnBehalfOfRequest, BODY, EXECUTION);
	}

	/**
	 * Stock Spring Security, cached client-credentials token.
	 * @return the response
	 * @throws IOException never
	 */
	@Benchmark
	public ClientHttpResponse stockApplication() throws IOException {
		return this.stockApplication.intercept(this.stockApplicationRequest, BODY, EXECUTION);
	}

	/**
	 * A request reused by every call. Each interceptor sets, and so replaces, the one
	 * {@code Authorization} header, so the headers do not grow.
	 */
	private static final class ReusedRequest implements HttpRequest {

		private static final URI URI = java.net.URI
			.create("https://api.ai.egain.cloud/knowledge/portalmgr/v4/articles");

		private final HttpHeaders headers = new HttpHeaders();

		private final Map<String, Object> attributes = new LinkedHashMap<>();

		@SafeVarargs
		ReusedRequest(Consumer<Map<String, Object>>... attributes) {
			for (Consumer<Map<String, Object>> attribute : attributes) {
				attribute.accept(this.attributes);
			}
		}

		@Override
		public HttpMethod getMethod() {
			return HttpMethod.GET;
		}

		@Override
		public URI getURI() {
			return URI;
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.attributes;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

	/**
	 * A {@code 200 OK} with no headers and no body.
	 */
	private static final class OkResponse implements ClientHttpResponse {

		private final HttpHeaders headers = new HttpHeaders();

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public String getStatusText() {
			return "OK";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return InputStream.nullInputStream();
		}

		@Override
		public void close() {
		}

	}

}
