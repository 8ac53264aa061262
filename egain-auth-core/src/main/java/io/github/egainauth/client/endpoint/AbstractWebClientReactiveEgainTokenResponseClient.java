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

package io.github.egainauth.client.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Base for the reactive eGain token clients: posts the grant's form to the registration's
 * token endpoint with a {@link WebClient} and reads the answer.
 *
 * @param <T> the grant request type
 * @author egain-auth authors
 */
public abstract class AbstractWebClientReactiveEgainTokenResponseClient<T extends AbstractOAuth2AuthorizationGrantRequest>
		implements ReactiveOAuth2AccessTokenResponseClient<T> {

	private static final byte[] EMPTY = new byte[0];

	private final EgainAccessTokenResponseConverter accessTokenResponseConverter = new EgainAccessTokenResponseConverter();

	// HttpClient.newHttpClient() never follows redirects: a 307 or 308 would replay the
	// form, client secret included, to wherever it points.
	private WebClient webClient = WebClient.builder().clientConnector(new JdkClientHttpConnector()).build();

	private EgainRetryPolicy retryPolicy = EgainRetryPolicy.DEFAULT;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private Consumer<ClientRegistration> tokenUriFailureHandler = (clientRegistration) -> {
	};

	AbstractWebClientReactiveEgainTokenResponseClient() {
	}

	@Override
	public Mono<OAuth2AccessTokenResponse> getTokenResponse(T grantRequest) {
		Assert.notNull(grantRequest, "grantRequest cannot be null");
		EgainRetryPolicy policy = this.retryPolicy;
		return Mono.defer(() -> {
			Observation observation = TokenRequestObservations.start(this.observationRegistry, grantRequest);
			return retrying(grantRequest, policy)
				.doOnSuccess((response) -> TokenRequestObservations.succeeded(observation))
				.doOnError((ex) -> TokenRequestObservations.failed(observation, ex))
				.doOnError(UnusableTokenUriException::isUnusable,
						(ex) -> this.tokenUriFailureHandler.accept(grantRequest.getClientRegistration()))
				.doOnCancel(() -> TokenRequestObservations.cancelled(observation));
		});
	}

	private Mono<OAuth2AccessTokenResponse> retrying(T grantRequest, EgainRetryPolicy policy) {
		return Mono.defer(() -> {
			byte[] body = EgainTokenRequests.body(EgainTokenRequests.parameters(grantRequest));
			long deadline = System.nanoTime() + policy.deadline().toNanos();
			return Mono.defer(() -> exchange(grantRequest, body))
				.retryWhen(Retry.from((failures) -> failures.concatMap((failure) -> {
					int attempt = (int) failure.totalRetries() + 1;
					if (!EgainRetryPolicy.isRetryable(failure.failure())) {
						return Mono.error(failure.failure());
					}
					RetryableTokenRequestException retryable = (RetryableTokenRequestException) failure.failure();
					return Mono.fromCallable(() -> policy.nextBackoff(retryable, attempt, deadline))
						.flatMap(Mono::delay);
				})))
				.timeout(policy.deadline(),
						Mono.error(() -> EgainTokenResponses.deadlineExceeded(grantRequest, policy.deadline())));
		});
	}

	private Mono<OAuth2AccessTokenResponse> exchange(T grantRequest, byte[] body) {
		// @formatter:off
		return this.webClient.post()
			.uri(EgainTokenRequests.tokenUri(grantRequest))
			.headers(EgainTokenRequests::headers)
			.bodyValue(body)
			.exchangeToMono((response) -> readBody(response)
				.defaultIfEmpty(EMPTY)
				.map((responseBody) -> EgainTokenResponses.read(grantRequest, this.accessTokenResponseConverter,
						response.statusCode(), response.headers().asHttpHeaders(), responseBody))
				.onErrorMap(DataBufferLimitException.class,
						(ex) -> EgainTokenResponses.tooLarge(grantRequest, response.statusCode(), ex)))
			.onErrorMap(WebClientException.class, (ex) -> EgainTokenResponses.unreachable(grantRequest, ex));
		// @formatter:on
	}

	/**
	 * Reads at most {@link EgainTokenResponses#MAX_RESPONSE_SIZE} bytes, whatever the
	 * codecs of the web client allow, failing with a {@link DataBufferLimitException} on
	 * a longer body (and cancelling the rest of it).
	 * @param response the response
	 * @return the body
	 */
	private static Mono<byte[]> readBody(ClientResponse response) {
		return DataBufferUtils.join(response.bodyToFlux(DataBuffer.class), EgainTokenResponses.MAX_RESPONSE_SIZE)
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			});
	}

	/**
	 * Sets the {@link WebClient} used to call the token endpoint, e.g. one with connect
	 * and read timeouts. Its filters apply; every answer is read here. It must not follow
	 * redirects: a {@code 307} or {@code 308} would replay the form, client secret
	 * included, to wherever it points. The default, the JDK's {@code HttpClient}, does
	 * not.
	 * @param webClient the web client
	 */
	public final void setWebClient(WebClient webClient) {
		Assert.notNull(webClient, "webClient cannot be null");
		this.webClient = webClient;
	}

	/**
	 * Sets the registry in which each token request is observed, tagged with client, flow
	 * and outcome.
	 * @param observationRegistry the observation registry
	 */
	public final void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "observationRegistry cannot be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Sets how failed token requests are retried, and the overall deadline. The default
	 * is {@link EgainRetryPolicy#DEFAULT}.
	 * @param retryPolicy the retry policy
	 */
	public final void setRetryPolicy(EgainRetryPolicy retryPolicy) {
		Assert.notNull(retryPolicy, "retryPolicy cannot be null");
		this.retryPolicy = retryPolicy;
	}

	/**
	 * Sets what is told of a token request that found no token endpoint at its
	 * registration's token URI: no connection could be made (refused, no route, unknown
	 * host), or eGain answered {@code 404}, {@code 405}, {@code 410} or a redirect. It is
	 * told once per token request, after its last attempt, with the registration used,
	 * e.g. to read a discovered token URI again. By default nothing is told.
	 * @param tokenUriFailureHandler the handler of unusable token URIs
	 */
	public final void setTokenUriFailureHandler(Consumer<ClientRegistration> tokenUriFailureHandler) {
		Assert.notNull(tokenUriFailureHandler, "tokenUriFailureHandler cannot be null");
		this.tokenUriFailureHandler = tokenUriFailureHandler;
	}

	/**
	 * Sets the lifetime given to a token whose response has no {@code expires_in} and
	 * that is not a JWT with an {@code exp} claim. The default is one hour.
	 * @param defaultLifetime the default lifetime, at least one second
	 */
	public final void setDefaultLifetime(Duration defaultLifetime) {
		this.accessTokenResponseConverter.setDefaultLifetime(defaultLifetime);
	}

	/**
	 * Sets the {@link Clock} used to turn a JWT's {@code exp} claim into a lifetime.
	 * @param clock the clock
	 */
	public final void setClock(Clock clock) {
		this.accessTokenResponseConverter.setClock(clock);
	}

}
