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

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Base for the blocking eGain token clients: posts the grant's form to the registration's
 * token endpoint with a {@link RestClient} and reads the answer.
 *
 * @param <T> the grant request type
 * @author egain-auth authors
 */
public abstract class AbstractRestClientEgainTokenResponseClient<T extends AbstractOAuth2AuthorizationGrantRequest>
		implements OAuth2AccessTokenResponseClient<T> {

	private final EgainAccessTokenResponseConverter accessTokenResponseConverter = new EgainAccessTokenResponseConverter();

	// HttpClient.newHttpClient() never follows redirects: a 307 or 308 would replay the
	// form, client secret included, to wherever it points.
	private RestClient restClient = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()).build();

	private EgainRetryPolicy retryPolicy = EgainRetryPolicy.DEFAULT;

	private EgainTokenRequestRetries retries = EgainTokenRequestRetries.sleeping();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private Consumer<ClientRegistration> tokenUriFailureHandler = (clientRegistration) -> {
	};

	AbstractRestClientEgainTokenResponseClient() {
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(T grantRequest) {
		Assert.notNull(grantRequest, "grantRequest cannot be null");
		Observation observation = TokenRequestObservations.start(this.observationRegistry, grantRequest);
		try {
			OAuth2AccessTokenResponse response = retrying(grantRequest);
			TokenRequestObservations.succeeded(observation);
			return response;
		}
		catch (RuntimeException ex) {
			TokenRequestObservations.failed(observation, ex);
			if (UnusableTokenUriException.isUnusable(ex)) {
				this.tokenUriFailureHandler.accept(grantRequest.getClientRegistration());
			}
			throw ex;
		}
	}

	private OAuth2AccessTokenResponse retrying(T grantRequest) {
		byte[] body = EgainTokenRequests.body(EgainTokenRequests.parameters(grantRequest));
		return this.retries.execute(this.retryPolicy, () -> exchange(grantRequest, body));
	}

	private OAuth2AccessTokenResponse exchange(T grantRequest, byte[] body) {
		try {
			// @formatter:off
			return this.restClient.post()
				.uri(EgainTokenRequests.tokenUri(grantRequest))
				.headers(EgainTokenRequests::headers)
				.body(body)
				.exchange((request, response) -> EgainTokenResponses.read(grantRequest,
						this.accessTokenResponseConverter, response.getStatusCode(), response.getHeaders(),
						readBody(grantRequest, response)));
			// @formatter:on
		}
		catch (RestClientException ex) {
			throw EgainTokenResponses.unreachable(grantRequest, ex);
		}
	}

	/**
	 * Reads at most {@link EgainTokenResponses#MAX_RESPONSE_SIZE} bytes, failing as the
	 * reactive client does on a longer body.
	 * @param grantRequest the grant request, for the failure
	 * @param response the response
	 * @return the body
	 * @throws IOException if the body cannot be read
	 */
	private static byte[] readBody(AbstractOAuth2AuthorizationGrantRequest grantRequest, ClientHttpResponse response)
			throws IOException {
		InputStream body = response.getBody();
		byte[] bytes = body.readNBytes(EgainTokenResponses.MAX_RESPONSE_SIZE + 1);
		if (bytes.length > EgainTokenResponses.MAX_RESPONSE_SIZE) {
			// Closing the body first abandons the connection. Closing just the response
			// would read the rest to keep the connection, however long (or endless) it
			// is.
			body.close();
			throw EgainTokenResponses.tooLarge(grantRequest, response.getStatusCode(), null);
		}
		return bytes;
	}

	/**
	 * Sets the {@link RestClient} used to call the token endpoint, e.g. one with connect
	 * and read timeouts. Its status handlers are not used: every answer is read here. It
	 * must not follow redirects: a {@code 307} or {@code 308} would replay the form,
	 * client secret included, to wherever it points. The default, the JDK's
	 * {@code HttpClient}, does not.
	 * @param restClient the rest client
	 */
	public final void setRestClient(RestClient restClient) {
		Assert.notNull(restClient, "restClient cannot be null");
		this.restClient = restClient;
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
	 * Sets what runs a token request and its retries under the retry policy. The default
	 * waits on the calling thread between attempts.
	 * @param retries the retries
	 */
	public final void setRetries(EgainTokenRequestRetries retries) {
		Assert.notNull(retries, "retries cannot be null");
		this.retries = retries;
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
