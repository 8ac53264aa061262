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
import java.util.concurrent.atomic.AtomicReference;
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

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EgainAuthorizedClientManager}: caching per (client, subject), renewal
 * within the clock skew, single-flight token requests, failures and eviction, against a
 * local token endpoint. Requests are counted; nothing is timed.
 *
 * @author egain-auth authors
 */
class EgainAuthorizedClientManagerTests {

	private static final int CALLERS = 64;

	private static final int SUBJECTS = 8;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private TestEgainTokenEndpoint tokenEndpoint;

	private EgainClientRegistrationRepository registrations;

	private CaffeineOAuth2AuthorizedClientService authorizedClientService;

	private EgainAuthorizedClientManager manager;

	@BeforeEach
	void setUp() throws Exception {
		this.tokenEndpoint = TestEgainTokenEndpoint.start();
		this.registrations = new EgainClientRegistrationRepository(
				List.of(this.tokenEndpoint.registration("agent", EgainFlow.ON_BEHALF_OF_USER),
						this.tokenEndpoint.registration("customer", EgainFlow.ON_BEHALF_OF_CUSTOMER),
						this.tokenEndpoint.registration("application", EgainFlow.CLIENT_CREDENTIALS),
						this.tokenEndpoint.registration("anonymous", EgainFlow.ANONYMOUS_CUSTOMER)));
		this.authorizedClientService = new CaffeineOAuth2AuthorizedClientService();
		this.manager = new EgainAuthorizedClientManager(this.registrations::findByRegistrationId,
				this.authorizedClientService);
	}

	@AfterEach
	void tearDown() {
		this.tokenEndpoint.close();
	}

	@Test
	void constructorWhenClientRegistrationRepositoryNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainAuthorizedClientManager(null, this.authorizedClientService))
			.withMessage("clientRegistrationRepository cannot be null");
	}

	@Test
	void constructorWhenAuthorizedClientServiceNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainAuthorizedClientManager(this.registrations::findByRegistrationId, null))
			.withMessage("authorizedClientService cannot be null");
	}

	@Test
	void authorizeWhenRequestNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.authorize(null))
			.withMessage("authorizeRequest cannot be null");
	}

	@Test
	void authorizeWhenClientUnknownThenThrowsBeforeAnyTokenRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.manager.authorize(request("unknown", EgainSubject.username("u1"))))
			.withMessage("No eGain client named 'unknown' is registered; check the name against the keys of "
					+ "egain.auth.clients");
		assertThat(this.tokenEndpoint.requestCount()).isZero();
	}

	@Test
	void authorizeWhenOnBehalfOfClientHasNoSubjectThenThrowsBeforeAnyTokenRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.manager.authorize(EgainAuthorizeRequests.create("agent", null, null)))
			.withMessageStartingWith("eGain client 'agent' uses the on-behalf-of-user flow and needs a subject");
		assertThat(this.tokenEndpoint.requestCount()).isZero();
	}

	@Test
	void authorizeWhenNoTokenStoredThenRequestsAndStoresOne() {
		OAuth2AuthorizedClient authorizedClient = this.manager.authorize(request("agent", EgainSubject.username("u1")));
		assertThat(authorizedClient).isNotNull();
		assertThat(authorizedClient.getPrincipalName()).isEqualTo("username:u1");
		assertThat(this.tokenEndpoint.forms()).singleElement().asString().contains("subject_username=u1");
		OAuth2AuthorizedClient stored = this.authorizedClientService.loadAuthorizedClient("agent", "username:u1");
		assertThat(stored).isNotNull();
		assertThat(stored.getAccessToken().getTokenValue())
			.isEqualTo(authorizedClient.getAccessToken().getTokenValue());
	}

	@Test
	void authorizeWhenSameSubjectAgainThenSendsNoTokenRequest() {
		OAuth2AuthorizedClient first = this.manager.authorize(request("agent", EgainSubject.username("u1")));
		OAuth2AuthorizedClient second = this.manager.authorize(request("agent", EgainSubject.username("u1")));
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(tokenValue(second)).isEqualTo(tokenValue(first));
	}

	@Test
	void authorizeWhenTokenExpiresWithinClockSkewThenRenewsIt() {
		this.tokenEndpoint.expiresIn(30);
		OAuth2AuthorizedClient first = this.manager.authorize(request("agent", EgainSubject.username("u1")));
		OAuth2AuthorizedClient second = this.manager.authorize(request("agent", EgainSubject.username("u1")));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
		assertThat(tokenValue(second)).isNotEqualTo(tokenValue(first));
	}

	@Test
	void authorizeWhenClockReachesClockSkewOfExpiryThenRenewsToken() {
		TestEgainClock clock = new TestEgainClock();
		OnBehalfOfOAuth2AuthorizedClientProvider provider = new OnBehalfOfOAuth2AuthorizedClientProvider();
		provider.setClock(clock);
		this.manager.setAuthorizedClientProvider(provider);
		this.manager.setClock(clock);
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		OAuth2AuthorizedClient first = this.manager.authorize(request);
		// Issued with expires_in 3600: due for renewal ahead 420 s before expiry (the
		// clock skew and a tenth of the lifetime), usable until 60 s before it.
		clock.advance(Duration.ofSeconds(3100));
		assertThat(tokenValue(this.manager.authorize(request))).isEqualTo(tokenValue(first));
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		clock.advance(Duration.ofSeconds(460));
		assertThat(tokenValue(this.manager.authorize(request))).isNotEqualTo(tokenValue(first));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void authorizeWhenUsernameAndUserIdHaveSameValueThenTokensDiffer() {
		OAuth2AuthorizedClient byUsername = this.manager.authorize(request("agent", EgainSubject.username("77")));
		OAuth2AuthorizedClient byUserId = this.manager.authorize(request("agent", EgainSubject.userId("77")));
		assertThat(tokenValue(byUserId)).isNotEqualTo(tokenValue(byUsername));
		assertThat(this.tokenEndpoint.requestCount("username:77")).isOne();
		assertThat(this.tokenEndpoint.requestCount("userid:77")).isOne();
		assertThat(this.tokenEndpoint.forms()).hasSize(2)
			.anySatisfy((form) -> assertThat(form).contains("subject_username=77").doesNotContain("subject_userid"))
			.anySatisfy((form) -> assertThat(form).contains("subject_userid=77").doesNotContain("subject_username"));
	}

	@Test
	void authorizeWhenDifferentClientsForSameSubjectThenTokensDiffer() {
		OAuth2AuthorizedClient agent = this.manager.authorize(request("agent", EgainSubject.username("u1")));
		OAuth2AuthorizedClient customer = this.manager.authorize(request("customer", EgainSubject.email("u1")));
		assertThat(tokenValue(customer)).isNotEqualTo(tokenValue(agent));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "application", "anonymous" })
	void authorizeWhenApplicationFlowThenDifferentPrincipalsShareOneToken(String client) {
		OAuth2AuthorizedClient alice = this.manager
			.authorize(EgainAuthorizeRequests.create(client, null, user("alice")));
		OAuth2AuthorizedClient bob = this.manager.authorize(EgainAuthorizeRequests.create(client, null, user("bob")));
		OAuth2AuthorizedClient nobody = this.manager.authorize(EgainAuthorizeRequests.create(client, null, null));
		assertThat(tokenValue(bob)).isEqualTo(tokenValue(alice));
		assertThat(tokenValue(nobody)).isEqualTo(tokenValue(alice));
		assertThat(this.tokenEndpoint.requestCount(TestEgainTokenEndpoint.APPLICATION)).isOne();
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(alice.getPrincipalName()).isEqualTo(EgainAuthorizeRequests.APPLICATION_PRINCIPAL_NAME);
	}

	@Test
	void authorizeWhen64ConcurrentCallersFor8SubjectsThenOneTokenRequestPerSubject() throws Exception {
		CountDownLatch arrived = this.tokenEndpoint.holdAnswersUntilArrived(CALLERS);
		List<OAuth2AuthorizedClient> authorizedClients = TestEgainConcurrentCallers.call(CALLERS, arrived,
				(caller) -> this.manager.authorize(request("agent", subject(caller))));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(SUBJECTS);
		for (int subject = 0; subject < SUBJECTS; subject++) {
			assertThat(this.tokenEndpoint.requestCount(subject(subject).toString())).isOne();
			int first = subject;
			List<String> tokens = IntStream.range(0, CALLERS)
				.filter((caller) -> caller % SUBJECTS == first)
				.mapToObj((caller) -> tokenValue(authorizedClients.get(caller)))
				.toList();
			assertThat(tokens).hasSize(CALLERS / SUBJECTS).containsOnly(tokens.get(0));
		}
		assertThat(authorizedClients.stream().map(EgainAuthorizedClientManagerTests::tokenValue).distinct())
			.hasSize(SUBJECTS);
		assertThat(this.authorizedClientService.subjectCount()).isEqualTo(SUBJECTS);
	}

	@Test
	void authorizeWhen64ConcurrentCallersForApplicationClientThenOneTokenRequest() throws Exception {
		CountDownLatch arrived = this.tokenEndpoint.holdAnswersUntilArrived(CALLERS);
		List<OAuth2AuthorizedClient> authorizedClients = TestEgainConcurrentCallers.call(CALLERS, arrived,
				(caller) -> this.manager
					.authorize(EgainAuthorizeRequests.create("application", null, user("user-" + caller))));
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(authorizedClients.stream()
			.map(EgainAuthorizedClientManagerTests::tokenValue)
			.collect(Collectors.toSet())).hasSize(1);
	}

	@Test
	void authorizeWhenTokenEndpointFailsWhileCallersWaitThenEveryCallerGetsFailureAndNothingIsStored()
			throws Exception {
		// 401 is not retried, so each shared request is exactly one token request.
		this.tokenEndpoint.failWith(401,
				"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		CountDownLatch arrived = this.tokenEndpoint.holdAnswersUntilArrived(16);
		List<Throwable> failures = TestEgainConcurrentCallers.call(16, arrived,
				(caller) -> catchThrowable(() -> this.manager.authorize(request)));
		assertThat(failures).hasSize(16)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOfSatisfying(ClientAuthorizationException.class,
					(ex) -> {
						assertThat(ex.getClientRegistrationId()).isEqualTo("agent");
						assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client");
						assertThat(ex.getError().getDescription())
							.isEqualTo("Token request for eGain client 'agent' (on-behalf-of-user flow) failed: "
									+ "eGain answered HTTP 401 Unauthorized with error 'invalid_client': "
									+ "Client authentication failed");
					}));
		// Callers share the failure of the request they waited for: one request for all
		// of them, unless a caller that had not yet joined came after it failed.
		int requests = this.tokenEndpoint.requestCount();
		assertThat(failures.stream().distinct()).hasSize(requests);
		assertThat(requests).isLessThan(16);
		assertThat(this.authorizedClientService.subjectCount()).isZero();
		this.tokenEndpoint.succeed();
		assertThat(this.manager.authorize(request)).isNotNull();
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(requests + 1);
		assertThat(this.authorizedClientService.subjectCount()).isOne();
	}

	@Test
	void authorizeWhenTokenEndpointRejectsThenThrowsEgainErrorAndNextCallSendsNewTokenRequest() {
		this.tokenEndpoint.failOnceWith(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Unknown subject\"}");
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		assertThatExceptionOfType(ClientAuthorizationException.class).isThrownBy(() -> this.manager.authorize(request))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"))
			.withMessageContaining("eGain answered HTTP 400 Bad Request with error 'invalid_grant': Unknown subject");
		assertThat(this.authorizedClientService.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1"))
			.isNull();
		assertThat(this.manager.authorize(request)).isNotNull();
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void authorizeWhenWaitersRetryAtOnceAfterFailureThenRetriesGetNewToken() throws Exception {
		this.tokenEndpoint.failOnceWith(401, "{\"error\":\"invalid_client\"}");
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		CountDownLatch arrived = this.tokenEndpoint.holdAnswersUntilArrived(16);
		List<OAuth2AuthorizedClient> authorizedClients = TestEgainConcurrentCallers.call(16, arrived,
				(caller) -> authorizeRetryingOnce(request));
		assertThat(authorizedClients.stream()
			.map(EgainAuthorizedClientManagerTests::tokenValue)
			.collect(Collectors.toSet())).hasSize(1);
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void evictWhenSameTokenStoredThenRemovesIt() {
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		OAuth2AuthorizedClient rejected = this.manager.authorize(request);
		this.manager.evict(rejected);
		assertThat(this.authorizedClientService.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1"))
			.isNull();
		assertThat(tokenValue(this.manager.authorize(request))).isNotEqualTo(tokenValue(rejected));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void evictWhenNewerTokenStoredThenKeepsIt() {
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		OAuth2AuthorizedClient rejected = this.manager.authorize(request);
		this.manager.evict(rejected);
		OAuth2AuthorizedClient newer = this.manager.authorize(request);
		this.manager.evict(rejected);
		OAuth2AuthorizedClient stored = this.authorizedClientService.loadAuthorizedClient("agent", "username:u1");
		assertThat(stored).isNotNull();
		assertThat(tokenValue(stored)).isEqualTo(tokenValue(newer));
		assertThat(tokenValue(this.manager.authorize(request))).isEqualTo(tokenValue(newer));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void evictWhenApplicationTokenThenNextCallRequestsNewOne() {
		OAuth2AuthorizeRequest request = EgainAuthorizeRequests.create("application", null, null);
		OAuth2AuthorizedClient rejected = this.manager.authorize(request);
		this.manager.evict(rejected);
		assertThat(tokenValue(this.manager.authorize(request))).isNotEqualTo(tokenValue(rejected));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void resetWhenTokensStoredThenNextCallsRequestNewOnes() {
		OAuth2AuthorizeRequest subjectRequest = request("agent", EgainSubject.username("u1"));
		OAuth2AuthorizeRequest applicationRequest = EgainAuthorizeRequests.create("application", null, null);
		OAuth2AuthorizedClient subjectClient = this.manager.authorize(subjectRequest);
		OAuth2AuthorizedClient applicationClient = this.manager.authorize(applicationRequest);
		this.manager.reset();
		assertThat(this.authorizedClientService.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1"))
			.isNull();
		assertThat(tokenValue(this.manager.authorize(subjectRequest))).isNotEqualTo(tokenValue(subjectClient));
		assertThat(tokenValue(this.manager.authorize(applicationRequest))).isNotEqualTo(tokenValue(applicationClient));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(4);
	}

	@Test
	void resetWhenCallsServedThenStatisticsRestartFromZero() {
		EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(
				this.registrations::findByRegistrationId, new CaffeineOAuth2AuthorizedClientService(1));
		manager.authorize(request("agent", EgainSubject.username("u1")));
		manager.authorize(request("agent", EgainSubject.username("u1")));
		manager.authorize(request("agent", EgainSubject.username("u2")));
		assertThat(manager.getStatistics()).isEqualTo(new EgainTokenStatistics(1, 2, 0, 1));
		manager.reset();
		assertThat(manager.getStatistics()).isEqualTo(new EgainTokenStatistics(0, 0, 0, 0));
		manager.authorize(request("agent", EgainSubject.username("u1")));
		manager.authorize(request("agent", EgainSubject.username("u1")));
		assertThat(manager.getStatistics()).isEqualTo(new EgainTokenStatistics(1, 1, 0, 0));
	}

	@Test
	void resetWhenClientFailedThenForgetsFailingClientAndFailures() {
		this.tokenEndpoint.failOnceWith(401, "{\"error\":\"invalid_client\"}");
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> this.manager.authorize(request("agent", EgainSubject.username("u1"))));
		assertThat(this.manager.getFailingClients()).containsOnlyKeys("agent");
		assertThat(this.manager.getStatistics().clientFailures()).containsExactly(entry("agent", 1L));
		this.manager.reset();
		assertThat(this.manager.getFailingClients()).isEmpty();
		assertThat(this.manager.getStatistics()).isEqualTo(new EgainTokenStatistics(0, 0, 0, 0));
	}

	@Test
	void resetWhenStoreIsNotTheInMemoryStoreThenKeepsItsTokens() {
		EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(
				this.registrations::findByRegistrationId,
				new InMemoryOAuth2AuthorizedClientService(this.registrations::findByRegistrationId));
		OAuth2AuthorizedClient stored = manager.authorize(request("agent", EgainSubject.username("u1")));
		manager.reset();
		assertThat(tokenValue(manager.authorize(request("agent", EgainSubject.username("u1")))))
			.isEqualTo(tokenValue(stored));
		assertThat(this.tokenEndpoint.requestCount()).isOne();
		assertThat(manager.getStatistics()).isEqualTo(new EgainTokenStatistics(1, 0, 0, 0));
	}

	@Test
	void resetWhenTokenRequestInFlightThenLaterCallerSendsItsOwn() throws Exception {
		CountDownLatch release = this.tokenEndpoint.holdAnswers();
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		CompletableFuture<OAuth2AuthorizedClient> before = CompletableFuture
			.supplyAsync(() -> this.manager.authorize(request));
		await().atMost(TIMEOUT).until(() -> this.tokenEndpoint.requestCount() == 1);
		this.manager.reset();
		CompletableFuture<OAuth2AuthorizedClient> after = CompletableFuture
			.supplyAsync(() -> this.manager.authorize(request));
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

	/**
	 * Authorizes, and once more if that fails, as a caller that retries at once would.
	 */
	private OAuth2AuthorizedClient authorizeRetryingOnce(OAuth2AuthorizeRequest request) {
		AtomicReference<OAuth2AuthorizedClient> authorizedClient = new AtomicReference<>();
		Throwable failure = catchThrowable(() -> authorizedClient.set(this.manager.authorize(request)));
		return (failure != null) ? this.manager.authorize(request) : authorizedClient.get();
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
		assertThatIllegalArgumentException().isThrownBy(() -> this.manager.authorize(" ", null, null))
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
		OAuth2AuthorizedClient stored = this.manager.authorize(request("agent", EgainSubject.username("u1")));
		OAuth2AuthorizedClient expiring = new EgainAuthorizedClient(this.registrations.findByRegistrationId("agent"),
				"username:u1", EgainSubject.username("u1"), token("expiring-token", Duration.ofSeconds(30)), null);
		OAuth2AuthorizedClient renewed = this.manager.authorize(OAuth2AuthorizeRequest.withAuthorizedClient(expiring)
			.principal(EgainAuthorizeRequests.ANONYMOUS_PRINCIPAL)
			.attribute(EgainSubject.ATTRIBUTE_NAME, EgainSubject.username("u1"))
			.build());
		assertThat(tokenValue(renewed)).isNotEqualTo(tokenValue(stored)).isNotEqualTo("expiring-token");
		assertThat(this.tokenEndpoint.requestCount("username:u1")).isEqualTo(2);
	}

	@Test
	void authorizeWhenProviderIssuesNoTokenThenReturnsStoredOne() {
		OAuth2AuthorizedClient expiring = new EgainAuthorizedClient(this.registrations.findByRegistrationId("agent"),
				"username:u1", EgainSubject.username("u1"), token("expiring-token", Duration.ofSeconds(30)), null);
		this.authorizedClientService.saveAuthorizedClient(expiring,
				EgainAuthorizeRequests.storagePrincipal("username:u1"));
		this.manager.setAuthorizedClientProvider((context) -> null);
		assertThat(this.manager.authorize(request("agent", EgainSubject.username("u1")))).isSameAs(expiring);
		assertThat(this.manager.authorize(request("agent", EgainSubject.username("u2")))).isNull();
		assertThat(this.tokenEndpoint.requestCount()).isZero();
	}

	@Test
	void authorizeWhenProviderAnswersWithAnotherSubjectsTokenThenThrowsAndStoresNothing() {
		OAuth2AuthorizedClient otherSubjects = new EgainAuthorizedClient(
				this.registrations.findByRegistrationId("agent"), "username:u2", EgainSubject.username("u2"),
				token("u2-token", Duration.ofHours(1)), null);
		this.manager.setAuthorizedClientProvider((context) -> otherSubjects);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.manager.authorize(request("agent", EgainSubject.username("u1"))))
			.withMessage("The authorized-client provider answered a request of eGain client 'agent' with another "
					+ "client's or subject's token");
		assertThat(this.authorizedClientService.subjectCount()).isZero();
	}

	@Test
	void evictWhenStoreIsNotTheInMemoryStoreAndSameTokenStoredThenRemovesIt() {
		InMemoryOAuth2AuthorizedClientService store = new InMemoryOAuth2AuthorizedClientService(
				this.registrations::findByRegistrationId);
		EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(
				this.registrations::findByRegistrationId, store);
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		OAuth2AuthorizedClient rejected = manager.authorize(request);
		manager.evict(rejected);
		assertThat(store.<OAuth2AuthorizedClient>loadAuthorizedClient("agent", "username:u1")).isNull();
		assertThat(tokenValue(manager.authorize(request))).isNotEqualTo(tokenValue(rejected));
		assertThat(this.tokenEndpoint.requestCount()).isEqualTo(2);
	}

	@Test
	void evictWhenStoreIsNotTheInMemoryStoreAndNewerTokenStoredThenKeepsIt() {
		InMemoryOAuth2AuthorizedClientService store = new InMemoryOAuth2AuthorizedClientService(
				this.registrations::findByRegistrationId);
		EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(
				this.registrations::findByRegistrationId, store);
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		OAuth2AuthorizedClient rejected = manager.authorize(request);
		manager.evict(rejected);
		OAuth2AuthorizedClient newer = manager.authorize(request);
		manager.evict(rejected);
		OAuth2AuthorizedClient stored = store.loadAuthorizedClient("agent", "username:u1");
		assertThat(stored).isNotNull();
		assertThat(tokenValue(stored)).isEqualTo(tokenValue(newer));
		assertThat(tokenValue(manager.authorize(request))).isEqualTo(tokenValue(newer));
		assertThat(this.tokenEndpoint.requestCount("username:u1")).isEqualTo(2);
	}

	@Test
	void authorizeWhenTokenRequestSucceedsAfterClientFailedThenClientIsNoLongerFailing() {
		this.tokenEndpoint.failOnceWith(401, "{\"error\":\"invalid_client\"}");
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		assertThatExceptionOfType(ClientAuthorizationException.class).isThrownBy(() -> this.manager.authorize(request));
		assertThat(this.manager.getFailingClients()).containsOnlyKeys("agent");
		assertThat(this.manager.authorize(request)).isNotNull();
		assertThat(this.manager.getFailingClients()).isEmpty();
		assertThat(this.manager.getStatistics().clientFailures()).containsExactly(entry("agent", 1L));
	}

	@Test
	void resetWhenCallerWaitedAndSubjectRejectedThenCountsRestartFromZero() throws Exception {
		CountDownLatch release = this.tokenEndpoint.holdAnswers();
		OAuth2AuthorizeRequest request = request("agent", EgainSubject.username("u1"));
		CompletableFuture<OAuth2AuthorizedClient> leader = CompletableFuture
			.supplyAsync(() -> this.manager.authorize(request));
		await().atMost(TIMEOUT).until(() -> this.tokenEndpoint.requestCount() == 1);
		CompletableFuture<OAuth2AuthorizedClient> waiter = CompletableFuture
			.supplyAsync(() -> this.manager.authorize(request));
		await().atMost(TIMEOUT).until(() -> this.manager.getStatistics().waits() == 1);
		release.countDown();
		assertThat(tokenValue(waiter.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)))
			.isEqualTo(tokenValue(leader.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)));
		this.tokenEndpoint.failOnceWith(400, "{\"error\":\"invalid_grant\"}");
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> this.manager.authorize(request("agent", EgainSubject.username("u2"))));
		assertThat(this.manager.getStatistics().subjectFailures()).containsExactly(entry("agent", 1L));
		this.manager.reset();
		assertThat(this.manager.getStatistics().waits()).isZero();
		assertThat(this.manager.getStatistics().subjectFailures()).isEmpty();
		assertThat(this.manager.getStatistics()).isEqualTo(new EgainTokenStatistics(0, 0, 0, 0));
	}

	private static OAuth2AccessToken token(String value, Duration lifetime) {
		Instant issuedAt = Instant.now();
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, issuedAt, issuedAt.plus(lifetime));
	}

}
