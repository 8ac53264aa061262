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

package io.github.egainauth.client.web.reactive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.CaffeineReactiveOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.TestEgainTokenEndpoint;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.TestEgainApi;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainExchangeFilterFunction} on a real {@link WebClient} against local
 * token and API servers: the bearer token attached, and one retry with a fresh token,
 * body replayed, when eGain answers {@code 401}.
 *
 * @author egain-auth authors
 */
class EgainExchangeFilterFunctionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String BODY = "{\"query\":\"printer offline\",\"language\":\"en-US\"}";

	private static final EgainSubject SUBJECT = EgainSubject.username("u1");

	private TestEgainTokenEndpoint tokenEndpoint;

	private TestEgainApi api;

	private CaffeineOAuth2AuthorizedClientService authorizedClientService;

	private EgainExchangeFilterFunction filter;

	private WebClient webClient;

	@BeforeEach
	void setUp() throws Exception {
		this.tokenEndpoint = TestEgainTokenEndpoint.start();
		this.api = TestEgainApi.start();
		EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(
				List.of(this.tokenEndpoint.registration("agent", EgainFlow.ON_BEHALF_OF_USER),
						this.tokenEndpoint.registration("application", EgainFlow.CLIENT_CREDENTIALS)));
		this.authorizedClientService = new CaffeineOAuth2AuthorizedClientService();
		EgainReactiveAuthorizedClientManager manager = new EgainReactiveAuthorizedClientManager(
				registrations::findByRegistrationId,
				new CaffeineReactiveOAuth2AuthorizedClientService(this.authorizedClientService));
		this.filter = new EgainExchangeFilterFunction(new ReactiveEgainAccessTokens(manager));
		this.filter.setDefaultClientName("agent");
		this.webClient = WebClient.builder().baseUrl(this.api.baseUrl()).filter(this.filter).build();
	}

	@AfterEach
	void tearDown() {
		this.api.close();
		this.tokenEndpoint.close();
	}

	@Test
	void constructorWhenAccessTokensNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EgainExchangeFilterFunction(null))
			.withMessage("accessTokens cannot be null");
	}

	@Test
	void filterWhenApiAcceptsTokenThenSendsItAsBearerAndReusesIt() throws Exception {
		assertThat(search().block(TIMEOUT)).isEqualTo("{\"portals\":[]}");
		assertThat(search().block(TIMEOUT)).isEqualTo("{\"portals\":[]}");
		String token = storedToken("agent", "username:u1");
		assertThat(this.api.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + token);
		assertThat(this.api.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + token);
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(this.api.requestCount()).isEqualTo(2);
	}

	@Test
	void filterWhenApiRejectsFirstTokenThenRetriesOnceWithNewTokenAndSameBody() throws Exception {
		this.api.rejectFirstToken();
		assertThat(search().block(TIMEOUT)).isEqualTo("{\"portals\":[]}");
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
		assertThat(this.api.requestCount()).isEqualTo(2);
		RecordedRequest rejected = this.api.takeRequest();
		RecordedRequest retried = this.api.takeRequest();
		assertThat(retried.getHeaders().get("Authorization")).isEqualTo("Bearer " + storedToken("agent", "username:u1"))
			.isNotEqualTo(rejected.getHeaders().get("Authorization"));
		assertThat(retried.getMethod()).isEqualTo("POST");
		assertThat(retried.getUrl().encodedPath()).isEqualTo(rejected.getUrl().encodedPath())
			.isEqualTo("/knowledge/search");
		assertThat(retried.getHeaders().get("Content-Type")).isEqualTo(rejected.getHeaders().get("Content-Type"));
		assertThat(retried.getBody()).isEqualTo(rejected.getBody())
			.isEqualTo(ByteString.encodeString(BODY, StandardCharsets.UTF_8));
	}

	@Test
	void filterWhenRetriedWithNewTokenThenLaterCallsReuseIt() throws Exception {
		this.api.rejectFirstToken();
		search().block(TIMEOUT);
		search().block(TIMEOUT);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
		assertThat(this.api.requestCount()).isEqualTo(3);
		this.api.takeRequest();
		String retried = this.api.takeRequest().getHeaders().get("Authorization");
		assertThat(this.api.takeRequest().getHeaders().get("Authorization")).isEqualTo(retried);
	}

	@Test
	void filterWhenApiRejectsEveryTokenThenReturns401AfterOneRetry() {
		this.api.answerEveryRequestWith(401);
		StepVerifier.create(search())
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOfSatisfying(WebClientResponseException.Unauthorized.class,
							(unauthorized) -> assertThat(unauthorized.getResponseBodyAsString()).contains("401-101")))
			.verify(TIMEOUT);
		assertThat(this.api.requestCount()).isEqualTo(2);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void filterWhenApiRejectsEveryTokenThenExchangeSees401AfterOneRetry() {
		this.api.answerEveryRequestWith(401);
		Mono<HttpStatus> status = this.webClient.get()
			.uri("/knowledge/portals")
			.attributes(EgainRequestAttributes.subject(SUBJECT))
			.exchangeToMono(
					(response) -> response.releaseBody().thenReturn(HttpStatus.valueOf(response.statusCode().value())));
		StepVerifier.create(status).expectNext(HttpStatus.UNAUTHORIZED).expectComplete().verify(TIMEOUT);
		assertThat(this.api.requestCount()).isEqualTo(2);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void filterWhenApiForbidsThenDoesNotRetryOrEvict() {
		this.api.answerEveryRequestWith(403);
		StepVerifier.create(search()).expectError(WebClientResponseException.Forbidden.class).verify(TIMEOUT);
		assertThat(this.api.requestCount()).isOne();
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(this.authorizedClientService.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1"))
			.isNotNull();
	}

	@Test
	void filterWhenApplicationClientNamedThenSendsApplicationToken() throws Exception {
		String body = this.webClient.get()
			.uri("/knowledge/portals")
			.attributes(EgainRequestAttributes.client("application"))
			.retrieve()
			.bodyToMono(String.class)
			.block(TIMEOUT);
		assertThat(body).isEqualTo("{\"portals\":[]}");
		assertThat(this.tokenEndpoint.requestCount(TestEgainTokenEndpoint.APPLICATION)).isOne();
		assertThat(this.api.takeRequest().getHeaders().get("Authorization"))
			.isEqualTo("Bearer " + storedToken("application", "egain:application"));
	}

	@Test
	void filterWhenNoClientNamedAndNoDefaultThenFailsBeforeAnyRequest() {
		this.filter.setDefaultClientName(null);
		StepVerifier.create(search())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("The call names no eGain client"))
			.verify(TIMEOUT);
		assertThat(this.tokenEndpoint.requestCount()).isZero();
		assertThat(this.api.requestCount()).isZero();
	}

	@Test
	void filterWhenOnBehalfOfCallHasNoSubjectThenFailsBeforeAnyRequest() {
		StepVerifier.create(this.webClient.get().uri("/knowledge/portals").retrieve().bodyToMono(String.class))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("eGain client 'agent' uses the on-behalf-of-user flow and needs a subject"))
			.verify(TIMEOUT);
		assertThat(this.tokenEndpoint.requestCount()).isZero();
		assertThat(this.api.requestCount()).isZero();
	}

	private Mono<String> search() {
		return this.webClient.post()
			.uri("/knowledge/search")
			.attributes(EgainRequestAttributes.subject(SUBJECT))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(BODY)
			.retrieve()
			.bodyToMono(String.class);
	}

	private String storedToken(String client, String principalName) {
		OAuth2AuthorizedClient stored = this.authorizedClientService.loadAuthorizedClient(client, principalName);
		assertThat(stored).isNotNull();
		return stored.getAccessToken().getTokenValue();
	}

	// Argument checks (found by mutation testing: see docs/testing.md).

	@Test
	void setAllowedOriginsWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.filter.setAllowedOrigins(null))
			.withMessage("allowedOrigins cannot be null");
	}

}
