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

package io.github.egainauth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.test.StepVerifier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EgainReactiveAuthorizedClientManager}: caching per (client, subject),
 * renewal within the clock skew, single-flight token requests, failures and eviction,
 * against a local token endpoint. Requests are counted; nothing is timed.
 *
 * @author egain-auth authors
 */
class EgainReactiveAuthorizedClientManagerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int CALLERS = 64;

	private static final int SUBJECTS = 8;

	private TestEgainTokenEndpoint tokenEndpoint;

	private EgainClientRegistrationRepository registrations;

	private CaffeineReactiveOAuth2AuthorizedClientService authorizedClientService;

	private EgainReactiveAuthorizedClientManager manager;

	@BeforeEach
	void setUp() throws Exception {
		this.tokenEndpoint = TestEgainTokenEndpoint.start();
		this.registrations = new EgainClientRegistrationRepository(
				List.of(this.tokenEndpoint.registration("agent", EgainFlow.ON_BEHALF_OF_USER),
						this.tokenEndpoint.registration("customer", EgainFlow.ON_BEHALF_OF_CUSTOMER),
						this.tokenEndpoint.registration("application", EgainFlow.CLIENT_CREDENTIALS),
						this.tokenEndpoint.registration("anonymous", EgainFlow.ANONYMOUS_CUSTOMER)));
		this.authorizedClientService = new CaffeineReactiveOAuth2AuthorizedClientService();
		this.manager = new EgainReactiveAuthorizedClientManager(this.registrations::findByRegistrationId,
				this.authorizedClientService);
	}

	@AfterEach
	void tearDown() {
		this.tokenEndpoint.close();
	}

	@Test
	void constructorWhenClientRegistrationRepositoryNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainReactiveAuthorizedClientManager((ClientRegistrationRepository) null,
					this.authorizedClientService))
			.withMessage("clientRegistrationRepository cannot be null");
	}

	@Test
	void constructorWhenRegistrationsNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainReactiveAuthorizedClientManager((EgainClientRegistrationRepository) null,
					this.authorizedClientService))
			.withMessage("registrations cannot be null");
	}

	@Test
	void constructorWhenAuthorizedClientServiceNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainReactiveAuthorizedClientManager(this.registrations::findByRegistrationId, null))
			.withMessage("authorizedClientService cannot be null");
	}

	@Test
	void authorizeWhenRequestNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.authorize(null))
			.withMessage("authorizeRequest cannot be null");
	}

	@Test
	void authorizeWhenClientUnknownThenFailsBeforeAnyTokenRequest() {
		StepVerifier.create(this.manager.authorize(request("unknown", EgainSubject.username("u1"))))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("No eGain client named 'unknown' is registered; check the name against the keys of "
						+ "egain.auth.clients"))
			.verify(TIMEOUT);
		assertThat(this.tokenEndpoint.requestCount()).isZero();
	}

	@Test
	void authorizeWhenOnBehalfOfClientHasNoSubjectThenFailsBeforeAnyTokenRequest() {
		StepVerifier.create(this.manager.authorize(EgainAuthorizeRequests.create("agent", null, null)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("eGain client 'agent' uses the on-behalf-of-user flow and needs a subject"))
			.verify(TIMEOUT);
		assertThat(this.tokenEndpoint.requestCount()).isZero();
	}

	@Test
	void authorizeWhenNoTokenStoredThenRequestsAndStoresOne() {
		OAuth2AuthorizedClient authorizedClient = authorize(request("agent", EgainSubject.username("u1")));
		assertThat(authorizedClient.getPrincipalName()).isEqualTo("username:u1");
		assertThat(this.tokenEndpoint.forms()).singleElement().asString().contains("subject_username=u1");
		OAuth2AuthorizedClient stored = loadStored("agent", "username:u1");
		assertThat(stored).isNotNull();
		assertThat(tokenValue(stored)).isEqualTo(tokenValue(authorizedClient));
	}

	@Test
	void authorizeWhenSameSubjectAgainThenSendsNoTokenRequest() {
		OAuth2AuthorizedClient first = authorize(request("agent", EgainSubject.username("u1")));
		OAuth2AuthorizedClient second = authorize(request("agent", EgainSubject.username("u1")));
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(tokenValue(second)).isEqualTo(tokenValue(first));
	}

	@Test
	void authorizeWhenTokenExpiresWithinClockSkewThenRenewsIt() {
		this.tokenEndpoint.expiresIn(30);
		OAuth2AuthorizedClient first = authorize(request("agent", EgainSubject.username("u1")));
		OAuth2AuthorizedClient second = authorize(request("agent", EgainSubject.username("u1")));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
		assertThat(tokenValue(second)).isNotEqualTo(tokenValue(first));
	}

	@Test
	void authorizeWhenClockReachesClockSkewOfExpiryThenRenewsToken() {
		TestEgainClock clock = new TestEgainClock();
		OnBehalfOfReactiveOAuth2AuthorizedClientProvider provider = new OnBehalfOfReactiveOAuth2AuthorizedClientProvider();
		provider.setClock(clock);
		this.manager.setAuthorizedClientProvider(provider);
		this.manager.setClock(clock);
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		OAuth2AuthorizedClient first = authorize(request);
		// Issued with expires_in 3600: due for renewal ahead 420 s before expiry (the
		// clock skew and a tenth of the lifetime), usable until 60 s before it.
		clock.advance(Duration.ofSeconds(3100));
		assertThat(tokenValue(authorize(request))).isEqualTo(tokenValue(first));
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		clock.advance(Duration.ofSeconds(460));
		assertThat(tokenValue(authorize(request))).isNotEqualTo(tokenValue(first));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void authorizeWhenUsernameAndUserIdHaveSameValueThenTokensDiffer() {
		OAuth2AuthorizedClient byUsername = authorize(request("agent", EgainSubject.username("77")));
		OAuth2AuthorizedClient byUserId = authorize(request("agent", EgainSubject.userId("77")));
		assertThat(tokenValue(byUserId)).isNotEqualTo(tokenValue(byUsername));
		assertThat(this.tokenEndpoint.requestCount("username:77")).isOne();
		assertThat(this.tokenEndpoint.requestCount("userid:77")).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "application", "anonymous" })
	void authorizeWhenApplicationFlowThenDifferentPrincipalsShareOneToken(String client) {
		OAuth2AuthorizedClient alice = authorize(EgainAuthorizeRequests.create(client, null, user("alice")));
		OAuth2AuthorizedClient bob = authorize(EgainAuthorizeRequests.create(client, null, user("bob")));
		OAuth2AuthorizedClient nobody = authorize(EgainAuthorizeRequests.create(client, null, null));
		assertThat(tokenValue(bob)).isEqualTo(tokenValue(alice));
		assertThat(tokenValue(nobody)).isEqualTo(tokenValue(alice));
		assertThat(this.tokenEndpoint.requestCount(TestEgainTokenEndpoint.APPLICATION)).isOne();
		assertThat(this.tokenEndpoint.requestCount()).isOne();
	}

	@Test
	void authorizeWhen64ConcurrentSubscriptionsFor8SubjectsThenOneTokenRequestPerSubject() {
		CountDownLatch arrived = this.tokenEndpoint.holdAnswersUntilArrived(CALLERS);
		List<Signal<OAuth2AuthorizedClient>> outcomes = TestEgainConcurrentCallers.subscribe(CALLERS, arrived,
				(caller) -> this.manager.authorize(request("agent", subject(caller))));
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.isOnNext()).isTrue());
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(SUBJECTS);
		for (int subject = 0; subject < SUBJECTS; subject++) {
			assertThat(this.tokenEndpoint.requestCount(subject(subject).toString())).isOne();
			int first = subject;
			List<String> tokens = IntStream.range(0, CALLERS)
				.filter((caller) -> caller % SUBJECTS == first)
				.mapToObj((caller) -> tokenValue(outcomes.get(caller).get()))
				.toList();
			assertThat(tokens).hasSize(CALLERS / SUBJECTS).containsOnly(tokens.get(0));
		}
		assertThat(outcomes.stream().map((outcome) -> tokenValue(outcome.get())).distinct()).hasSize(SUBJECTS);
		assertThat(this.authorizedClientService.subjectCount()).isEqualTo(SUBJECTS);
	}

	@Test
	void authorizeWhen64ConcurrentSubscriptionsForApplicationClientThenOneTokenRequest() {
		CountDownLatch arrived = this.tokenEndpoint.holdAnswersUntilArrived(CALLERS);
		List<Signal<OAuth2AuthorizedClient>> outcomes = TestEgainConcurrentCallers.subscribe(CALLERS, arrived,
				(caller) -> this.manager
					.authorize(EgainAuthorizeRequests.create("application", null, user("user-" + caller))));
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.isOnNext()).isTrue());
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(outcomes.stream().map((outcome) -> tokenValue(outcome.get())).collect(Collectors.toSet()))
			.hasSize(1);
	}

	@Test
	void authorizeWhenTokenEndpointFailsWhileSubscribersWaitThenEverySubscriberGetsFailureAndNothingIsStored()
			throws Exception {
		// 401 is not retried, so each shared request is exactly one token request.
		this.tokenEndpoint.failWith(401,
				"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		CountDownLatch release = this.tokenEndpoint.holdAnswers();
		// Subscribing on this thread joins all 16 to the one token request before the
		// endpoint may answer it.
		CompletableFuture<List<Signal<OAuth2AuthorizedClient>>> subscriptions = Flux.range(0, 16)
			.flatMap((caller) -> this.manager.authorize(request).materialize(), 16)
			.collectList()
			.toFuture();
		release.countDown();
		List<Signal<OAuth2AuthorizedClient>> outcomes = subscriptions.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(outcomes).hasSize(16)
			.allSatisfy((outcome) -> assertThat(outcome.getThrowable())
				.isInstanceOfSatisfying(ClientAuthorizationException.class, (ex) -> {
					assertThat(ex.getClientRegistrationId()).isEqualTo("agent");
					assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client");
					assertThat(ex.getError().getDescription())
						.isEqualTo("Token request for eGain client 'agent' (on-behalf-of-user flow) failed: "
								+ "eGain answered HTTP 401 Unauthorized with error 'invalid_client': "
								+ "Client authentication failed");
				}));
		assertThat(this.authorizedClientService.subjectCount()).isZero();
		this.tokenEndpoint.succeed();
		assertThat(authorize(request)).isNotNull();
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
		assertThat(this.authorizedClientService.subjectCount()).isOne();
	}

	@Test
	void authorizeWhenTokenEndpointRejectsThenFailsWithEgainErrorAndNextCallSendsNewTokenRequest() {
		this.tokenEndpoint.failOnceWith(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Unknown subject\"}");
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		StepVerifier.create(this.manager.authorize(request))
			.expectErrorSatisfies((ex) -> assertThat(ex)
				.isInstanceOfSatisfying(ClientAuthorizationException.class,
						(failure) -> assertThat(failure.getError().getErrorCode()).isEqualTo("invalid_grant"))
				.hasMessageContaining(
						"eGain answered HTTP 400 Bad Request with error 'invalid_grant': Unknown subject"))
			.verify(TIMEOUT);
		assertThat(loadStored("agent", "username:u1")).isNull();
		assertThat(authorize(request)).isNotNull();
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void authorizeWhenRetriedAtOnceAfterFailureThenRetrySendsNewTokenRequest() {
		this.tokenEndpoint.failOnceWith(401, "{\"error\":\"invalid_client\"}");
		OAuth2AuthorizedClient authorizedClient = this.manager.authorize(request("agent", EgainSubject.username("u1")))
			.retry(1)
			.block(TIMEOUT);
		assertThat(authorizedClient).isNotNull();
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void authorizeWhenWaitersRetryAtOnceAfterFailureThenRetriesGetNewToken() {
		this.tokenEndpoint.failOnceWith(401, "{\"error\":\"invalid_client\"}");
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		CountDownLatch arrived = this.tokenEndpoint.holdAnswersUntilArrived(16);
		List<Signal<OAuth2AuthorizedClient>> outcomes = TestEgainConcurrentCallers.subscribe(16, arrived,
				(caller) -> this.manager.authorize(request).retry(1));
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.isOnNext()).isTrue());
		assertThat(outcomes.stream().map((outcome) -> tokenValue(outcome.get())).collect(Collectors.toSet()))
			.hasSize(1);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void evictWhenSameTokenStoredThenRemovesIt() {
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		OAuth2AuthorizedClient rejected = authorize(request);
		StepVerifier.create(this.manager.evict(rejected)).expectComplete().verify(TIMEOUT);
		assertThat(loadStored("agent", "username:u1")).isNull();
		assertThat(tokenValue(authorize(request))).isNotEqualTo(tokenValue(rejected));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void evictWhenNewerTokenStoredThenKeepsIt() {
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		OAuth2AuthorizedClient rejected = authorize(request);
		StepVerifier.create(this.manager.evict(rejected)).expectComplete().verify(TIMEOUT);
		OAuth2AuthorizedClient newer = authorize(request);
		StepVerifier.create(this.manager.evict(rejected)).expectComplete().verify(TIMEOUT);
		OAuth2AuthorizedClient stored = loadStored("agent", "username:u1");
		assertThat(stored).isNotNull();
		assertThat(tokenValue(stored)).isEqualTo(tokenValue(newer));
		assertThat(tokenValue(authorize(request))).isEqualTo(tokenValue(newer));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void evictWhenNothingStoredThenCompletes() {
		OAuth2AuthorizedClient rejected = authorize(request("agent", EgainSubject.username("u1")));
		StepVerifier.create(this.authorizedClientService.removeAuthorizedClient("agent", "username:u1"))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.manager.evict(rejected)).expectComplete().verify(TIMEOUT);
		assertThat(loadStored("agent", "username:u1")).isNull();
	}

	@Test
	void resetWhenTokensStoredThenNextCallsRequestNewOnes() {
		OAuth2AuthorizeRequest subjectRequest = request("agent", EgainSubject.username("u1"));
		OAuth2AuthorizeRequest applicationRequest = EgainAuthorizeRequests.create("application", null, null);
		OAuth2AuthorizedClient subjectClient = authorize(subjectRequest);
		OAuth2AuthorizedClient applicationClient = authorize(applicationRequest);
		this.manager.reset();
		assertThat(loadStored("agent", "username:u1")).isNull();
		assertThat(tokenValue(authorize(subjectRequest))).isNotEqualTo(tokenValue(subjectClient));
		assertThat(tokenValue(authorize(applicationRequest))).isNotEqualTo(tokenValue(applicationClient));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(4);
	}

	@Test
	void resetWhenCallsServedThenStatisticsRestartFromZero() {
		this.manager = new EgainReactiveAuthorizedClientManager(this.registrations::findByRegistrationId,
				new CaffeineReactiveOAuth2AuthorizedClientService(new CaffeineOAuth2AuthorizedClientService(1)));
		authorize(request("agent", EgainSubject.username("u1")));
		authorize(request("agent", EgainSubject.username("u1")));
		authorize(request("agent", EgainSubject.username("u2")));
		assertThat(this.manager.getStatistics()).isEqualTo(new EgainTokenStatistics(1, 2, 0, 1));
		this.manager.reset();
		assertThat(this.manager.getStatistics()).isEqualTo(new EgainTokenStatistics(0, 0, 0, 0));
		authorize(request("agent", EgainSubject.username("u1")));
		authorize(request("agent", EgainSubject.username("u1")));
		assertThat(this.manager.getStatistics()).isEqualTo(new EgainTokenStatistics(1, 1, 0, 0));
	}

	@Test
	void resetWhenClientFailedThenForgetsFailingClientAndFailures() {
		this.tokenEndpoint.failOnceWith(401, "{\"error\":\"invalid_client\"}");
		StepVerifier.create(this.manager.authorize(request("agent", EgainSubject.username("u1"))))
			.expectError(ClientAuthorizationException.class)
			.verify(TIMEOUT);
		assertThat(this.manager.getFailingClients()).containsOnlyKeys("agent");
		assertThat(this.manager.getStatistics().clientFailures()).containsExactly(entry("agent", 1L));
		this.manager.reset();
		assertThat(this.manager.getFailingClients()).isEmpty();
		assertThat(this.manager.getStatistics()).isEqualTo(new EgainTokenStatistics(0, 0, 0, 0));
	}

	@Test
	void resetWhenStoreIsNotTheInMemoryStoreThenKeepsItsTokens() {
		this.manager = new EgainReactiveAuthorizedClientManager(this.registrations::findByRegistrationId,
				new InMemoryReactiveOAuth2AuthorizedClientService(
						(registrationId) -> Mono.justOrEmpty(this.registrations.findByRegistrationId(registrationId))));
		OAuth2AuthorizedClient stored = authorize(request("agent", EgainSubject.username("u1")));
		this.manager.reset();
		assertThat(tokenValue(authorize(request("agent", EgainSubject.username("u1"))))).isEqualTo(tokenValue(stored));
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(this.manager.getStatistics()).isEqualTo(new EgainTokenStatistics(1, 0, 0, 0));
	}

	@Test
	void resetWhenTokenRequestInFlightThenLaterSubscriberSendsItsOwn() throws Exception {
		CountDownLatch release = this.tokenEndpoint.holdAnswers();
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		CompletableFuture<OAuth2AuthorizedClient> before = this.manager.authorize(request).toFuture();
		await().atMost(TIMEOUT).until(() -> this.tokenEndpoint.requestCount() == 1);
		this.manager.reset();
		CompletableFuture<OAuth2AuthorizedClient> after = this.manager.authorize(request).toFuture();
		await().atMost(TIMEOUT).until(() -> this.tokenEndpoint.requestCount() == 2);
		release.countDown();
		assertThat(tokenValue(after.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)))
			.isNotEqualTo(tokenValue(before.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)));
		assertThat(this.manager.getStatistics().waits()).isZero();
	}

	@Test
	void evictWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.evict(null))
			.withMessage("authorizedClient cannot be null");
	}

	@Test
	void setClockSkewWhenNegativeThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.setClockSkew(Duration.ofSeconds(-1)))
			.withMessage("clockSkew must be >= 0");
	}

	@Test
	void setClockWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.setClock(null))
			.withMessage("clock cannot be null");
	}

	@Test
	void setAuthorizedClientProviderWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.setAuthorizedClientProvider(null))
			.withMessage("authorizedClientProvider cannot be null");
	}

	@Test
	void setSubjectResolverWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.setSubjectResolver(null))
			.withMessage("subjectResolver cannot be null");
	}

	private OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest request) {
		OAuth2AuthorizedClient authorizedClient = this.manager.authorize(request).block(TIMEOUT);
		assertThat(authorizedClient).isNotNull();
		return authorizedClient;
	}

	private OAuth2AuthorizedClient loadStored(String client, String principalName) {
		return this.authorizedClientService.<OAuth2AuthorizedClient>loadAuthorizedClient(client, principalName)
			.block(TIMEOUT);
	}

	private static OAuth2AuthorizeRequest request(String client, EgainSubject subject) {
		return EgainAuthorizeRequests.create(client, subject, null);
	}

	private static EgainSubject subject(int caller) {
		return EgainSubject.username("user-" + (caller % SUBJECTS));
	}

	private static Authentication user(String name) {
		return UsernamePasswordAuthenticationToken.authenticated(name, "n/a", AuthorityUtils.NO_AUTHORITIES);
	}

	private static String tokenValue(OAuth2AuthorizedClient authorizedClient) {
		return authorizedClient.getAccessToken().getTokenValue();
	}

	// Argument checks (found by mutation testing: see docs/testing.md).

	@Test
	void authorizeWhenClientNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.authorize(" ", null, null).block())
			.withMessage("clientName cannot be empty");
	}

	@Test
	void setTokenExpiryWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.setTokenExpiry(null))
			.withMessage("tokenExpiry cannot be null");
	}

	// Paths found by mutation testing: see docs/testing.md.

	@Test
	void authorizeWhenRequestCarriesSubjectsExpiringTokenThenRenewsItEvenIfAnotherIsStored() {
		OAuth2AuthorizedClient stored = authorize(request("agent", EgainSubject.username("u1")));
		OAuth2AuthorizedClient expiring = new EgainAuthorizedClient(this.registrations.findByRegistrationId("agent"),
				"username:u1", EgainSubject.username("u1"), token("expiring-token", Duration.ofSeconds(30)), null);
		OAuth2AuthorizedClient renewed = authorize(OAuth2AuthorizeRequest.withAuthorizedClient(expiring)
			.principal(EgainAuthorizeRequests.ANONYMOUS_PRINCIPAL)
			.attribute(EgainSubject.ATTRIBUTE_NAME, EgainSubject.username("u1"))
			.build());
		assertThat(tokenValue(renewed)).isNotEqualTo(tokenValue(stored)).isNotEqualTo("expiring-token");
		assertThat(this.tokenEndpoint.requestCount("username:u1")).isEqualTo(2);
	}

	@Test
	void authorizeWhenProviderAnswersWithAnotherSubjectsTokenThenFailsAndStoresNothing() {
		OAuth2AuthorizedClient otherSubjects = new EgainAuthorizedClient(
				this.registrations.findByRegistrationId("agent"), "username:u2", EgainSubject.username("u2"),
				token("u2-token", Duration.ofHours(1)), null);
		this.manager.setAuthorizedClientProvider((context) -> Mono.just(otherSubjects));
		StepVerifier.create(this.manager.authorize(request("agent", EgainSubject.username("u1"))))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessage("The authorized-client provider answered a request of eGain client 'agent' with "
						+ "another client's or subject's token"))
			.verify(TIMEOUT);
		assertThat(loadStored("agent", "username:u1")).isNull();
		assertThat(loadStored("agent", "username:u2")).isNull();
	}

	@Test
	void authorizeWhenTokenRequestSucceedsAfterClientFailedThenClientIsNoLongerFailing() {
		this.tokenEndpoint.failOnceWith(401, "{\"error\":\"invalid_client\"}");
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		StepVerifier.create(this.manager.authorize(request))
			.expectError(ClientAuthorizationException.class)
			.verify(TIMEOUT);
		assertThat(this.manager.getFailingClients()).containsOnlyKeys("agent");
		assertThat(authorize(request)).isNotNull();
		assertThat(this.manager.getFailingClients()).isEmpty();
		assertThat(this.manager.getStatistics().clientFailures()).containsExactly(entry("agent", 1L));
	}

	private static OAuth2AccessToken token(String value, Duration lifetime) {
		Instant issuedAt = Instant.now();
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, issuedAt, issuedAt.plus(lifetime));
	}

}
