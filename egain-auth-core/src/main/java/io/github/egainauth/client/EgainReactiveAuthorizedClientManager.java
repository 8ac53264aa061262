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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

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
		Mono<OAuth2AuthorizedClient> stored = (held != null) ? Mono.empty()
				: load(id, subject).filter(this.tokenExpiry::isUsable).doOnNext((hit) -> this.counters.cacheHit());
		return stored.switchIfEmpty(
				Mono.defer(() -> singleFlight(clientRegistration, id, obtain(clientRegistration, id, subject, held))));
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
	 * keep or renew, and stores what it issues under the subject's name.
	 * @param clientRegistration the client registration
	 * @param id the client and the name the token is stored under
	 * @param subject the subject, or {@code null} for application-level flows
	 * @param held the caller-supplied client to renew, or {@code null} to use the stored
	 * one
	 * @return the authorized client, or the current one if the provider issues none;
	 * empty if there is neither
	 */
	private Mono<OAuth2AuthorizedClient> obtain(ClientRegistration clientRegistration, OAuth2AuthorizedClientId id,
			@Nullable EgainSubject subject, @Nullable OAuth2AuthorizedClient held) {
		Authentication storagePrincipal = EgainAuthorizeRequests.storagePrincipal(id.getPrincipalName());
		Mono<Optional<OAuth2AuthorizedClient>> current = (held != null) ? Mono.just(Optional.of(held))
				: load(id, subject).map(Optional::of).defaultIfEmpty(Optional.empty());
		// @formatter:off
		return current.flatMap((client) -> this.authorizedClientProvider
			.authorize(EgainAuthorizeRequests.context(clientRegistration, client.orElse(null), subject,
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
		return this.authorizedClientService
			.<OAuth2AuthorizedClient>loadAuthorizedClient(clientRegistrationId, storageName)
			.filter((stored) -> SubjectBinding.sameToken(stored, authorizedClient))
			.flatMap(
					(stored) -> this.authorizedClientService.removeAuthorizedClient(clientRegistrationId, storageName));
	}

	private Mono<OAuth2AuthorizedClient> singleFlight(ClientRegistration clientRegistration,
			OAuth2AuthorizedClientId id, Mono<OAuth2AuthorizedClient> obtain) {
		AtomicReference<Mono<OAuth2AuthorizedClient>> self = new AtomicReference<>();
		// The first caller's request is shared: cache() replays its outcome, success or
		// failure, to every caller that joined while it was in flight. It leaves the
		// in-flight map before that outcome is passed on, so that a caller retrying at
		// once sends a new request instead of getting this failure again.
		Mono<OAuth2AuthorizedClient> authorization = Mono.defer(() -> {
			this.counters.tokenRequest();
			return obtain.doOnSuccess((authorizedClient) -> this.counters.succeeded(id.getClientRegistrationId()))
				.doOnError(OAuth2AuthorizationException.class, (failure) -> this.counters.failed(clientRegistration,
						failure, this.tokenExpiry.getClock().instant()));
		})
			.doOnEach((signal) -> this.inFlight.remove(id, self.get()))
			.doFinally((signal) -> this.inFlight.remove(id, self.get()))
			.cache();
		self.set(authorization);
		Mono<OAuth2AuthorizedClient> leader = this.inFlight.putIfAbsent(id, authorization);
		if (leader != null) {
			this.counters.waited();
			return leader;
		}
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
	 * {@link CaffeineReactiveOAuth2AuthorizedClientService}, forgets the token requests
	 * in flight (subscribers already waiting for one still get its outcome; later ones
	 * send their own), and restarts its {@linkplain #getStatistics() statistics} and
	 * {@linkplain #getFailingClients() failing clients}, which the metrics and the health
	 * indicator read, from zero. A store of any other kind is left as it is. The work is
	 * done in memory when this returns; it never blocks. Meant for when no token request
	 * is in flight: one that is still stores its token when it completes.
	 */
	public void reset() {
		this.inFlight.clear();
		if (this.authorizedClientService instanceof CaffeineReactiveOAuth2AuthorizedClientService store) {
			store.removeAll();
		}
		this.counters.reset(evictionCount());
	}

	private long evictionCount() {
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
