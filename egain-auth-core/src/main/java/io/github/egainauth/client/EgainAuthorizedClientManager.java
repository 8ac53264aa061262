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

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.DelegatingOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientId;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.util.Assert;

/**
 * The blocking authorized-client manager for eGain clients. Unlike Spring's request-bound
 * managers it needs no servlet request, so it works in scheduled jobs, {@code @Async}
 * methods and message listeners. Tokens are stored per (client, subject): an on-behalf-of
 * token under its {@link EgainSubject} (e.g. {@code username:pa}), an application-level
 * token once per client. A call that names no subject gets the one the
 * {@link EgainSubjectResolver} derives from its authenticated principal. Every
 * on-behalf-of token it returns is an {@link EgainAuthorizedClient} issued for the call's
 * subject: a token stored or passed in for another subject is never returned.
 * <p>
 * It deliberately does not implement {@code OAuth2AuthorizedClientManager}: as a bean of
 * that type it would displace the manager Spring Security builds for the application's
 * own clients. Where that interface is wanted, pass {@code manager::authorize}.
 * <p>
 * With refresh ahead (the default), a token used after its
 * {@linkplain EgainTokenExpiry#isDueForRenewal renewal point} is renewed once on the
 * {@linkplain #setRenewalExecutor renewal executor} while callers keep getting it; if
 * renewing fails, it is served until it actually expires, and renewed again at most once
 * per {@linkplain #setRenewalBackoff backoff interval}. A caller whose token has expired
 * while its renewal still waits in the executor's queue runs that renewal itself rather
 * than wait for the queue.
 *
 * @author egain-auth authors
 * @see EgainReactiveAuthorizedClientManager
 */
public final class EgainAuthorizedClientManager implements EgainTokenStatus {

	private static final Log logger = LogFactory.getLog(EgainAuthorizedClientManager.class);

	private final ClientRegistrationRepository clientRegistrationRepository;

	private final OAuth2AuthorizedClientService authorizedClientService;

	private final Object[] locks = new Object[64];

	private OAuth2AuthorizedClientProvider authorizedClientProvider = defaultAuthorizedClientProvider();

	private final ConcurrentMap<OAuth2AuthorizedClientId, CompletableFuture<@Nullable OAuth2AuthorizedClient>> inFlight = new ConcurrentHashMap<>();

	private final Map<CompletableFuture<@Nullable OAuth2AuthorizedClient>, Runnable> queuedRenewals = new ConcurrentHashMap<>();

	private final TokenCounters counters = new TokenCounters(logger);

	private EgainSubjectResolver subjectResolver = EgainSubjectResolver.principalName();

	private @Nullable OAuth2AuthorizedClientService loginClientService;

	private EgainTokenExpiry tokenExpiry = EgainTokenExpiry.defaults();

	private final FailedRenewals failedRenewals = new FailedRenewals();

	private boolean refreshAhead = true;

	private Executor renewalExecutor = Runnable::run;

	private Duration renewalBackoff = EgainRetryPolicy.DEFAULT.maxBackoff();

	/**
	 * Constructs a manager that stores tokens in the given service.
	 * @param clientRegistrationRepository the eGain client registrations
	 * @param authorizedClientService where tokens are stored
	 */
	public EgainAuthorizedClientManager(ClientRegistrationRepository clientRegistrationRepository,
			OAuth2AuthorizedClientService authorizedClientService) {
		Assert.notNull(clientRegistrationRepository, "clientRegistrationRepository cannot be null");
		Assert.notNull(authorizedClientService, "authorizedClientService cannot be null");
		this.clientRegistrationRepository = clientRegistrationRepository;
		this.authorizedClientService = authorizedClientService;
		Arrays.setAll(this.locks, (index) -> new Object());
	}

	/**
	 * Returns the named client's current token for the request's subject, obtaining a new
	 * one if there is none or it is about to expire. Concurrent callers that need the
	 * same missing or expiring token share one token request (single-flight); if it
	 * fails, every one of them gets the failure and nothing is stored. An authorized
	 * client in the request is renewed if it is this client's token for the request's
	 * subject and about to expire; one issued for another subject is ignored.
	 * @param authorizeRequest the authorize request
	 * @return the authorized client
	 * @throws IllegalArgumentException if the client is unknown, or is an on-behalf-of
	 * client and the request has no subject
	 */
	public @Nullable OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest authorizeRequest) {
		Assert.notNull(authorizeRequest, "authorizeRequest cannot be null");
		return authorize(authorizeRequest.getClientRegistrationId(),
				authorizeRequest.<EgainSubject>getAttribute(EgainSubject.ATTRIBUTE_NAME),
				authorizeRequest.getPrincipal(), authorizeRequest.getAuthorizedClient());
	}

	/**
	 * Returns the named client's current token for a subject, as
	 * {@link #authorize(OAuth2AuthorizeRequest)} does, without building an authorize
	 * request: the cheapest way in for a caller that knows client and subject.
	 * @param clientName the client's name under {@code egain.auth.clients}
	 * @param subject whom the token is for, or {@code null} for the principal's default
	 * subject (and for application-level flows)
	 * @param principal the caller's principal, or {@code null} if there is none
	 * @return the authorized client
	 * @throws IllegalArgumentException if the client is unknown, or is an on-behalf-of
	 * client and there is no subject
	 */
	public @Nullable OAuth2AuthorizedClient authorize(String clientName, @Nullable EgainSubject subject,
			@Nullable Authentication principal) {
		Assert.hasText(clientName, "clientName cannot be empty");
		return authorize(clientName, subject,
				(principal != null) ? principal : EgainAuthorizeRequests.ANONYMOUS_PRINCIPAL, null);
	}

	private @Nullable OAuth2AuthorizedClient authorize(String clientName, @Nullable EgainSubject namedSubject,
			Authentication principal, @Nullable OAuth2AuthorizedClient suppliedClient) {
		ClientRegistration clientRegistration = EgainAuthorizeRequests
			.clientRegistration(this.clientRegistrationRepository, clientName);
		EgainSubject subject = EgainAuthorizeRequests.subject(clientRegistration,
				(namedSubject != null) ? namedSubject : loginSubject(clientRegistration, principal), principal,
				this.subjectResolver);
		OAuth2AuthorizedClientId id = new OAuth2AuthorizedClientId(clientRegistration.getRegistrationId(),
				EgainAuthorizeRequests.storageName(subject));
		// A supplied client is renewed only if it is this client's token for this very
		// subject; any other is ignored, so it can reach neither this caller nor waiters.
		OAuth2AuthorizedClient held = (suppliedClient != null && SubjectBinding.serves(suppliedClient, id, subject))
				? suppliedClient : null;
		OAuth2AuthorizedClient stored = null;
		if (held == null) {
			stored = load(id, subject);
			OAuth2AuthorizedClient served = (stored != null) ? serve(clientRegistration, id, subject, stored) : null;
			if (served != null) {
				return served;
			}
		}
		OAuth2AuthorizedClient renewing = (held != null) ? held : stored;
		try {
			return singleFlight(clientRegistration, id, renewing,
					() -> obtain(clientRegistration, id, subject, held, false));
		}
		catch (OAuth2AuthorizationException ex) {
			// A token that has not actually expired is served while eGain cannot renew
			// it.
			if (this.refreshAhead && stored != null && !this.tokenExpiry.hasExpired(stored)) {
				this.counters.staleServe();
				return stored;
			}
			throw ex;
		}
	}

	// The stored token if it can be served without waiting, renewed in the background
	// if it is due; null if the caller has to wait for a new one.
	private @Nullable OAuth2AuthorizedClient serve(ClientRegistration clientRegistration, OAuth2AuthorizedClientId id,
			@Nullable EgainSubject subject, OAuth2AuthorizedClient stored) {
		if (this.tokenExpiry.isUsable(stored)) {
			this.counters.cacheHit();
			if (this.refreshAhead && this.tokenExpiry.isDueForRenewal(stored)) {
				renewAhead(clientRegistration, id, subject, stored);
			}
			return stored;
		}
		if (this.refreshAhead && !this.tokenExpiry.hasExpired(stored)) {
			if (this.failedRenewals.hasFailed(id, stored)) {
				this.counters.staleServe();
				renewAhead(clientRegistration, id, subject, stored);
				return stored;
			}
			if (this.inFlight.containsKey(id)) {
				// A renewal is on its way: no caller waits for it while this token is
				// still valid.
				this.counters.staleServe();
				return stored;
			}
		}
		return null;
	}

	// Renews a token on the renewal executor unless its renewal is in flight or failed
	// less than a backoff interval ago. Callers that meanwhile need a new token wait for
	// this renewal, as for any other token request.
	private void renewAhead(ClientRegistration clientRegistration, OAuth2AuthorizedClientId id,
			@Nullable EgainSubject subject, OAuth2AuthorizedClient stored) {
		if (this.failedRenewals.isBackingOff(id, stored, this.tokenExpiry.getClock().millis())
				|| this.inFlight.containsKey(id)) {
			return;
		}
		CompletableFuture<@Nullable OAuth2AuthorizedClient> shared = new CompletableFuture<>();
		if (this.inFlight.putIfAbsent(id, shared) != null) {
			return;
		}
		AtomicBoolean started = new AtomicBoolean();
		Runnable renewal = () -> {
			if (!started.compareAndSet(false, true)) {
				// Already run by a caller that could not wait for the queue.
				return;
			}
			this.queuedRenewals.remove(shared);
			try {
				run(clientRegistration, id, stored, shared, () -> {
					OAuth2AuthorizedClient current = load(id, subject);
					if (current == null || !SubjectBinding.sameToken(current, stored)) {
						// Renewed or evicted meanwhile: each token is renewed at most
						// once.
						return current;
					}
					this.counters.renewedAhead();
					return obtain(clientRegistration, id, subject, null, true);
				});
			}
			catch (RuntimeException ex) {
				logger.debug("Renewing a token ahead of its expiry failed", ex);
			}
		};
		this.queuedRenewals.put(shared, renewal);
		try {
			this.renewalExecutor.execute(renewal);
		}
		catch (RejectedExecutionException ex) {
			// Shutting down, or too many renewals queued: callers go on with this token.
			this.queuedRenewals.remove(shared);
			this.inFlight.remove(id, shared);
			shared.complete(stored);
		}
	}

	/**
	 * Asks the provider for the subject's token, handing it the current one (if any) to
	 * keep or renew, and stores what it issues under the subject's name. With a
	 * {@link SharedOAuth2AuthorizedClientService}, a newer token that another instance
	 * stored is taken instead, and the instances request each token once between them.
	 * @param clientRegistration the client registration
	 * @param id the client and the name the token is stored under
	 * @param subject the subject, or {@code null} for application-level flows
	 * @param held the caller-supplied client to renew, or {@code null} to use the stored
	 * one
	 * @param ahead whether to renew the current token although it is still usable
	 * @return the authorized client, or the current one if the provider issues none;
	 * {@code null} if there is neither
	 */
	private @Nullable OAuth2AuthorizedClient obtain(ClientRegistration clientRegistration, OAuth2AuthorizedClientId id,
			@Nullable EgainSubject subject, @Nullable OAuth2AuthorizedClient held, boolean ahead) {
		OAuth2AuthorizedClient current = (held != null) ? held : load(id, subject);
		if (!ahead && held == null && EgainAuthorizeRequests.isCurrent(this.tokenExpiry, current, clientRegistration)) {
			// Stored by a token request that completed just before this one began.
			this.counters.cacheHit();
			return current;
		}
		if (this.authorizedClientService instanceof SharedOAuth2AuthorizedClientService shared) {
			// Another instance may have stored a newer token (a hit in the shared
			// store); if not, one instance requests it for all.
			AtomicBoolean requested = new AtomicBoolean();
			OAuth2AuthorizedClient obtained = shared.obtain(clientRegistration, id.getPrincipalName(),
					(candidate) -> this.tokenExpiry.isUsable(candidate)
							&& (current == null || !SubjectBinding.sameToken(candidate, current)),
					() -> {
						requested.set(true);
						countTokenRequest(ahead);
						return request(clientRegistration, id, subject, current, ahead);
					});
			if (!ahead && !requested.get()) {
				this.counters.cacheHit();
			}
			return SubjectBinding.stored(obtained, id, subject);
		}
		countTokenRequest(ahead);
		return request(clientRegistration, id, subject, current, ahead);
	}

	// A renewal ahead is counted as such when it starts.
	private void countTokenRequest(boolean ahead) {
		if (!ahead) {
			this.counters.tokenRequest();
		}
	}

	private @Nullable OAuth2AuthorizedClient request(ClientRegistration clientRegistration, OAuth2AuthorizedClientId id,
			@Nullable EgainSubject subject, @Nullable OAuth2AuthorizedClient current, boolean ahead) {
		Authentication storagePrincipal = EgainAuthorizeRequests.storagePrincipal(id.getPrincipalName());
		// Renewing ahead, the provider is handed no token: it would keep a usable one.
		OAuth2AuthorizedClient authorized = this.authorizedClientProvider.authorize(
				EgainAuthorizeRequests.context(clientRegistration, ahead ? null : current, subject, storagePrincipal));
		if (authorized == null) {
			return current;
		}
		OAuth2AuthorizedClient bound = SubjectBinding.stored(authorized, id, subject);
		Assert.state(bound != null, () -> "The authorized-client provider answered a request of eGain client '"
				+ id.getClientRegistrationId() + "' with another client's or subject's token");
		synchronized (lock(id)) {
			this.authorizedClientService.saveAuthorizedClient(bound, storagePrincipal);
		}
		return bound;
	}

	private @Nullable OAuth2AuthorizedClient load(OAuth2AuthorizedClientId id, @Nullable EgainSubject subject) {
		return SubjectBinding.stored(
				this.authorizedClientService.loadAuthorizedClient(id.getClientRegistrationId(), id.getPrincipalName()),
				id, subject);
	}

	/**
	 * Removes a token that eGain has rejected (e.g. with {@code 401}), so the next call
	 * obtains a new one. The token is removed only if it is still the one stored: a newer
	 * one stored meanwhile is kept. Comparing and removing are one atomic step in the
	 * default in-memory store, and atomic with this manager's own writes in any other.
	 * @param authorizedClient the authorized client whose token was rejected
	 */
	public void evict(OAuth2AuthorizedClient authorizedClient) {
		Assert.notNull(authorizedClient, "authorizedClient cannot be null");
		String clientRegistrationId = authorizedClient.getClientRegistration().getRegistrationId();
		OAuth2AuthorizedClientId id = new OAuth2AuthorizedClientId(clientRegistrationId,
				SubjectBinding.storageName(authorizedClient));
		if (this.authorizedClientService instanceof CaffeineOAuth2AuthorizedClientService store) {
			store.removeAuthorizedClient(clientRegistrationId, id.getPrincipalName(), authorizedClient);
			return;
		}
		if (this.authorizedClientService instanceof SharedOAuth2AuthorizedClientService store) {
			store.removeAuthorizedClient(clientRegistrationId, id.getPrincipalName(), authorizedClient);
			return;
		}
		synchronized (lock(id)) {
			OAuth2AuthorizedClient stored = this.authorizedClientService.loadAuthorizedClient(clientRegistrationId,
					id.getPrincipalName());
			if (stored != null && SubjectBinding.sameToken(stored, authorizedClient)) {
				this.authorizedClientService.removeAuthorizedClient(clientRegistrationId, id.getPrincipalName());
			}
		}
	}

	private Object lock(OAuth2AuthorizedClientId id) {
		return this.locks[(id.hashCode() & Integer.MAX_VALUE) % this.locks.length];
	}

	private @Nullable OAuth2AuthorizedClient singleFlight(ClientRegistration clientRegistration,
			OAuth2AuthorizedClientId id, @Nullable OAuth2AuthorizedClient renewing,
			Supplier<@Nullable OAuth2AuthorizedClient> authorization) {
		CompletableFuture<@Nullable OAuth2AuthorizedClient> shared = new CompletableFuture<>();
		CompletableFuture<@Nullable OAuth2AuthorizedClient> leader = this.inFlight.putIfAbsent(id, shared);
		if (leader != null) {
			this.counters.waited();
			Runnable queued = this.queuedRenewals.get(leader);
			if (queued != null) {
				// A renewal ahead still queued behind others: this caller, whose
				// token has expired, runs it now rather than wait for the queue.
				queued.run();
			}
			return await(leader);
		}
		return run(clientRegistration, id, renewing, shared, authorization);
	}

	private @Nullable OAuth2AuthorizedClient run(ClientRegistration clientRegistration, OAuth2AuthorizedClientId id,
			@Nullable OAuth2AuthorizedClient renewing, CompletableFuture<@Nullable OAuth2AuthorizedClient> shared,
			Supplier<@Nullable OAuth2AuthorizedClient> authorization) {
		OAuth2AuthorizedClient authorizedClient;
		try {
			authorizedClient = authorization.get();
		}
		catch (RuntimeException | Error ex) {
			if (ex instanceof OAuth2AuthorizationException failure) {
				Clock clock = this.tokenExpiry.getClock();
				this.counters.failed(clientRegistration, failure, clock.instant());
				if (renewing != null && !this.tokenExpiry.hasExpired(renewing)) {
					this.failedRenewals.failed(id, renewing, clock.millis(), this.renewalBackoff);
				}
			}
			// Leave the in-flight map before waking the waiters, so that one retrying at
			// once sends a new request instead of getting this failure again.
			this.inFlight.remove(id, shared);
			shared.completeExceptionally(ex);
			throw ex;
		}
		this.counters.succeeded(id.getClientRegistrationId());
		this.failedRenewals.succeeded(id);
		this.inFlight.remove(id, shared);
		shared.complete(authorizedClient);
		return authorizedClient;
	}

	private static @Nullable OAuth2AuthorizedClient await(
			CompletableFuture<@Nullable OAuth2AuthorizedClient> authorization) {
		try {
			return authorization.join();
		}
		catch (CompletionException ex) {
			// Waiters get the leader's own failure, not a wrapper.
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Returns how this manager has served its callers since it was made or last
	 * {@linkplain #reset() reset}.
	 * @return the statistics
	 */
	@Override
	public EgainTokenStatistics getStatistics() {
		return this.counters.statistics(evictionCount());
	}

	/**
	 * Starts this manager afresh, as tests that share one application context need: it
	 * removes every token from its store if that is the bounded in-memory
	 * {@link CaffeineOAuth2AuthorizedClientService} (from this instance's cache only, if
	 * it is a {@link SharedOAuth2AuthorizedClientService}), forgets the token requests in
	 * flight (callers already waiting for one still get its outcome; later callers send
	 * their own), and restarts its {@linkplain #getStatistics() statistics} and
	 * {@linkplain #getFailingClients() failing clients}, which the metrics and the health
	 * indicator read, from zero. A store of any other kind (e.g. JDBC) is left as it is.
	 * Meant for when no token request is in flight: one that is still stores its token
	 * when it completes.
	 */
	public void reset() {
		this.inFlight.clear();
		this.queuedRenewals.clear();
		this.failedRenewals.clear();
		CaffeineOAuth2AuthorizedClientService store = inMemoryStore();
		if (store != null) {
			store.removeAll();
		}
		this.counters.reset(evictionCount());
	}

	private long evictionCount() {
		CaffeineOAuth2AuthorizedClientService store = inMemoryStore();
		return (store != null) ? store.evictionCount() : 0;
	}

	private @Nullable CaffeineOAuth2AuthorizedClientService inMemoryStore() {
		if (this.authorizedClientService instanceof SharedOAuth2AuthorizedClientService shared) {
			return shared.getLocalCache();
		}
		return (this.authorizedClientService instanceof CaffeineOAuth2AuthorizedClientService store) ? store : null;
	}

	/**
	 * Returns, per client, its latest token request that failed for a reason of the
	 * client or of eGain. A client is removed once a token request for it succeeds again.
	 * A token request that failed only because eGain did not accept its subject (e.g. an
	 * unknown user) is counted in the {@link #getStatistics() statistics} but neither
	 * adds nor removes a client here.
	 * @return the failing clients and their failures
	 */
	@Override
	public Map<String, EgainClientFailure> getFailingClients() {
		return this.counters.failingClients();
	}

	/**
	 * Returns where this manager keeps its tokens: in a shared store (available or not),
	 * or in one of this instance's own.
	 * @return the store's status
	 */
	@Override
	public EgainTokenStoreStatus getStoreStatus() {
		if (this.authorizedClientService instanceof SharedOAuth2AuthorizedClientService shared) {
			return shared.isAvailable() ? EgainTokenStoreStatus.SHARED : EgainTokenStoreStatus.SHARED_UNAVAILABLE;
		}
		return EgainTokenStoreStatus.LOCAL;
	}

	/**
	 * Sets the provider that obtains tokens. The default serves the on-behalf-of,
	 * client-credentials and anonymous-customer flows with eGain's token clients.
	 * @param authorizedClientProvider the provider
	 */
	public void setAuthorizedClientProvider(OAuth2AuthorizedClientProvider authorizedClientProvider) {
		Assert.notNull(authorizedClientProvider, "authorizedClientProvider cannot be null");
		this.authorizedClientProvider = authorizedClientProvider;
	}

	/**
	 * Sets when a token is used no more; share one instance between the providers and the
	 * manager. The default is {@link EgainTokenExpiry#defaults()}.
	 * @param tokenExpiry the token expiry policy
	 */
	public void setTokenExpiry(EgainTokenExpiry tokenExpiry) {
		Assert.notNull(tokenExpiry, "tokenExpiry cannot be null");
		this.tokenExpiry = tokenExpiry;
	}

	/**
	 * Sets the maximum acceptable clock skew: a stored token is used only until the
	 * current time is within this much of its expiry. Use the providers' value. The
	 * default is 60 seconds.
	 * @param clockSkew the clock skew
	 */
	public void setClockSkew(Duration clockSkew) {
		this.tokenExpiry = this.tokenExpiry.withClockSkew(clockSkew);
	}

	/**
	 * Sets the {@link Clock} used when checking a stored token's expiry and to time
	 * failed token requests.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		this.tokenExpiry = this.tokenExpiry.withClock(clock);
	}

	/**
	 * Sets whether a token in use is renewed ahead of its expiry and, while renewing it
	 * fails, served until it actually expires. With {@code false}, a token is renewed
	 * only once it is within the clock skew of its expiry, the caller waiting, and a
	 * failed renewal fails the call. The default is {@code true}.
	 * @param refreshAhead whether to renew tokens ahead of their expiry
	 */
	public void setRefreshAhead(boolean refreshAhead) {
		this.refreshAhead = refreshAhead;
	}

	/**
	 * Sets the executor that renews tokens ahead of their expiry, so that no caller waits
	 * for it; give it a bounded queue, and stop it with the application. A renewal it
	 * rejects is left to a later call. The default runs the renewal in the calling
	 * thread.
	 * @param renewalExecutor the renewal executor
	 */
	public void setRenewalExecutor(Executor renewalExecutor) {
		Assert.notNull(renewalExecutor, "renewalExecutor cannot be null");
		this.renewalExecutor = renewalExecutor;
	}

	/**
	 * Sets the least time between two attempts to renew the same token while renewing it
	 * fails. Use the token endpoint's longest retry backoff. The default is 2 seconds.
	 * @param renewalBackoff the wait between renewal attempts
	 */
	public void setRenewalBackoff(Duration renewalBackoff) {
		Assert.notNull(renewalBackoff, "renewalBackoff cannot be null");
		Assert.isTrue(!renewalBackoff.isNegative(), "renewalBackoff must be >= 0");
		this.renewalBackoff = renewalBackoff;
	}

	/**
	 * Sets the resolver of the default subject of calls that name none.
	 * @param subjectResolver the subject resolver
	 */
	public void setSubjectResolver(EgainSubjectResolver subjectResolver) {
		Assert.notNull(subjectResolver, "subjectResolver cannot be null");
		this.subjectResolver = subjectResolver;
	}

	/**
	 * Sets the service that holds the authorized clients of the application's OAuth2
	 * logins (Spring Boot's {@code OAuth2AuthorizedClientService} bean), so that a
	 * token-exchange call by a user who signed in with OAuth2 login trades that login's
	 * access token when it names no subject. Without it such a call needs a subject.
	 * @param loginClientService the service of the OAuth2 logins' authorized clients
	 */
	public void setLoginClientService(OAuth2AuthorizedClientService loginClientService) {
		Assert.notNull(loginClientService, "loginClientService cannot be null");
		this.loginClientService = loginClientService;
	}

	private @Nullable EgainSubject loginSubject(ClientRegistration clientRegistration, Authentication principal) {
		OAuth2AuthorizedClientService loginClients = this.loginClientService;
		OAuth2AuthenticationToken login = (loginClients != null)
				? LoginTokenSubjects.login(clientRegistration, null, principal, this.subjectResolver) : null;
		if (loginClients == null || login == null) {
			return null;
		}
		OAuth2AuthorizedClient loginClient = loginClients
			.loadAuthorizedClient(login.getAuthorizedClientRegistrationId(), login.getName());
		return (loginClient != null) ? LoginTokenSubjects.subject(loginClient) : null;
	}

	private static OAuth2AuthorizedClientProvider defaultAuthorizedClientProvider() {
		return new DelegatingOAuth2AuthorizedClientProvider(new OnBehalfOfOAuth2AuthorizedClientProvider(),
				new EgainClientCredentialsOAuth2AuthorizedClientProvider());
	}

}
