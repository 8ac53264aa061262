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

package io.github.egainauth.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A local stand-in for eGain: its four token endpoints, validated as strictly as eGain's
 * wire rules, its tenant metadata document, and an API that accepts only the tokens it
 * issued. It listens on loopback and records what it receives, so tests can check both
 * outcomes and traffic.
 *
 * <pre class="code">
 * try (EgainStandIn egain = EgainStandIn.start()) {
 *     // egain.auth.auth-base-url = egain.getBaseUrl(), egain.auth.api-base-url = egain.getBaseUrl(),
 *     // egain.auth.tenant-id = egain.getTenantId()
 *     assertThat(egain.getTokenRequests()).hasSize(1);
 * }
 * </pre>
 *
 * A token request breaking eGain's rules (wrong content type, an {@code Authorization}
 * header, missing or extra form fields, unprefixed anonymous scopes, a missing
 * {@code domain_hint}) is answered {@code 400 invalid_request} with a description of the
 * rule, and recorded in {@link #getRejections()}. So is a token request for a subject the
 * stand-in was told to {@linkplain #rejectSubject(EgainSubject) reject}, which is
 * answered {@code 400 invalid_grant} as eGain answers one for an unknown user or
 * customer. A token-exchange request is served for the identity providers the stand-in
 * was told to {@linkplain #trustIdentityProvider(String, TestIdentityProvider) trust}:
 * its {@code subject_token} must be a JWT signed by that provider, issued by it and not
 * expired, and the eGain token is issued for the JWT's {@code email} claim (or, without
 * one, its {@code sub}). API calls without a valid token are answered {@code 401} with
 * eGain's {@code {"code": "401-101"}} body.
 * <p>
 * The tenant metadata document ({@code GET /core/authmgr/v3/metadata/tenant/<tenant id>})
 * names the stand-in's own token endpoints and {@code <base URL>/auth/} as scope prefix
 * of both realms, so that {@code egain.auth.discovery.enabled=true} works against it. A
 * request for it must be a {@code GET} accepting {@code application/json}; any other is
 * answered with eGain's error body ({@code 405} or {@code 406}) and recorded in
 * {@link #getRejections()}, and one for another tenant is answered {@code 404}. A test
 * can {@linkplain #serveTenantMetadata(Map) serve another document}, e.g. one lacking a
 * field. A test can also make the stand-in refuse one subject's token requests or API
 * calls with an answer of its choosing.
 * <p>
 * For load runs it can answer token requests after a latency and fail a share of them as
 * an overloaded eGain would; recording what it receives stays cheap however much that is.
 * Unless the application has set it, it sets the system property
 * {@code sun.net.httpserver.nodelay} to {@code true}: without TCP_NODELAY the JDK's HTTP
 * server adds about 40 ms to every answer on loopback.
 *
 * @author egain-auth authors
 */
public final class EgainStandIn implements AutoCloseable {

	/**
	 * The tenant id the stand-in serves unless told otherwise.
	 */
	public static final String DEFAULT_TENANT_ID = "TMPSTANDIN";

	/**
	 * What {@link #getRejections()} records for a token request failed on purpose (see
	 * {@link Builder#failTokenRequests(double, long)}).
	 */
	public static final String UNAVAILABLE = "Service Unavailable";

	private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private static final String TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";

	private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	/**
	 * Connections waiting to be accepted: enough for a burst of callers that all connect
	 * at once.
	 */
	private static final int BACKLOG = 1024;

	private static final String ANONYMOUS_PATH = "/core/authmgr/v3/oauth2/v2.0/anonymous/token";

	private static final String METADATA_PATH = "/core/authmgr/v3/metadata/tenant/";

	private static final String FORM = "application/x-www-form-urlencoded";

	private static final byte[] UNAVAILABLE_BODY = "<html><body><h1>503 Service Unavailable</h1></body></html>"
		.getBytes(StandardCharsets.UTF_8);

	static {
		// Without TCP_NODELAY the JDK's server sends an answer's headers and body in two
		// segments, and the second waits for the client's delayed ACK. The JDK reads the
		// property once, when its first server starts.
		if (System.getProperty(NODELAY_PROPERTY) == null) {
			System.setProperty(NODELAY_PROPERTY, "true");
		}
	}

	private final String tenantId;

	private final Duration tokenLifetime;

	private final Clock clock;

	private final Duration tokenLatency;

	private final double failureShare;

	private final Random failures;

	private final Map<String, String> builderClients;

	private final Map<String, String> registeredClients = new ConcurrentHashMap<>();

	private final Set<EgainSubject> builderRejectedSubjects;

	private final Map<String, TestIdentityProvider> builderIdentityProviders;

	private final Map<String, TestIdentityProvider> identityProviders = new ConcurrentHashMap<>();

	private final Set<EgainSubject> rejectedSubjects = ConcurrentHashMap.newKeySet();

	private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

	// Queues, not copy-on-write lists: recording stays cheap however many requests a
	// load run sends.
	private final Queue<TokenRequest> tokenRequests = new ConcurrentLinkedQueue<>();

	private final Queue<String> rejections = new ConcurrentLinkedQueue<>();

	private final Queue<ApiRequest> apiRequests = new ConcurrentLinkedQueue<>();

	private final Queue<TenantMetadataRequest> tenantMetadataRequests = new ConcurrentLinkedQueue<>();

	private volatile @Nullable Map<String, Object> servedTenantMetadata;

	private final Map<EgainSubject, Refusal> tokenRefusals = new ConcurrentHashMap<>();

	private final Map<EgainSubject, Refusal> apiRefusals = new ConcurrentHashMap<>();

	private final HttpServer server;

	private final ExecutorService executor;

	private EgainStandIn(Builder builder) throws IOException {
		this.tenantId = builder.tenantId;
		this.tokenLifetime = builder.tokenLifetime;
		this.clock = builder.clock;
		this.tokenLatency = builder.tokenLatency;
		this.failureShare = builder.failureShare;
		this.failures = new Random(builder.failureSeed);
		this.builderClients = Map.copyOf(builder.clients);
		this.builderRejectedSubjects = Set.copyOf(builder.rejectedSubjects);
		this.builderIdentityProviders = Map.copyOf(builder.identityProviders);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), BACKLOG);
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "egain-stand-in");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		startDispatcher(this.server);
	}

	/**
	 * Starts the server from a daemon thread: its dispatcher thread takes its daemon
	 * status from the thread that starts it, and a stand-in must never keep a JVM alive
	 * (say, after an application that embeds it failed to start).
	 * @param server the server
	 */
	private static void startDispatcher(HttpServer server) {
		Thread starter = new Thread(server::start, "egain-stand-in-start");
		starter.setDaemon(true);
		starter.start();
		try {
			starter.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			server.stop(0);
			throw new IllegalStateException("Interrupted while starting the eGain stand-in", ex);
		}
	}

	/**
	 * Starts a stand-in for {@link #DEFAULT_TENANT_ID} on a free loopback port, accepting
	 * any client id and secret.
	 * @return the running stand-in
	 */
	public static EgainStandIn start() {
		return builder().start();
	}

	/**
	 * Returns a builder for a stand-in with other settings.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the base URL of both the auth server and the API, for
	 * {@code egain.auth.auth-base-url} and {@code egain.auth.api-base-url}.
	 * @return the base URL, e.g. {@code http://127.0.0.1:54321}
	 */
	public String getBaseUrl() {
		InetSocketAddress address = this.server.getAddress();
		return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
	}

	/**
	 * Returns the tenant id the stand-in serves, for {@code egain.auth.tenant-id}.
	 * @return the tenant id
	 */
	public String getTenantId() {
		return this.tenantId;
	}

	/**
	 * Registers a client: from then on only registered client ids are accepted, each with
	 * its own secret, until {@link #reset()}. Without registrations any client id and
	 * secret are accepted. A client registered here overrides one of the same id
	 * registered by the {@linkplain Builder#client(String, String) builder}.
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @return this stand-in
	 */
	public EgainStandIn registerClient(String clientId, String clientSecret) {
		Assert.hasText(clientId, "clientId cannot be empty");
		Assert.hasText(clientSecret, "clientSecret cannot be empty");
		this.registeredClients.put(clientId, clientSecret);
		return this;
	}

	/**
	 * Rejects every token request for a subject from then on, until {@link #reset()}, as
	 * eGain rejects one for a user or customer it does not know: {@code 400} with
	 * {@code invalid_grant} and a description that quotes the subject's value (e.g. an
	 * email address), recorded in {@link #getRejections()}.
	 * @param subject the subject to reject
	 * @return this stand-in
	 */
	public EgainStandIn rejectSubject(EgainSubject subject) {
		Assert.notNull(subject, "subject cannot be null");
		this.rejectedSubjects.add(subject);
		return this;
	}

	/**
	 * Trusts an identity provider from now on, until {@link #reset()}: token-exchange
	 * requests that name it by {@code registration_id} and carry a valid token it signed
	 * are answered with an eGain token for that token's user.
	 * @param registrationId the id eGain's console would show for the provider, which
	 * clients send as {@code registration_id}
	 * @param identityProvider the identity provider
	 * @return this stand-in
	 * @see Builder#trustIdentityProvider(String, TestIdentityProvider)
	 */
	public EgainStandIn trustIdentityProvider(String registrationId, TestIdentityProvider identityProvider) {
		Assert.hasText(registrationId, "registrationId cannot be empty");
		Assert.notNull(identityProvider, "identityProvider cannot be null");
		this.identityProviders.put(registrationId, identityProvider);
		return this;
	}

	/**
	 * Returns the token requests accepted so far, in order.
	 * @return the token requests
	 */
	public List<TokenRequest> getTokenRequests() {
		return List.copyOf(this.tokenRequests);
	}

	/**
	 * Returns why each rejected token request was rejected, in order.
	 * @return the reasons
	 */
	public List<String> getRejections() {
		return List.copyOf(this.rejections);
	}

	/**
	 * Returns the API requests received so far, in order, with and without valid tokens.
	 * @return the API requests
	 */
	public List<ApiRequest> getApiRequests() {
		return List.copyOf(this.apiRequests);
	}

	/**
	 * Returns the requests for the tenant metadata document received so far, in order,
	 * answered or refused.
	 * @return the tenant metadata requests
	 */
	public List<TenantMetadataRequest> getTenantMetadataRequests() {
		return List.copyOf(this.tenantMetadataRequests);
	}

	/**
	 * Returns the tenant metadata document the stand-in serves unless told otherwise: its
	 * token endpoints under {@code authenticationDetails} ({@code oAuthUser},
	 * {@code oAuthCustomer} and {@code oAuthAnonymousCustomer}, each a one-element array
	 * of an object with an {@code accessTokenURL}, the anonymous one with eGain's
	 * {@code <DOMAIN_NAME>} placeholder), and {@code <base URL>/auth/} as
	 * {@code authenticationDetails.apiPermissionPrefix} and as
	 * {@code apiMetadata.CORE.iApiPermissionPrefix} and {@code eApiPermissionPrefix}.
	 * @return the document, a copy to change and {@linkplain #serveTenantMetadata(Map)
	 * serve} if needed
	 */
	public Map<String, Object> getTenantMetadata() {
		String baseUrl = getBaseUrl();
		String prefix = baseUrl + "/auth/";
		Map<String, Object> authenticationDetails = new LinkedHashMap<>();
		authenticationDetails.put("oAuthUser",
				List.of(accessTokenUrl(baseUrl + "/system/auth/" + this.tenantId + "-U/oauth2/token")));
		authenticationDetails.put("oAuthCustomer",
				List.of(accessTokenUrl(baseUrl + "/system/auth/" + this.tenantId + "-C/oauth2/token")));
		authenticationDetails.put("oAuthAnonymousCustomer",
				List.of(accessTokenUrl(baseUrl + ANONYMOUS_PATH + "?user_type=customer&domain_hint=<DOMAIN_NAME>")));
		authenticationDetails.put("apiPermissionPrefix", prefix);
		Map<String, Object> core = new LinkedHashMap<>();
		core.put("iApiPermissionPrefix", prefix);
		core.put("eApiPermissionPrefix", prefix);
		Map<String, Object> apiMetadata = new LinkedHashMap<>();
		apiMetadata.put("CORE", core);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("tenantId", this.tenantId);
		document.put("authenticationDetails", authenticationDetails);
		document.put("apiMetadata", apiMetadata);
		return document;
	}

	private static Map<String, Object> accessTokenUrl(String url) {
		Map<String, Object> endpoint = new LinkedHashMap<>();
		endpoint.put("accessTokenURL", url);
		return endpoint;
	}

	/**
	 * Serves the given tenant metadata document instead of its own from then on, until
	 * {@link #reset()}: e.g. one lacking a field, or naming another token URL.
	 * @param document the document, as JSON objects, arrays and values
	 * @return this stand-in
	 */
	public EgainStandIn serveTenantMetadata(Map<String, ?> document) {
		Assert.notNull(document, "document cannot be null");
		this.servedTenantMetadata = new LinkedHashMap<>(document);
		return this;
	}

	/**
	 * Revokes every token issued so far: API calls carrying one are answered {@code 401}.
	 */
	public void revokeTokens() {
		this.tokens.replaceAll((value, token) -> token.revoke());
	}

	/**
	 * Refuses every later token request for the subject that obeys eGain's rules, until
	 * {@link #reset()}: it is answered with the status and the RFC 6749 error body
	 * {@code {"error": error, "error_description": description}}, and the description is
	 * recorded in {@link #getRejections()}.
	 * @param subject the subject
	 * @param status the status, 4xx or 5xx
	 * @param error the error code, e.g. {@code invalid_grant}
	 * @param description the error description
	 * @return this stand-in
	 */
	public EgainStandIn refuseTokens(EgainSubject subject, int status, String error, String description) {
		Assert.notNull(subject, "subject cannot be null");
		Assert.isTrue(status >= 400 && status <= 599, "status must be between 400 and 599");
		Assert.hasText(error, "error cannot be empty");
		Assert.hasText(description, "description cannot be empty");
		this.tokenRefusals.put(subject, new Refusal(status, error, description));
		return this;
	}

	/**
	 * Refuses every later API call made with a valid token for the subject, until
	 * {@link #reset()}: it is answered with the status and eGain's error body
	 * {@code {"code": code, "developerMessage": developerMessage}}.
	 * @param subject the subject
	 * @param status the status, 4xx or 5xx
	 * @param code eGain's error code, e.g. {@code 403-197}
	 * @param developerMessage the developer message
	 * @return this stand-in
	 */
	public EgainStandIn refuseApiCalls(EgainSubject subject, int status, String code, String developerMessage) {
		Assert.notNull(subject, "subject cannot be null");
		Assert.isTrue(status >= 400 && status <= 599, "status must be between 400 and 599");
		Assert.hasText(code, "code cannot be empty");
		Assert.hasText(developerMessage, "developerMessage cannot be empty");
		this.apiRefusals.put(subject, new Refusal(status, code, developerMessage));
		return this;
	}

	/**
	 * Forgets what it recorded and what it was told since it started: the token requests,
	 * rejections, API requests and tenant metadata requests so far, the refusals of
	 * {@link #refuseTokens refuseTokens} and {@link #refuseApiCalls refuseApiCalls}, the
	 * document of {@link #serveTenantMetadata serveTenantMetadata}, and the subjects
	 * rejected and clients registered since; those of its {@link Builder} stay. Issued
	 * tokens stay as they are: valid, or revoked by {@link #revokeTokens()}.
	 */
	public void reset() {
		this.tokenRequests.clear();
		this.rejections.clear();
		this.apiRequests.clear();
		this.tenantMetadataRequests.clear();
		this.servedTenantMetadata = null;
		this.tokenRefusals.clear();
		this.apiRefusals.clear();
		this.rejectedSubjects.clear();
		this.registeredClients.clear();
		this.identityProviders.clear();
	}

	/**
	 * Resets the stand-in as {@link #reset()} does, and forgets every token it has
	 * issued, revoked or not: an API call carrying one is answered {@code 401}, as for a
	 * revoked token. This is what each test of a shared application context starts with.
	 */
	void resetForTest() {
		reset();
		this.tokens.clear();
	}

	/**
	 * Stops the stand-in.
	 */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			if (path.endsWith("/oauth2/token") && path.startsWith("/system/auth/") || path.equals(ANONYMOUS_PATH)) {
				token(exchange, path);
			}
			else if (path.startsWith(METADATA_PATH)) {
				tenantMetadata(exchange, path);
			}
			else {
				api(exchange, path);
			}
		}
	}

	private void token(HttpExchange exchange, String path) throws IOException {
		if (!this.tokenLatency.isZero() && !sleep(this.tokenLatency)) {
			return;
		}
		EgainFlowEndpoint endpoint = endpoint(path);
		if (endpoint == null) {
			reject(exchange, 404, "invalid_request", "No token endpoint at " + path + " for tenant " + this.tenantId);
			return;
		}
		String violation = checkHeaders(exchange);
		Map<String, String> form = new LinkedHashMap<>();
		if (violation == null) {
			violation = readForm(exchange.getRequestBody(), form);
		}
		if (violation == null && endpoint == EgainFlowEndpoint.ANONYMOUS) {
			violation = checkAnonymousQuery(exchange.getRequestURI().getRawQuery());
		}
		EgainFlow flow = null;
		if (violation == null) {
			flow = endpoint.flow(form.get("grant_type"), form.keySet());
			if (flow == null) {
				violation = "grant_type '" + form.get("grant_type") + "' with fields " + form.keySet()
						+ " is not accepted at " + path + "; expected " + endpoint.describe();
			}
		}
		if (violation == null) {
			violation = checkFields(flow, form);
		}
		if (violation != null) {
			reject(exchange, 400, "invalid_request", violation);
			return;
		}
		if (failsOnPurpose()) {
			this.rejections.add(UNAVAILABLE);
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(503, UNAVAILABLE_BODY.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(UNAVAILABLE_BODY);
			}
			return;
		}
		String clientId = form.get("client_id");
		String secret = this.registeredClients.getOrDefault(clientId, this.builderClients.get(clientId));
		boolean clientsChecked = !this.builderClients.isEmpty() || !this.registeredClients.isEmpty();
		if (clientsChecked && (secret == null || !secret.equals(form.get("client_secret")))) {
			reject(exchange, 401, "invalid_client", "Client authentication failed");
			return;
		}
		EgainSubject subject;
		if (flow == EgainFlow.TOKEN_EXCHANGE) {
			TestIdentityProvider identityProvider = identityProvider(form.get("registration_id"));
			if (identityProvider == null) {
				reject(exchange, 400, "invalid_request", "No identity provider is registered as '"
						+ form.get("registration_id") + "' for tenant " + this.tenantId);
				return;
			}
			try {
				subject = exchangedSubject(identityProvider.verify(form.get("subject_token"), this.clock.instant()));
			}
			catch (IllegalArgumentException ex) {
				reject(exchange, 400, "invalid_grant", ex.getMessage());
				return;
			}
		}
		else {
			subject = subject(form);
		}
		Refusal refusal = (subject != null) ? this.tokenRefusals.get(subject) : null;
		if (refusal != null) {
			reject(exchange, refusal.status(), refusal.code(), refusal.message());
			return;
		}
		if (subject != null
				&& (this.builderRejectedSubjects.contains(subject) || this.rejectedSubjects.contains(subject))) {
			reject(exchange, 400, "invalid_grant", unknownSubject(subject));
			return;
		}
		String scope = form.get("scope");
		List<String> scopes = (scope != null) ? Arrays.asList(scope.trim().split(" +")) : List.of();
		String value = "standin-" + UUID.randomUUID();
		this.tokens.put(value, new IssuedToken(form.get("client_id"), flow, subject,
				this.clock.instant().plus(this.tokenLifetime), false));
		this.tokenRequests.add(new TokenRequest(flow, form.get("client_id"), subject, scopes, Map.copyOf(form), value));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", value);
		body.put("token_type", "Bearer");
		body.put("expires_in", this.tokenLifetime.toSeconds());
		if (!scopes.isEmpty()) {
			body.put("scope", String.join(" ", scopes));
		}
		send(exchange, 200, body);
	}

	/**
	 * Waits, unless the stand-in is stopping.
	 * @param duration how long to wait
	 * @return whether it waited the whole time
	 */
	private static boolean sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private boolean failsOnPurpose() {
		if (this.failureShare == 0) {
			return false;
		}
		synchronized (this.failures) {
			return this.failures.nextDouble() < this.failureShare;
		}
	}

	private String unknownSubject(EgainSubject subject) {
		String whom = (subject.getKind() == EgainSubject.Kind.EMAIL) ? "customer" : "user";
		return "No " + whom + " with " + subject.getKind().getParameterName() + " '" + subject.getValue()
				+ "' in tenant " + this.tenantId;
	}

	private @Nullable EgainFlowEndpoint endpoint(String path) {
		if (path.equals(ANONYMOUS_PATH)) {
			return EgainFlowEndpoint.ANONYMOUS;
		}
		if (path.equals("/system/auth/" + this.tenantId + "-U/oauth2/token")) {
			return EgainFlowEndpoint.USER;
		}
		if (path.equals("/system/auth/" + this.tenantId + "-C/oauth2/token")) {
			return EgainFlowEndpoint.CUSTOMER;
		}
		return null;
	}

	private static @Nullable String checkHeaders(HttpExchange exchange) {
		if (!"POST".equals(exchange.getRequestMethod())) {
			return "Token requests must be POST, not " + exchange.getRequestMethod();
		}
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		if (contentType == null || !FORM.equalsIgnoreCase(contentType.trim())) {
			return "Content-Type must be " + FORM + ", not " + contentType;
		}
		String accept = exchange.getRequestHeaders().getFirst("Accept");
		if (accept == null || !accept.toLowerCase(Locale.ROOT).contains("application/json")) {
			return "Accept must be application/json, not " + accept;
		}
		if (exchange.getRequestHeaders().containsKey("Authorization")) {
			return "Client credentials must travel in the form body, not in an Authorization header";
		}
		return null;
	}

	private static @Nullable String readForm(InputStream body, Map<String, String> form) throws IOException {
		String encoded = new String(body.readAllBytes(), StandardCharsets.UTF_8);
		if (encoded.isBlank()) {
			return "The form body is empty";
		}
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			if (name == null || value == null) {
				return "The form body is not URL-encoded";
			}
			if (form.put(name, value) != null) {
				return "Form field '" + name + "' is repeated";
			}
		}
		return null;
	}

	private @Nullable String checkAnonymousQuery(@Nullable String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query != null) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
		}
		if (!"customer".equals(parameters.get("user_type"))) {
			return "The anonymous token endpoint needs the query parameter user_type=customer";
		}
		if (!parameters.containsKey("domain_hint")) {
			return "The anonymous token endpoint needs the query parameter domain_hint=<tenant id>";
		}
		if (!this.tenantId.equals(parameters.get("domain_hint"))) {
			return "domain_hint '" + parameters.get("domain_hint") + "' is not tenant " + this.tenantId;
		}
		return null;
	}

	/**
	 * Decodes a form component; a malformed one is answered {@code 400}, not with a
	 * dropped connection.
	 * @param component the form component
	 * @return the decoded component, or {@code null} if it is malformed
	 */
	private static @Nullable String decode(String component) {
		try {
			return URLDecoder.decode(component, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable String checkFields(EgainFlow flow, Map<String, String> form) {
		for (Map.Entry<String, String> field : form.entrySet()) {
			if (field.getValue().isBlank()) {
				return "Form field '" + field.getKey() + "' is empty";
			}
		}
		if (flow == EgainFlow.TOKEN_EXCHANGE && !ACCESS_TOKEN_TYPE.equals(form.get("subject_token_type"))) {
			return "subject_token_type '" + form.get("subject_token_type") + "' is not " + ACCESS_TOKEN_TYPE;
		}
		if (flow == EgainFlow.ANONYMOUS_CUSTOMER) {
			for (String scope : form.get("scope").trim().split(" +")) {
				if (!scope.matches("^https?://.+")) {
					return "Anonymous-customer scope '" + scope + "' is not prefixed; send it as <api-base-url>/auth/"
							+ scope;
				}
			}
		}
		return null;
	}

	private @Nullable TestIdentityProvider identityProvider(String registrationId) {
		TestIdentityProvider identityProvider = this.identityProviders.get(registrationId);
		return (identityProvider != null) ? identityProvider : this.builderIdentityProviders.get(registrationId);
	}

	private static EgainSubject exchangedSubject(JWTClaimsSet claims) {
		Object email = claims.getClaim("email");
		if (email instanceof String address && !address.isBlank()) {
			return EgainSubject.email(address);
		}
		String sub = claims.getSubject();
		if (sub == null || sub.isBlank()) {
			throw new IllegalArgumentException("subject_token names no user: it has neither email nor sub");
		}
		return EgainSubject.username(sub);
	}

	private static @Nullable EgainSubject subject(Map<String, String> form) {
		if (form.containsKey("subject_username")) {
			return EgainSubject.username(form.get("subject_username"));
		}
		if (form.containsKey("subject_userid")) {
			return EgainSubject.userId(form.get("subject_userid"));
		}
		if (form.containsKey("subject_email")) {
			return EgainSubject.email(form.get("subject_email"));
		}
		return null;
	}

	private void tenantMetadata(HttpExchange exchange, String path) throws IOException {
		String accept = exchange.getRequestHeaders().getFirst("Accept");
		exchange.getRequestBody().readAllBytes();
		this.tenantMetadataRequests.add(new TenantMetadataRequest(exchange.getRequestMethod(), path, accept));
		if (!"GET".equals(exchange.getRequestMethod())) {
			refuse(exchange, 405, "405-100",
					"The tenant metadata document is read with GET, not " + exchange.getRequestMethod());
			return;
		}
		if (accept == null || !accept.toLowerCase(Locale.ROOT).contains("application/json")) {
			refuse(exchange, 406, "406-100", "Accept must be application/json, not " + accept);
			return;
		}
		String tenant = URLDecoder.decode(path.substring(METADATA_PATH.length()), StandardCharsets.UTF_8);
		if (!this.tenantId.equals(tenant)) {
			refuse(exchange, 404, "404-100", "No tenant '" + tenant + "'; the stand-in serves " + this.tenantId);
			return;
		}
		Map<String, Object> served = this.servedTenantMetadata;
		send(exchange, 200, (served != null) ? served : getTenantMetadata());
	}

	private void refuse(HttpExchange exchange, int status, String code, String developerMessage) throws IOException {
		this.rejections.add(developerMessage);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", code);
		body.put("developerMessage", developerMessage);
		send(exchange, status, body);
	}

	private void api(HttpExchange exchange, String path) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String value = (authorization != null && authorization.startsWith("Bearer "))
				? authorization.substring("Bearer ".length()) : null;
		IssuedToken token = (value != null) ? this.tokens.get(value) : null;
		boolean valid = token != null && !token.revoked() && this.clock.instant().isBefore(token.expiresAt());
		String acceptLanguage = exchange.getRequestHeaders().getFirst("Accept-Language");
		exchange.getRequestBody().readAllBytes();
		this.apiRequests.add(new ApiRequest(exchange.getRequestMethod(), path, value, valid, acceptLanguage));
		if (!valid) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("code", "401-101");
			body.put("developerMessage", (value != null) ? "Invalid or expired token" : "Missing bearer token");
			send(exchange, 401, body);
			return;
		}
		Refusal refusal = (token.subject() != null) ? this.apiRefusals.get(token.subject()) : null;
		if (refusal != null) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("code", refusal.code());
			body.put("developerMessage", refusal.message());
			send(exchange, refusal.status(), body);
			return;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("path", path);
		body.put("method", exchange.getRequestMethod());
		body.put("clientId", token.clientId());
		body.put("flow", token.flow().getValue());
		body.put("subject", (token.subject() != null) ? token.subject().toString() : null);
		body.put("acceptLanguage", acceptLanguage);
		send(exchange, 200, body);
	}

	private void reject(HttpExchange exchange, int status, String error, String description) throws IOException {
		this.rejections.add(description);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		send(exchange, status, body);
	}

	private static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
		byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * A token request the stand-in accepted.
	 *
	 * @param flow the flow the request used
	 * @param clientId the client id
	 * @param subject the subject, or {@code null} for application-level flows; for token
	 * exchange the user of the identity provider's token, by email (or by {@code sub} as
	 * username)
	 * @param scopes the requested scopes, in order
	 * @param parameters every form field, secret included
	 * @param accessToken the access token issued in answer
	 */
	public record TokenRequest(EgainFlow flow, String clientId, @Nullable EgainSubject subject, List<String> scopes,
			Map<String, String> parameters, String accessToken) {

		@Override
		public String toString() {
			return "TokenRequest[flow=" + this.flow.getValue() + ", clientId=" + this.clientId + ", subject="
					+ this.subject + ", scopes=" + this.scopes + "]";
		}

	}

	/**
	 * An API request the stand-in received.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param token the bearer token it carried, or {@code null}
	 * @param authorized whether the token was one the stand-in issued and still valid
	 * @param acceptLanguage the {@code Accept-Language} header, or {@code null}
	 */
	public record ApiRequest(String method, String path, @Nullable String token, boolean authorized,
			@Nullable String acceptLanguage) {

		@Override
		public String toString() {
			return "ApiRequest[" + this.method + " " + this.path + ", authorized=" + this.authorized + "]";
		}

	}

	/**
	 * A request for the tenant metadata document the stand-in received.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param accept the {@code Accept} header, or {@code null}
	 */
	public record TenantMetadataRequest(String method, String path, @Nullable String accept) {

	}

	private record IssuedToken(String clientId, EgainFlow flow, @Nullable EgainSubject subject, Instant expiresAt,
			boolean revoked) {

		IssuedToken revoke() {
			return new IssuedToken(this.clientId, this.flow, this.subject, this.expiresAt, true);
		}

	}

	/**
	 * How the stand-in refuses a subject: the status, an error code and a message.
	 */
	private record Refusal(int status, String code, String message) {

	}

	private enum EgainFlowEndpoint {

		USER, CUSTOMER, ANONYMOUS;

		private static final Set<String> CREDENTIALS = Set.of("grant_type", "client_id", "client_secret", "scope");

		private static final Set<String> TOKEN_EXCHANGE_FIELDS = Set.of("grant_type", "client_id", "client_secret",
				"subject_token", "subject_token_type", "registration_id");

		@Nullable EgainFlow flow(@Nullable String grantType, Set<String> fields) {
			if (this == USER && TOKEN_EXCHANGE_GRANT.equals(grantType)) {
				Set<String> required = new HashSet<>(fields);
				required.remove("scope");
				return required.equals(TOKEN_EXCHANGE_FIELDS) ? EgainFlow.TOKEN_EXCHANGE : null;
			}
			Set<String> subjectFields = new HashSet<>(fields);
			subjectFields.removeAll(CREDENTIALS);
			if (!fields.containsAll(CREDENTIALS)) {
				return null;
			}
			return switch (this) {
				case USER -> {
					if ("password".equals(grantType) && (subjectFields.equals(Set.of("subject_username"))
							|| subjectFields.equals(Set.of("subject_userid")))) {
						yield EgainFlow.ON_BEHALF_OF_USER;
					}
					yield ("client_credentials".equals(grantType) && subjectFields.isEmpty())
							? EgainFlow.CLIENT_CREDENTIALS : null;
				}
				case CUSTOMER -> ("password".equals(grantType) && subjectFields.equals(Set.of("subject_email")))
						? EgainFlow.ON_BEHALF_OF_CUSTOMER : null;
				case ANONYMOUS -> ("client_credentials".equals(grantType) && subjectFields.isEmpty())
						? EgainFlow.ANONYMOUS_CUSTOMER : null;
			};
		}

		String describe() {
			return switch (this) {
				case USER -> "grant_type=password with exactly one of subject_username and subject_userid, or "
						+ "grant_type=client_credentials, each with client_id, client_secret and scope only; or grant_type="
						+ TOKEN_EXCHANGE_GRANT + " with client_id, client_secret, subject_token, subject_token_type, "
						+ "registration_id and optionally scope";
				case CUSTOMER -> "grant_type=password with client_id, client_secret, scope and subject_email only";
				case ANONYMOUS -> "grant_type=client_credentials with client_id, client_secret and scope only";
			};
		}

	}

	/**
	 * Builds an {@link EgainStandIn}.
	 */
	public static final class Builder {

		private String tenantId = DEFAULT_TENANT_ID;

		private Duration tokenLifetime = Duration.ofHours(1);

		private Clock clock = Clock.systemUTC();

		private Duration tokenLatency = Duration.ZERO;

		private double failureShare;

		private long failureSeed;

		private int port;

		private final Map<String, String> clients = new LinkedHashMap<>();

		private final Set<EgainSubject> rejectedSubjects = new LinkedHashSet<>();

		private final Map<String, TestIdentityProvider> identityProviders = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the tenant id served.
		 * @param tenantId the tenant id
		 * @return this builder
		 */
		public Builder tenantId(String tenantId) {
			Assert.hasText(tenantId, "tenantId cannot be empty");
			this.tenantId = tenantId;
			return this;
		}

		/**
		 * Sets the lifetime of issued tokens ({@code expires_in}).
		 * @param tokenLifetime the lifetime, at least one second
		 * @return this builder
		 */
		public Builder tokenLifetime(Duration tokenLifetime) {
			Assert.isTrue(tokenLifetime != null && tokenLifetime.toSeconds() >= 1,
					"tokenLifetime must be at least 1 second");
			this.tokenLifetime = tokenLifetime;
			return this;
		}

		/**
		 * Sets the clock that decides when issued tokens expire.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock cannot be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Makes every token request take this long to answer, as eGain's take over a
		 * network, so that concurrent callers overlap: for single-flight tests and load
		 * runs. The default is no wait.
		 * @param tokenLatency the latency, zero or more
		 * @return this builder
		 */
		public Builder tokenLatency(Duration tokenLatency) {
			Assert.isTrue(tokenLatency != null && !tokenLatency.isNegative(), "tokenLatency must not be negative");
			this.tokenLatency = tokenLatency;
			return this;
		}

		/**
		 * Fails a share of the token requests that obey eGain's wire rules, as a gateway
		 * in front of an overloaded eGain does: {@code 503 Service Unavailable} with an
		 * HTML body, recorded in {@link EgainStandIn#getRejections()} as
		 * {@link EgainStandIn#UNAVAILABLE}. Which ones fail is random but seeded, so a
		 * run can be repeated. For load runs and tests of retries; the default is none.
		 * @param share the share that fails, from 0 to 1
		 * @param seed the seed of the random choice
		 * @return this builder
		 */
		public Builder failTokenRequests(double share, long seed) {
			Assert.isTrue(share >= 0 && share <= 1, "share must be between 0 and 1");
			this.failureShare = share;
			this.failureSeed = seed;
			return this;
		}

		/**
		 * Sets the loopback port to listen on; {@code 0}, the default, picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			Assert.isTrue(port >= 0 && port <= 65535, "port must be between 0 and 65535");
			this.port = port;
			return this;
		}

		/**
		 * Registers a client: only registered client ids are then accepted.
		 * @param clientId the client id
		 * @param clientSecret the client secret
		 * @return this builder
		 */
		public Builder client(String clientId, String clientSecret) {
			Assert.hasText(clientId, "clientId cannot be empty");
			Assert.hasText(clientSecret, "clientSecret cannot be empty");
			this.clients.put(clientId, clientSecret);
			return this;
		}

		/**
		 * Rejects every token request for a subject, as eGain rejects one for a user or
		 * customer it does not know: {@code 400} with {@code invalid_grant}.
		 * @param subject the subject to reject
		 * @return this builder
		 * @see EgainStandIn#rejectSubject(EgainSubject)
		 */
		public Builder rejectSubject(EgainSubject subject) {
			Assert.notNull(subject, "subject cannot be null");
			this.rejectedSubjects.add(subject);
			return this;
		}

		/**
		 * Trusts an identity provider: token-exchange requests that name it by
		 * {@code registration_id} and carry a valid token it signed are answered with an
		 * eGain token for that token's user.
		 * @param registrationId the id clients send as {@code registration_id}
		 * @param identityProvider the identity provider
		 * @return this builder
		 * @see EgainStandIn#trustIdentityProvider(String, TestIdentityProvider)
		 */
		public Builder trustIdentityProvider(String registrationId, TestIdentityProvider identityProvider) {
			Assert.hasText(registrationId, "registrationId cannot be empty");
			Assert.notNull(identityProvider, "identityProvider cannot be null");
			this.identityProviders.put(registrationId, identityProvider);
			return this;
		}

		/**
		 * Starts the stand-in.
		 * @return the running stand-in
		 */
		public EgainStandIn start() {
			try {
				return new EgainStandIn(this);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start the eGain stand-in on port " + this.port, ex);
			}
		}

	}

}
