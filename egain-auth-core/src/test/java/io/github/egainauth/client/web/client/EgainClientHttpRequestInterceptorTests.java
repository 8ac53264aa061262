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

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.TestEgainTokenEndpoint;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.TestEgainApi;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainClientHttpRequestInterceptor} on a real {@link RestClient}
 * against local token and API servers: the bearer token attached, and one retry with a
 * fresh token, body replayed, when eGain answers {@code 401}.
 *
 * @author egain-auth authors
 */
class EgainClientHttpRequestInterceptorTests {

	private static final String BODY = "{\"query\":\"printer offline\",\"language\":\"en-US\"}";

	private static final EgainSubject SUBJECT = EgainSubject.username("u1");

	private TestEgainTokenEndpoint tokenEndpoint;

	private TestEgainApi api;

	private CaffeineOAuth2AuthorizedClientService authorizedClientService;

	private EgainClientHttpRequestInterceptor interceptor;

	private RestClient restClient;

	@BeforeEach
	void setUp() throws Exception {
		this.tokenEndpoint = TestEgainTokenEndpoint.start();
		this.api = TestEgainApi.start();
		EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(
				List.of(this.tokenEndpoint.registration("agent", EgainFlow.ON_BEHALF_OF_USER),
						this.tokenEndpoint.registration("application", EgainFlow.CLIENT_CREDENTIALS)));
		this.authorizedClientService = new CaffeineOAuth2AuthorizedClientService();
		EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(registrations::findByRegistrationId,
				this.authorizedClientService);
		this.interceptor = new EgainClientHttpRequestInterceptor(new EgainAccessTokens(manager));
		this.interceptor.setDefaultClientName("agent");
		this.restClient = RestClient.builder().baseUrl(this.api.baseUrl()).requestInterceptor(this.interceptor).build();
	}

	@AfterEach
	void tearDown() {
		this.api.close();
		this.tokenEndpoint.close();
	}

	@Test
	void constructorWhenAccessTokensNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EgainClientHttpRequestInterceptor(null))
			.withMessage("accessTokens cannot be null");
	}

	@Test
	void interceptWhenApiAcceptsTokenThenSendsItAsBearerAndReusesIt() throws Exception {
		assertThat(search()).isEqualTo("{\"portals\":[]}");
		assertThat(search()).isEqualTo("{\"portals\":[]}");
		String token = storedToken("username:u1");
		assertThat(this.api.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + token);
		assertThat(this.api.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + token);
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(this.api.requestCount()).isEqualTo(2);
	}

	@Test
	void interceptWhenApiRejectsFirstTokenThenRetriesOnceWithNewTokenAndSameBody() throws Exception {
		this.api.rejectFirstToken();
		assertThat(search()).isEqualTo("{\"portals\":[]}");
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
		assertThat(this.api.requestCount()).isEqualTo(2);
		RecordedRequest rejected = this.api.takeRequest();
		RecordedRequest retried = this.api.takeRequest();
		String newToken = storedToken("username:u1");
		assertThat(retried.getHeaders().get("Authorization")).isEqualTo("Bearer " + newToken)
			.isNotEqualTo(rejected.getHeaders().get("Authorization"));
		assertThat(retried.getMethod()).isEqualTo("POST");
		assertThat(retried.getUrl().encodedPath()).isEqualTo(rejected.getUrl().encodedPath())
			.isEqualTo("/knowledge/search");
		assertThat(retried.getHeaders().get("Content-Type")).isEqualTo(rejected.getHeaders().get("Content-Type"));
		assertThat(retried.getBody()).isEqualTo(rejected.getBody())
			.isEqualTo(ByteString.encodeString(BODY, StandardCharsets.UTF_8));
	}

	@Test
	void interceptWhenRetriedWithNewTokenThenLaterCallsReuseIt() throws Exception {
		this.api.rejectFirstToken();
		search();
		search();
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
		assertThat(this.api.requestCount()).isEqualTo(3);
		this.api.takeRequest();
		String retried = this.api.takeRequest().getHeaders().get("Authorization");
		assertThat(this.api.takeRequest().getHeaders().get("Authorization")).isEqualTo(retried);
	}

	@Test
	void interceptWhenApiRejectsEveryTokenThenReturns401AfterOneRetry() {
		this.api.answerEveryRequestWith(401);
		assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class).isThrownBy(this::search)
			.satisfies((ex) -> assertThat(ex.getResponseBodyAsString()).contains("401-101"));
		assertThat(this.api.requestCount()).isEqualTo(2);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void interceptWhenApiRejectsEveryTokenThenExchangeSees401AfterOneRetry() {
		this.api.answerEveryRequestWith(401);
		HttpStatusCode status = this.restClient.get()
			.uri("/knowledge/portals")
			.attributes(EgainRequestAttributes.subject(SUBJECT))
			.exchange((request, response) -> response.getStatusCode());
		assertThat(status).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.requestCount()).isEqualTo(2);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void interceptWhenApiForbidsThenDoesNotRetryOrEvict() {
		this.api.answerEveryRequestWith(403);
		assertThatExceptionOfType(HttpClientErrorException.Forbidden.class).isThrownBy(this::search);
		assertThat(this.api.requestCount()).isOne();
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(this.authorizedClientService.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1"))
			.isNotNull();
	}

	@Test
	void interceptWhenApplicationClientNamedThenSendsApplicationToken() throws Exception {
		String body = this.restClient.get()
			.uri("/knowledge/portals")
			.attributes(EgainRequestAttributes.client("application"))
			.retrieve()
			.body(String.class);
		assertThat(body).isEqualTo("{\"portals\":[]}");
		assertThat(this.tokenEndpoint.requestCount(TestEgainTokenEndpoint.APPLICATION)).isOne();
		assertThat(this.api.takeRequest().getHeaders().get("Authorization"))
			.isEqualTo("Bearer " + storedToken("application", "egain:application"));
	}

	@Test
	void interceptWhenNoClientNamedAndNoDefaultThenThrowsBeforeAnyRequest() {
		this.interceptor.setDefaultClientName(null);
		assertThatIllegalArgumentException().isThrownBy(this::search)
			.withMessageStartingWith("The call names no eGain client");
		assertThat(this.tokenEndpoint.requestCount()).isZero();
		assertThat(this.api.requestCount()).isZero();
	}

	@Test
	void interceptWhenOnBehalfOfCallHasNoSubjectThenThrowsBeforeAnyRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.restClient.get().uri("/knowledge/portals").retrieve().body(String.class))
			.withMessageStartingWith("eGain client 'agent' uses the on-behalf-of-user flow and needs a subject");
		assertThat(this.tokenEndpoint.requestCount()).isZero();
		assertThat(this.api.requestCount()).isZero();
	}

	@Test
	void interceptWhenApiRejectsFirstTokenThenClosesRejectedResponseBeforeRetrying() throws Exception {
		this.interceptor.setDefaultClientName("application");
		RecordingResponse rejected = new RecordingResponse(HttpStatus.UNAUTHORIZED);
		RecordingResponse accepted = new RecordingResponse(HttpStatus.OK);
		Iterator<RecordingResponse> answers = List.of(rejected, accepted).iterator();
		List<Boolean> rejectedClosedAtRequest = new ArrayList<>();
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET,
				URI.create(this.api.baseUrl() + "/knowledge/portals"));
		ClientHttpResponse response = this.interceptor.intercept(request, new byte[0], (retried, body) -> {
			rejectedClosedAtRequest.add(rejected.closed);
			return answers.next();
		});
		assertThat(response).isSameAs(accepted);
		assertThat(rejectedClosedAtRequest).containsExactly(false, true);
		assertThat(accepted.closed).isFalse();
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	private String search() {
		return this.restClient.post()
			.uri("/knowledge/search")
			.attributes(EgainRequestAttributes.subject(SUBJECT))
			.contentType(MediaType.APPLICATION_JSON)
			.body(BODY)
			.retrieve()
			.body(String.class);
	}

	private String storedToken(String principalName) {
		return storedToken("agent", principalName);
	}

	private String storedToken(String client, String principalName) {
		OAuth2AuthorizedClient stored = this.authorizedClientService.loadAuthorizedClient(client, principalName);
		assertThat(stored).isNotNull();
		return stored.getAccessToken().getTokenValue();
	}

	// Argument checks (found by mutation testing: see docs/testing.md).

	@Test
	void setAllowedOriginsWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.interceptor.setAllowedOrigins(null))
			.withMessage("allowedOrigins cannot be null");
	}

	/**
	 * A response that records whether it was closed.
	 */
	private static final class RecordingResponse extends MockClientHttpResponse {

		private volatile boolean closed;

		RecordingResponse(HttpStatus status) {
			super(new byte[0], status);
		}

		@Override
		public void close() {
			this.closed = true;
			super.close();
		}

	}

}
