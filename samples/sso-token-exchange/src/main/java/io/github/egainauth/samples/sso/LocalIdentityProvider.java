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

package io.github.egainauth.samples.sso;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.egainauth.test.TestIdentityProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.util.HtmlUtils;

/**
 * A small OpenID Connect provider on loopback, the sample's stand-in for the Okta, Entra
 * ID or Ping its users would sign in with: discovery, authorization (with a page that
 * signs in one of its demo users, or the user a {@code login_hint} names), a token
 * endpoint for the authorization code grant (with PKCE when the client sends it), a JWK
 * set and user info. It serves one client.
 * <p>
 * Its access tokens are signed by a {@link TestIdentityProvider}, the identity provider
 * an eGain stand-in can be told to trust, so the stand-in exchanges them for eGain tokens
 * as eGain does for a tenant's SSO provider. Its ID tokens are signed with a key of its
 * own; the JWK set serves both public keys.
 *
 * @author egain-auth authors
 */
final class LocalIdentityProvider implements AutoCloseable {

	/**
	 * The users who can sign in: email address and display name.
	 */
	static final Map<String, String> USERS = Map.of("jane@example.com", "Jane Doe", "john@example.com", "John Roe");

	private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

	private final String clientId;

	private final String clientSecret;

	private final HttpServer server;

	private final ExecutorService executor;

	private final String issuer;

	private final TestIdentityProvider accessTokens;

	private final RSAKey idTokenKey;

	private final Map<String, Authorization> codes = new ConcurrentHashMap<>();

	private final Map<String, String> users = new ConcurrentHashMap<>();

	private final Queue<IssuedToken> issued = new ConcurrentLinkedQueue<>();

	private LocalIdentityProvider(int port, String clientId, String clientSecret) throws IOException, JOSEException {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		InetSocketAddress address = this.server.getAddress();
		this.issuer = "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
		this.accessTokens = TestIdentityProvider.create(this.issuer);
		this.idTokenKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "local-identity-provider");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Starts the provider on a loopback port.
	 * @param port the port, or {@code 0} for a free one
	 * @param clientId the id of the one client it serves
	 * @param clientSecret that client's secret
	 * @return the running provider
	 */
	static LocalIdentityProvider start(int port, String clientId, String clientSecret) {
		Assert.hasText(clientId, "clientId cannot be empty");
		Assert.hasText(clientSecret, "clientSecret cannot be empty");
		try {
			return new LocalIdentityProvider(port, clientId, clientSecret);
		}
		catch (IOException | JOSEException ex) {
			throw new IllegalStateException("Could not start the local identity provider on port " + port, ex);
		}
	}

	/**
	 * Returns its issuer, which is also its base URL.
	 * @return the issuer, e.g. {@code http://127.0.0.1:9094}
	 */
	String getIssuer() {
		return this.issuer;
	}

	/**
	 * Returns the identity provider that signs its access tokens, for an eGain stand-in
	 * to trust.
	 * @return the signer of its access tokens
	 */
	TestIdentityProvider getAccessTokens() {
		return this.accessTokens;
	}

	/**
	 * Returns the access tokens it issued, in order.
	 * @return the issued tokens
	 */
	List<IssuedToken> getIssuedTokens() {
		return List.copyOf(this.issued);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			String method = exchange.getRequestMethod();
			switch (method + " " + path) {
				case "GET /.well-known/openid-configuration" -> sendJson(exchange, 200, discovery());
				case "GET /authorize" -> authorize(exchange);
				case "POST /token" -> token(exchange);
				case "GET /jwks" -> sendJson(exchange, 200, jwks());
				case "GET /userinfo" -> userInfo(exchange);
				default -> sendJson(exchange, 404, Map.of("error", "not_found"));
			}
		}
	}

	private Map<String, Object> discovery() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("issuer", this.issuer);
		body.put("authorization_endpoint", this.issuer + "/authorize");
		body.put("token_endpoint", this.issuer + "/token");
		body.put("jwks_uri", this.issuer + "/jwks");
		body.put("userinfo_endpoint", this.issuer + "/userinfo");
		body.put("response_types_supported", List.of("code"));
		body.put("grant_types_supported", List.of("authorization_code"));
		body.put("subject_types_supported", List.of("public"));
		body.put("id_token_signing_alg_values_supported", List.of("RS256"));
		body.put("scopes_supported", List.of("openid", "email", "profile"));
		body.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
		body.put("code_challenge_methods_supported", List.of("S256"));
		return body;
	}

	private Map<String, Object> jwks() {
		List<JWK> keys = new ArrayList<>(this.accessTokens.getPublicKeys().getKeys());
		keys.add(this.idTokenKey.toPublicJWK());
		return new JWKSet(keys).toJSONObject(true);
	}

	private void authorize(HttpExchange exchange) throws IOException {
		String query = exchange.getRequestURI().getRawQuery();
		Map<String, String> parameters = parse(query);
		String redirectUri = parameters.get("redirect_uri");
		if (!this.clientId.equals(parameters.get("client_id")) || redirectUri == null || !isLoopback(redirectUri)) {
			// Never redirect to an address the provider cannot vouch for.
			sendJson(exchange, 400, Map.of("error", "invalid_request", "error_description",
					"unknown client_id, or a redirect_uri that is not on loopback"));
			return;
		}
		if (!"code".equals(parameters.get("response_type"))
				|| !List.of(parameters.getOrDefault("scope", "").split(" ")).contains("openid")) {
			redirect(exchange, redirectUri, Map.of("error", "unsupported_response_type"), parameters.get("state"));
			return;
		}
		String user = parameters.get("login_hint");
		if (user == null) {
			signInPage(exchange, query);
			return;
		}
		if (!USERS.containsKey(user)) {
			redirect(exchange, redirectUri, Map.of("error", "access_denied"), parameters.get("state"));
			return;
		}
		String code = UUID.randomUUID().toString();
		this.codes.put(code, new Authorization(user, redirectUri, parameters.getOrDefault("scope", ""),
				parameters.get("nonce"), parameters.get("code_challenge")));
		redirect(exchange, redirectUri, Map.of("code", code), parameters.get("state"));
	}

	private void signInPage(HttpExchange exchange, String query) throws IOException {
		StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><title>Local identity provider</title>"
				+ "</head><body><h1>Local identity provider</h1>"
				+ "<p>A test issuer for the egain-auth sample. Sign in as:</p><ul>");
		for (String user : USERS.keySet().stream().sorted().toList()) {
			String link = "/authorize?" + query + "&login_hint=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
			page.append("<li><a href=\"")
				.append(HtmlUtils.htmlEscape(link))
				.append("\">")
				.append(HtmlUtils.htmlEscape(USERS.get(user) + " (" + user + ")"))
				.append("</a></li>");
		}
		page.append("</ul></body></html>");
		send(exchange, 200, "text/html;charset=UTF-8", page.toString().getBytes(StandardCharsets.UTF_8));
	}

	private void token(HttpExchange exchange) throws IOException {
		Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		if (!clientAuthenticated(exchange, form)) {
			sendJson(exchange, 401, Map.of("error", "invalid_client"));
			return;
		}
		if (!"authorization_code".equals(form.get("grant_type"))) {
			sendJson(exchange, 400, Map.of("error", "unsupported_grant_type"));
			return;
		}
		String code = form.get("code");
		Authorization authorization = (code != null) ? this.codes.remove(code) : null;
		if (authorization == null || !authorization.redirectUri().equals(form.get("redirect_uri"))
				|| !authorization.verifies(form.get("code_verifier"))) {
			sendJson(exchange, 400, Map.of("error", "invalid_grant"));
			return;
		}
		String accessToken = this.accessTokens.accessToken(authorization.user(), authorization.user(),
				ACCESS_TOKEN_LIFETIME);
		this.users.put(accessToken, authorization.user());
		this.issued.add(new IssuedToken(authorization.user(), accessToken));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", accessToken);
		body.put("token_type", "Bearer");
		body.put("expires_in", ACCESS_TOKEN_LIFETIME.toSeconds());
		body.put("scope", authorization.scope());
		body.put("id_token", idToken(authorization));
		sendJson(exchange, 200, body);
	}

	private boolean clientAuthenticated(HttpExchange exchange, Map<String, String> form) {
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			String[] credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()),
					StandardCharsets.UTF_8)
				.split(":", 2);
			return credentials.length == 2 && this.clientId.equals(decode(credentials[0]))
					&& this.clientSecret.equals(decode(credentials[1]));
		}
		return this.clientId.equals(form.get("client_id")) && this.clientSecret.equals(form.get("client_secret"));
	}

	private String idToken(Authorization authorization) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(authorization.user())
			.audience(this.clientId)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ACCESS_TOKEN_LIFETIME)))
			.claim("auth_time", now.getEpochSecond())
			.claim("email", authorization.user())
			.claim("email_verified", true)
			.claim("name", USERS.get(authorization.user()));
		if (authorization.nonce() != null) {
			claims.claim("nonce", authorization.nonce());
		}
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.idTokenKey.getKeyID()).build(), claims.build());
		try {
			jwt.sign(new RSASSASigner(this.idTokenKey));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an ID token", ex);
		}
		return jwt.serialize();
	}

	private void userInfo(HttpExchange exchange) throws IOException {
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		String user = (header != null && header.startsWith("Bearer ")) ? this.users.get(header.substring(7)) : null;
		if (user == null) {
			exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
			sendJson(exchange, 401, Map.of("error", "invalid_token"));
			return;
		}
		sendJson(exchange, 200, Map.of("sub", user, "email", user, "email_verified", true, "name", USERS.get(user)));
	}

	private static boolean isLoopback(String redirectUri) {
		try {
			URI uri = URI.create(redirectUri);
			return "http".equals(uri.getScheme()) && uri.getHost() != null
					&& InetAddress.getByName(uri.getHost()).isLoopbackAddress();
		}
		catch (IllegalArgumentException | IOException ex) {
			return false;
		}
	}

	private static void redirect(HttpExchange exchange, String redirectUri, Map<String, String> parameters,
			@Nullable String state) throws IOException {
		StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
		Map<String, String> all = new LinkedHashMap<>(parameters);
		if (state != null) {
			all.put("state", state);
		}
		all.forEach((name, value) -> location.append(name)
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8))
			.append('&'));
		location.setLength(location.length() - 1);
		exchange.getResponseHeaders().set("Location", location.toString());
		exchange.sendResponseHeaders(302, -1);
	}

	private static Map<String, String> parse(@Nullable String encoded) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return parameters;
		}
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			parameters.putIfAbsent(name, value);
		}
		return parameters;
	}

	private static String decode(String component) {
		return URLDecoder.decode(component, StandardCharsets.UTF_8);
	}

	private static void sendJson(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		send(exchange, status, "application/json", JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8));
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * An access token the provider issued.
	 *
	 * @param user the email address of the user it was issued for
	 * @param accessToken the token
	 */
	record IssuedToken(String user, String accessToken) {

		@Override
		public String toString() {
			return "IssuedToken[user=" + this.user + "]";
		}

	}

	/**
	 * An authorization code's grant, until the client redeems it.
	 *
	 * @param user the user who signed in
	 * @param redirectUri the redirect URI the code was sent to
	 * @param scope the scope the client asked for
	 * @param nonce the client's nonce, for the ID token
	 * @param codeChallenge the client's PKCE code challenge (S256), or {@code null}
	 */
	private record Authorization(String user, String redirectUri, String scope, @Nullable String nonce,
			@Nullable String codeChallenge) {

		boolean verifies(@Nullable String codeVerifier) {
			if (this.codeChallenge == null) {
				return codeVerifier == null;
			}
			if (codeVerifier == null) {
				return false;
			}
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256")
					.digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
				return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).equals(this.codeChallenge);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
