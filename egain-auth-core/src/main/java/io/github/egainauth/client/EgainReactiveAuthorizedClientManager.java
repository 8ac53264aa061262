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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.DelegatingReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientId;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.util.Assert;

/**
 * The reactive authorized-client manager for eGain clients. It needs no server exchange,
 * so it works outside any HTTP request. Tokens are stored per (client, subject): an
 * on-behalf-of token under its {@link EgainSubject} (e.g. {@code username:pa}), an
 * application-level token once per client. A call that names no subject gets the one the
 * {@link EgainSubjectResolver} derives from its authenticated principal. Every
 * on-behalf-of token it returns is an {@link EgainAuthorizedClient} issued for the call's
 * subject: a token stored or passed in for another subject is never returned.
 * <p>
 * It deliberately does not implement {@code ReactiveOAuth2AuthorizedClientManager}: as a
 * bean of that type it would displace the manager Spring Security builds for the
 * application's own clients. Where that interface is wanted, pass
 * {@code manager::authorize}.
 * <p>
 * With refresh ahead (the default), a token used after its
 * {@linkplain EgainTokenExpiry#isDueForRenewal renewal point} is renewed once in the
 * background while callers keep getting it; if renewing fails, it is served until it
 * actually expires, and renewed again at most once per {@linkplain #setRenewalBackoff
 * backoff interval}.
 *
 * @author egain-auth authors
 * @see EgainAuthorizedClientManager
 */
public final class EgainReactiveAuthorizedClientManager implements EgainTokenStatus {

	private static final Log logger = LogFactory.getLog(EgainReactiveAuthorizedClientManager.class);

	private final Function<String, Mono<ClientRegistration>> clientRegistrations;

	private final ReactiveOAuth2AuthorizedClientService authorizedClientService;

	private ReactiveOAuth2AuthorizedClientProvider authorizedClientProvider = defaultAuthorizedClientProvider();

	private final ConcurrentMap<OAuth2AuthorizedClientId, Mono<OAuth2AuthorizedClient>> inFlight = new ConcurrentHashMap<>();

	private final TokenCounters counters = new TokenCounters(logger);

	private EgainSubjectResolver subjectResolver = EgainSubjectResolver.principalName();

	private @Nullable ReactiveOAuth2AuthorizedClientService loginClientService;

	private EgainTokenExpiry tokenExpiry = EgainTokenExpiry.defaults();

	private final FailedRenewals failedRenewals = new FailedRenewals();

	private boolean refreshAhead = true;

	private Scheduler renewalScheduler = Schedulers.immediate();

	private Duration renewalBackoff = EgainRetryPolicy.DEFAULT.maxBackoff();

	/**
	 * Constructs a manager that stores tokens in the given service.
	 * @param clientRegistrationRepository the eGain client registrations, looked up
	 * without blocking
	 * @param authorizedClientService where tokens are stored
	 */
	public EgainReactiveAuthorizedClientManager(ClientRegistrationRepository clientRegistrationRepository,
			ReactiveOAuth2AuthorizedClientService authorizedClientService) {
		Assert.notNull(clientRegistrationRepository, "clientRegistrationRepository cannot be null");
		Assert.notNull(authorizedClientService, "authorizedClientService cannot be null");
		this.clientRegistrations = (clientName) -> Mono
			.fromSupplier(() -> EgainAuthorizeRequests.clientRegistration(clientRegistrationRepository, clientName));
		this.authorizedClientService = authorizedClientService;
	}

	/**
	 * Constructs a manager of the eGain registrations that stores tokens in the given
	 * service. A registration discovered from eGain's tenant metadata document is looked
	 * up without blocking while the document is read.
	 * @param registrations the eGain client registrations
	 * @param authorizedClientService where tokens are stored
	 */
	public EgainReactiveAuthorizedClientManager(EgainClientRegistrationRepository registrations,
			ReactiveOAuth2AuthorizedClientService authorizedClientService) {
		Assert.notNull(registrations, "registrations cannot be null");
		Assert.notNull(authorizedClientService, "authorizedClientService cannot be null");
		this.clientRegistrations = (clientName) -> Mono.defer(() -> lookUp(registrations, clientName));
		this.authorizedClientService = authorizedClientService;
	}

	private static Mono<ClientRegistration> lookUp(EgainClientRegistrationRepository registrations, String clientName) {
		CompletableFuture<@Nullable ClientRegistration> registration = registrations
			.findByRegistrationIdAsync(clientName);
		Mono<ClientRegistration> found = (registration.isDone() && !registration.isCompletedExceptionally())
				? Mono.justOrEmpty(registration.join()) : Mono.fromFuture(registration, true);
		return found.switchIfEmpty(Mono.error(() -> EgainAuthorizeRequests.unknownClient(clientName)));
	}

	/**
	 * Returns the named client's current token for the request's subject, obtaining a new
	 * one if there is none or it is about to expire. Concurrent callers that need the
	 * same missing or expiring token share one token request (single-flight); if it
	 * fails, every one of them gets the failure and nothing is stored. Fails with an
	 * {@link IllegalArgumentException}, before any request is sent, if the client is
	 * unknown, or is an on-behalf-of client and the request has no subject. An authorized
	 * client in the request is renewed if it is this client's token for the request's
	 * subject and about to expire; one issued for another subject is ignored.
	 * @param authorizeRequest the authorize request
	 * @return the authorized client
	 */
	public Mono<OAuth2AuthorizedClient> authorize(OAuth2AuthorizeRequest authorizeRequest) {
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
	 */
	public Mono<OAuth2AuthorizedClient> authorize(String clientName, @Nullable EgainSubject subject,
			@Nullable Authentication principal) {
		Assert.hasText(clientName, "clientName cannot be empty");
		return authorize(clientName, subject,
				(principal != null) ? principal : EgainAuthorizeRequests.ANONYMOUS_PRINCIPAL, null);
	}

	private Mono<OAuth2AuthorizedClient> authorize(String clientName, @Nullable EgainSubject namedSubject,
			Authentication principal, @Nullable OAuth2AuthorizedClient suppliedClient) {
		return this.clientRegistrations.apply(clientName)
			.flatMap((clientRegistration) -> loginSubject(clientRegistration, namedSubject, principal).map(Optional::of)
				.defaultIfEmpty(Optional.ofNullable(namedSubject))
				.flatMap((named) -> authorize(clientRegistration, named.orElse(null), principal, suppliedClient)));
	}

	private Mono<OAuth2AuthorizedClient> authorize(ClientRegistration clientRegistration,
			@Nullable EgainSubject namedSubject, Authentication principal,
			@Nullable OAuth2AuthorizedClient suppliedClient) {
		EgainSubject subject = EgainAuthorizeRequests.subject(clientRegistration, namedSubject, principal,
				this.subjectResolver);
		OAuth2AuthorizedClientId id = new OAuth2AuthorizedClientId(clientRegistration.getRegistrationId(),
				EgainAuthorizeRequests.storageName(subject));
		// A supplied client is renewed only if it is this client's token for this very
		// subject; any other is ignored, so it can reach neither this caller nor waiters.
		OAuth2AuthorizedClient held = (suppliedClient != null && SubjectBinding.serves(suppliedClient, id, subject))
				? suppliedClient : null;
		Mono<OAuth2AuthorizedClient> renewal = Mono.defer(() -> singleFlight(clientRegistration, id, held,
				Mono.defer(() -> obtain(clientRegistration, id, subject, held, false))));
		if (held != null) {
			return renewal;
		}
		return load(id, subject).flatMap((stored) -> {
			OAuth2AuthorizedClient served = serve(clientRegistration, id, subject, stored);
			if (served != null) {
				return Mono.just(served);
			}
			return singleFlight(clientRegistration, id, stored,
					Mono.defer(() -> obtain(clientRegistration, id, subject, null, false)))
				.onErrorResume(OAuth2AuthorizationException.class, (ex) -> {
					// A token that has not actually expired is served while eGain cannot
					// renew it.
					if (this.refreshAhead && !this.tokenExpiry.hasExpired(stored)) {
						this.counters.staleServe();
						return Mono.just(stored);
					}
					return Mono.error(ex);
				});
		}).switchIfEmpty(renewal);
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

	// Renews a token in the background unless its renewal is in flight or failed less
	// than a backoff interval ago. Callers that meanwhile need a new token wait for this
	// renewal, as for any other token request.
	private void renewAhead(ClientRegistration clientRegistration, OAuth2AuthorizedClientId id,
			@Nullable EgainSubject subject, OAuth2AuthorizedClient stored) {
		if (this.failedRenewals.isBackingOff(id, stored, this.tokenExpiry.getClock().millis())
				|| this.inFlight.containsKey(id)) {
			return;
		}
		// @formatter:off
		Mono<OAuth2AuthorizedClient> renewal = load(id, subject)
			.flatMap((current) -> {
				if (!SubjectBinding.sameToken(current, stored)) {
					// Renewed meanwhile: each token is renewed at most once.
					return Mono.just(current);
				}
				this.counters.renewedAhead();
				return obtain(clientRegistration, id, subject, null, true);
			});
		// @formatter:on
		Mono<OAuth2AuthorizedClient> shared = shared(clientRegistration, id, stored, renewal);
		if (this.inFlight.putIfAbsent(id, shared) != null) {
			return;
		}
		shared.subscribeOn(this.renewalScheduler).subscribe(null, (ex) -> {
			if (ex instanceof RejectedExecutionException) {
				// Shutting down, or too many renewals queued: left to a later call.
				this.inFlight.remove(id, shared);
			}
			logger.debug("Renewing a token ahead of its expiry failed", ex);
		});
	}

	private Mono<EgainSubject> loginSubject(ClientRegistration clientRegistration, @Nullable EgainSubject namedSubject,
			Authentication principal) {
		ReactiveOAuth2AuthorizedClientService loginClients = this.loginClientService;
		OAuth2AuthenticationToken login = (loginClients != null)
				? LoginTokenSubjects.login(clientRegistration, namedSubject, principal, this.subjectResolver) : null;
		if (loginClients == null || login == null) {
			return Mono.empty();
		}
		return loginClients
			.<OAuth2AuthorizedClient>loadAuthorizedClient(login.getAuthorizedClientRegistrationId(), login.getName())
			.map(LoginTokenSubjects::subject);
	}

	/**
	 * Asks the provider for the subject's token, handing it the current one (if any) to
	 * keep or renew, and stores what it issues under the subject's name. With a
	 * {@link SharedReactiveOAuth2AuthorizedClientService}, a newer token that another
	 * instance stored is taken instead, and the instances request each token once between
	 * them.
	 * @param clientRegistration the client registration
	 * @param id the client and the name the token is stored under
	 * @param subject the subject, or {@code null} for application-level flows
	 * @param held the caller-supplied client to renew, or {@code null} to use the stored
	 * one
	 * @param ahead whether to renew the current token although it is still usable
	 * @return the authorized client, or the current one if the provider issues none;
	 * empty if there is neither
	 */
	private Mono<OAuth2AuthorizedClient> obtain(ClientRegistration clientRegistration, OAuth2AuthorizedClientId id,
			@Nullable EgainSubject subject, @Nullable OAuth2AuthorizedClient held, boolean ahead) {
		Mono<Optional<OAuth2AuthorizedClient>> current = (held != null) ? Mono.just(Optional.of(held))
				: load(id, subject).map(Optional::of).defaultIfEmpty(Optional.empty());
		return current.flatMap((client) -> {
			if (!ahead && held == null
					&& EgainAuthorizeRequests.isCurrent(this.tokenExpiry, client.orElse(null), clientRegistration)) {
				// Stored by a token request that completed just before this one began.
				this.counters.cacheHit();
				return Mono.just(client.get());
			}
			Mono<OAuth2AuthorizedClient> tokenRequest = Mono.defer(() -> {
				if (!ahead) {
					// A renewal ahead is counted as such when it starts.
					this.counters.tokenRequest();
				}
				return request(clientRegistration, id, subject, client, ahead);
			});
			if (this.authorizedClientService instanceof SharedReactiveOAuth2AuthorizedClientService shared) {
				// Another instance may have stored a newer token (a hit in the shared
				// store); if not, one instance requests it for all.
				AtomicBoolean requested = new AtomicBoolean();
				return shared
					.obtain(clientRegistration, id.getPrincipalName(),
							(candidate) -> this.tokenExpiry.isUsable(candidate)
									&& (client.isEmpty() || !SubjectBinding.sameToken(candidate, client.get())),
							tokenRequest.doOnSubscribe((subscription) -> requested.set(true)))
					.doOnNext((obtained) -> {
						if (!ahead && !requested.get()) {
							this.counters.cacheHit();
						}
					})
					.mapNotNull((obtained) -> SubjectBinding.stored(obtained, id, subject));
			}
			return tokenRequest;
		});
	}

	private Mono<OAuth2AuthorizedClient> request(ClientRegistration clientRegistration, OAuth2AuthorizedClientId id,
			@Nullable EgainSubject subject, Optional<OAuth2AuthorizedClient> client, boolean ahead) {
		Authentication storagePrincipal = EgainAuthorizeRequests.storagePrincipal(id.getPrincipalName());
		// @formatter:off
		// Renewing ahead, the provider is handed no token: it would keep a usable one.
		return Mono.defer(() -> this.authorizedClientProvider
			.authorize(EgainAuthorizeRequests.context(clientRegistration, ahead ? null : client.orElse(null), subject,
					storagePrincipal))
			.flatMap((authorized) -> {
				OAuth2AuthorizedClient bound = SubjectBinding.stored(authorized, id, subject);
				if (bound == null) {
					return Mono.error(new IllegalStateException("The authorized-client provider answered a request "
							+ "of eGain client '" + id.getClientRegistrationId()
							+ "' with another client's or subject's token"));
				}
				return this.authorizedClientService.saveAuthorizedClient(bound, storagePrincipal).thenReturn(bound);
			})
			.switchIfEmpty(Mono.justOrEmpty(client)));
		// @formatter:on
	}

	private Mono<OAuth2AuthorizedClient> load(OAuth2AuthorizedClientId id, @Nullable EgainSubject subject) {
		return this.authorizedClientService
			.<OAuth2AuthorizedClient>loadAuthorizedClient(id.getClientRegistrationId(), id.getPrincipalName())
			.mapNotNull((stored) -> SubjectBinding.stored(stored, id, subject));
	}

	/**
	 * Removes a token that eGain has rejected (e.g. with {@code 401}), so the next call
	 * obtains a new one. The token is removed only if it is still the one stored: a newer
	 * one stored meanwhile is kept. With the default in-memory store, comparing and
	 * removing are one atomic step.
	 * @param authorizedClient the authorized client whose token was rejected
	 * @return a {@code Mono} that completes when the token is removed
	 */
	public Mono<Void> evict(OAuth2AuthorizedClient authorizedClient) {
		Assert.notNull(authorizedClient, "authorizedClient cannot be null");
		String clientRegistrationId = authorizedClient.getClientRegistration().getRegistrationId();
		String storageName = SubjectBinding.storageName(authorizedClient);
		if (this.authorizedClientService instanceof CaffeineReactiveOAuth2AuthorizedClientService store) {
			return store.removeAuthorizedClient(clientRegistrationId, storageName, authorizedClient);
		}
		if (this.authorizedClientService instanceof SharedReactiveOAuth2AuthorizedClientService store) {
			return store.removeAuthorizedClient(clientRegistrationId, storageName, authorizedClient);
		}
		return this.authorizedClientService
			.<OAuth2AuthorizedClient>loadAuthorizedClient(clientRegistrationId, storageName)
			.filter((stored) -> SubjectBinding.sameToken(stored, authorizedClient))
			.flatMap(
					(stored) -> this.authorizedClientService.removeAuthorizedClient(clientRegistrationId, storageName));
	}

	private Mono<OAuth2AuthorizedClient> singleFlight(ClientRegistration clientRegistration,
			OAuth2AuthorizedClientId id, @Nullable OAuth2AuthorizedClient renewing,
			Mono<OAuth2AuthorizedClient> obtain) {
		Mono<OAuth2AuthorizedClient> authorization = shared(clientRegistration, id, renewing, obtain);
		Mono<OAuth2AuthorizedClient> leader = this.inFlight.putIfAbsent(id, authorization);
		if (leader != null) {
			this.counters.waited();
			return leader;
		}
		return authorization;
	}

	private Mono<OAuth2AuthorizedClient> shared(ClientRegistration clientRegistration, OAuth2AuthorizedClientId id,
			@Nullable OAuth2AuthorizedClient renewing, Mono<OAuth2AuthorizedClient> obtain) {
		AtomicReference<Mono<OAuth2AuthorizedClient>> self = new AtomicReference<>();
		// The first caller's request is shared: cache() replays its outcome, success or
		// failure, to every caller that joined while it was in flight. It leaves the
		// in-flight map before that outcome is passed on, so that a caller retrying at
		// once sends a new request instead of getting this failure again.
		Mono<OAuth2AuthorizedClient> authorization = obtain.doOnSuccess((authorizedClient) -> {
			this.counters.succeeded(id.getClientRegistrationId());
			this.failedRenewals.succeeded(id);
		}).doOnError(OAuth2AuthorizationException.class, (failure) -> {
			Clock clock = this.tokenExpiry.getClock();
			this.counters.failed(clientRegistration, failure, clock.instant());
			if (renewing != null && !this.tokenExpiry.hasExpired(renewing)) {
				this.failedRenewals.failed(id, renewing, clock.millis(), this.renewalBackoff);
			}
		})
			.doOnEach((signal) -> this.inFlight.remove(id, self.get()))
			.doFinally((signal) -> this.inFlight.remove(id, self.get()))
			.cache();
		self.set(authorization);
		return authorization;
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
	 * {@link CaffeineReactiveOAuth2AuthorizedClientService} (from this instance's cache
	 * only, if it is a {@link SharedReactiveOAuth2AuthorizedClientService}), forgets the
	 * token requests in flight (subscribers already waiting for one still get its
	 * outcome; later ones send their own), and restarts its {@linkplain #getStatistics()
	 * statistics} and {@linkplain #getFailingClients() failing clients}, which the
	 * metrics and the health indicator read, from zero. A store of any other kind is left
	 * as it is. The work is done in memory when this returns; it never blocks. Meant for
	 * when no token request is in flight: one that is still stores its token when it
	 * completes.
	 */
	public void reset() {
		this.inFlight.clear();
		this.failedRenewals.clear();
		if (this.authorizedClientService instanceof CaffeineReactiveOAuth2AuthorizedClientService store) {
			store.removeAll();
		}
		if (this.authorizedClientService instanceof SharedReactiveOAuth2AuthorizedClientService shared) {
			shared.getLocalCache().removeAll();
		}
		this.counters.reset(evictionCount());
	}

	private long evictionCount() {
		if (this.authorizedClientService instanceof SharedReactiveOAuth2AuthorizedClientService shared) {
			return shared.getLocalCache().evictionCount();
		}
		return (this.authorizedClientService instanceof CaffeineReactiveOAuth2AuthorizedClientService store)
				? store.evictionCount() : 0;
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
		if (this.authorizedClientService instanceof SharedReactiveOAuth2AuthorizedClientService shared) {
			return shared.isAvailable() ? EgainTokenStoreStatus.SHARED : EgainTokenStoreStatus.SHARED_UNAVAILABLE;
		}
		return EgainTokenStoreStatus.LOCAL;
	}

	/**
	 * Sets the provider that obtains tokens. The default serves the on-behalf-of,
	 * client-credentials and anonymous-customer flows with eGain's token clients.
	 * @param authorizedClientProvider the provider
	 */
	public void setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProvider authorizedClientProvider) {
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
	 * Sets the executor on which renewals ahead of expiry are started; give it a bounded
	 * queue, and stop it with the application. A renewal it rejects is left to a later
	 * call. The default starts the renewal in the calling thread, which never blocks.
	 * @param renewalExecutor the renewal executor
	 */
	public void setRenewalExecutor(Executor renewalExecutor) {
		Assert.notNull(renewalExecutor, "renewalExecutor cannot be null");
		this.renewalScheduler = Schedulers.fromExecutor(renewalExecutor);
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
	 * logins (Spring Boot's {@code ReactiveOAuth2AuthorizedClientService} bean), so that
	 * a token-exchange call by a user who signed in with OAuth2 login trades that login's
	 * access token when it names no subject. Without it such a call needs a subject.
	 * @param loginClientService the service of the OAuth2 logins' authorized clients
	 */
	public void setLoginClientService(ReactiveOAuth2AuthorizedClientService loginClientService) {
		Assert.notNull(loginClientService, "loginClientService cannot be null");
		this.loginClientService = loginClientService;
	}

	private static ReactiveOAuth2AuthorizedClientProvider defaultAuthorizedClientProvider() {
		return new DelegatingReactiveOAuth2AuthorizedClientProvider(
				new OnBehalfOfReactiveOAuth2AuthorizedClientProvider(),
				new EgainClientCredentialsReactiveOAuth2AuthorizedClientProvider());
	}

}
