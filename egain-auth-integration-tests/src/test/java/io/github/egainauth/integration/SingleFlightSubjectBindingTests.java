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

package io.github.egainauth.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.CaffeineReactiveOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.OnBehalfOfReactiveOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.endpoint.RestClientOnBehalfOfTokenResponseClient;
import io.github.egainauth.client.endpoint.WebClientReactiveOnBehalfOfTokenResponseClient;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Concurrent callers under one principal, for three subjects at once, while their token
 * requests are held at eGain's door: every waiter of the single flight gets a token
 * issued for its own subject, also when its authorize request carries another subject's
 * authorized client. The eGain stand-in says whom each token was issued for.
 *
 * @author egain-auth authors
 */
class SingleFlightSubjectBindingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final List<EgainSubject> SUBJECTS = List.of(EgainSubject.username("alice"),
			EgainSubject.username("bob"), EgainSubject.email("carol@example.com"));

	private static final int CALLERS_PER_SUBJECT = 8;

	private static final Authentication SCHEDULER = new TestingAuthenticationToken("scheduler", null, "ROLE_JOB");

	private final CountDownLatch release = new CountDownLatch(1);

	private final ExecutorService executor = Executors.newFixedThreadPool(SUBJECTS.size() * CALLERS_PER_SUBJECT);

	private EgainStandIn egain;

	private EgainClientRegistrationRepository registrations;

	@BeforeEach
	void setUp() {
		this.egain = EgainStandIn.start();
		this.registrations = new EgainClientRegistrationRepository(
				List.of(registration("agent", EgainFlow.ON_BEHALF_OF_USER),
						registration("customer", EgainFlow.ON_BEHALF_OF_CUSTOMER)));
	}

	@AfterEach
	void tearDown() {
		this.release.countDown();
		this.executor.shutdownNow();
		this.egain.close();
	}

	@Test
	void authorizeWhenWaitersOfThreeSubjectsShareFlightsThenEachGetsATokenIssuedForItself() throws Exception {
		EgainAuthorizedClientManager earlier = blockingManager();
		List<OAuth2AuthorizedClient> earlierClients = List.of(
				earlier.authorize("agent", EgainSubject.username("alice"), SCHEDULER),
				earlier.authorize("customer", EgainSubject.email("dave@example.com"), SCHEDULER));
		EgainAuthorizedClientManager manager = blockingManager();
		manager.setAuthorizedClientProvider(heldOnBehalfOfProvider());
		List<Future<OAuth2AuthorizedClient>> calls = new ArrayList<>();
		List<EgainSubject> asked = new ArrayList<>();
		for (int i = 0; i < CALLERS_PER_SUBJECT; i++) {
			for (EgainSubject subject : SUBJECTS) {
				// Every other caller carries an earlier token of its client: alice's
				// (also
				// for bob) or dave's (for carol).
				OAuth2AuthorizeRequest request = ((i % 2 == 0)
						? OAuth2AuthorizeRequest.withAuthorizedClient(earlierOf(earlierClients, subject))
						: OAuth2AuthorizeRequest.withClientRegistrationId(clientFor(subject)))
					.principal(SCHEDULER)
					.attribute(EgainSubject.ATTRIBUTE_NAME, subject)
					.build();
				asked.add(subject);
				calls.add(this.executor.submit(() -> manager.authorize(request)));
			}
		}
		int callers = calls.size();
		await().atMost(TIMEOUT).until(() -> manager.getStatistics().waits() + flights(manager) >= callers);
		this.release.countDown();
		for (int i = 0; i < callers; i++) {
			OAuth2AuthorizedClient served = calls.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(issuedFor(served)).as("subject of the token served to caller %d", i).isEqualTo(asked.get(i));
		}
		// Two earlier tokens, then at most one request per subject's flight.
		assertThat(this.egain.getTokenRequests()).hasSizeBetween(2 + SUBJECTS.size() - 1, 2 + SUBJECTS.size());
	}

	@Test
	void reactiveAuthorizeWhenWaitersOfThreeSubjectsShareFlightsThenEachGetsATokenIssuedForItself() {
		EgainReactiveAuthorizedClientManager earlier = reactiveManager(
				new OnBehalfOfReactiveOAuth2AuthorizedClientProvider());
		List<OAuth2AuthorizedClient> earlierClients = Flux
			.concat(earlier.authorize("agent", EgainSubject.username("alice"), SCHEDULER),
					earlier.authorize("customer", EgainSubject.email("dave@example.com"), SCHEDULER))
			.collectList()
			.block(TIMEOUT);
		EgainReactiveAuthorizedClientManager manager = reactiveManager(heldReactiveOnBehalfOfProvider());
		List<Mono<OAuth2AuthorizedClient>> calls = new ArrayList<>();
		List<EgainSubject> asked = new ArrayList<>();
		for (int i = 0; i < CALLERS_PER_SUBJECT; i++) {
			for (EgainSubject subject : SUBJECTS) {
				OAuth2AuthorizeRequest request = ((i % 2 == 0)
						? OAuth2AuthorizeRequest.withAuthorizedClient(earlierOf(earlierClients, subject))
						: OAuth2AuthorizeRequest.withClientRegistrationId(clientFor(subject)))
					.principal(SCHEDULER)
					.attribute(EgainSubject.ATTRIBUTE_NAME, subject)
					.build();
				asked.add(subject);
				calls.add(manager.authorize(request));
			}
		}
		List<OAuth2AuthorizedClient> served = Flux.mergeSequential(calls, calls.size(), 1)
			.doOnSubscribe((subscription) -> Schedulers.boundedElastic().schedule(() -> {
				await().atMost(TIMEOUT).until(() -> manager.getStatistics().waits() + flights(manager) >= calls.size());
				this.release.countDown();
			}))
			.collectList()
			.block(TIMEOUT);
		assertThat(served).hasSameSizeAs(asked);
		for (int i = 0; i < served.size(); i++) {
			assertThat(issuedFor(served.get(i))).as("subject of the token served to caller %d", i)
				.isEqualTo(asked.get(i));
		}
		// Two earlier tokens, then at most one request per subject's flight.
		assertThat(this.egain.getTokenRequests()).hasSizeBetween(2 + SUBJECTS.size() - 1, 2 + SUBJECTS.size());
	}

	/**
	 * Token requests started by either manager: one leader per flight.
	 */
	private static long flights(EgainAuthorizedClientManager manager) {
		return manager.getStatistics().tokenRequests();
	}

	private static long flights(EgainReactiveAuthorizedClientManager manager) {
		return manager.getStatistics().tokenRequests();
	}

	private EgainAuthorizedClientManager blockingManager() {
		return new EgainAuthorizedClientManager(this.registrations::findByRegistrationId,
				new CaffeineOAuth2AuthorizedClientService());
	}

	private EgainReactiveAuthorizedClientManager reactiveManager(
			OnBehalfOfReactiveOAuth2AuthorizedClientProvider provider) {
		EgainReactiveAuthorizedClientManager manager = new EgainReactiveAuthorizedClientManager(
				this.registrations::findByRegistrationId, new CaffeineReactiveOAuth2AuthorizedClientService());
		manager.setAuthorizedClientProvider(provider);
		return manager;
	}

	/**
	 * A provider whose token requests wait until the test lets them through.
	 */
	private OnBehalfOfOAuth2AuthorizedClientProvider heldOnBehalfOfProvider() {
		RestClientOnBehalfOfTokenResponseClient tokenClient = new RestClientOnBehalfOfTokenResponseClient();
		tokenClient.setRestClient(RestClient.builder().requestInterceptor((request, body, execution) -> {
			awaitRelease();
			return execution.execute(request, body);
		}).build());
		OnBehalfOfOAuth2AuthorizedClientProvider provider = new OnBehalfOfOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokenClient);
		return provider;
	}

	private OnBehalfOfReactiveOAuth2AuthorizedClientProvider heldReactiveOnBehalfOfProvider() {
		WebClientReactiveOnBehalfOfTokenResponseClient tokenClient = new WebClientReactiveOnBehalfOfTokenResponseClient();
		tokenClient.setWebClient(WebClient.builder()
			.filter(ExchangeFilterFunction.ofRequestProcessor((request) -> Mono.fromRunnable(this::awaitRelease)
				.subscribeOn(Schedulers.boundedElastic())
				.thenReturn(request)))
			.build());
		OnBehalfOfReactiveOAuth2AuthorizedClientProvider provider = new OnBehalfOfReactiveOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokenClient);
		return provider;
	}

	private void awaitRelease() {
		try {
			this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private EgainSubject issuedFor(OAuth2AuthorizedClient authorizedClient) {
		String token = authorizedClient.getAccessToken().getTokenValue();
		return this.egain.getTokenRequests()
			.stream()
			.filter((request) -> request.accessToken().equals(token))
			.map(TokenRequest::subject)
			.findFirst()
			.orElseThrow(() -> new AssertionError("The stand-in never issued the token served"));
	}

	private static OAuth2AuthorizedClient earlierOf(List<OAuth2AuthorizedClient> earlierClients, EgainSubject subject) {
		return earlierClients.get((subject.getKind() == EgainSubject.Kind.EMAIL) ? 1 : 0);
	}

	private static String clientFor(EgainSubject subject) {
		return (subject.getKind() == EgainSubject.Kind.EMAIL) ? "customer" : "agent";
	}

	private ClientRegistration registration(String name, EgainFlow flow) {
		return EgainClientRegistrations.withRegistrationId(name, flow)
			.clientId(name + "-client")
			.clientSecret(name + "-secret")
			.scope("knowledge.portalmgr.onbehalfof.read")
			.tokenUri(EgainClientRegistrations.tokenUri(flow, this.egain.getBaseUrl(), this.egain.getBaseUrl(),
					this.egain.getTenantId()))
			.build();
	}

}
