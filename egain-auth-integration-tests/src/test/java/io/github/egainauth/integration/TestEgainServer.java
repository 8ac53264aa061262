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

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.egainauth.EgainFlow;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okio.ByteString;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A local stand-in for eGain: its four token endpoints, at eGain's real paths for tenant
 * {@value #TENANT_ID}, and one API endpoint, {@code GET} {@value #ARTICLES_PATH}. Token
 * requests that break eGain's wire rules are refused with an RFC 6749 error; the others
 * get a new token each ({@code tok-<n>-<subject>}) and are recorded. The API answers
 * {@code 401} unless it is called with a token the stand-in issued, and otherwise echoes
 * the token, its subject and the {@code Accept-Language} it saw.
 *
 * @author egain-auth authors
 */
final class TestEgainServer implements Closeable {

	/**
	 * The tenant whose endpoints the stand-in serves.
	 */
	static final String TENANT_ID = "TMPTEST1";

	/**
	 * The API path the stand-in serves.
	 */
	static final String ARTICLES_PATH = "/knowledge/portalmgr/v4/articles";

	private static final String USER_TOKEN_PATH = "/system/auth/" + TENANT_ID + "-U/oauth2/token";

	private static final String CUSTOMER_TOKEN_PATH = "/system/auth/" + TENANT_ID + "-C/oauth2/token";

	private static final String ANONYMOUS_TOKEN_PATH = "/core/authmgr/v3/oauth2/v2.0/anonymous/token";

	private static final Set<String> COMMON_FIELDS = Set.of("grant_type", "client_id", "client_secret", "scope");

	private static final Set<String> SUBJECT_FIELDS = Set.of("subject_username", "subject_userid", "subject_email");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final MockWebServer server = new MockWebServer();

	private final AtomicInteger tokenCount = new AtomicInteger();

	private final List<TokenRequest> allTokenRequests = new CopyOnWriteArrayList<>();

	private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();

	private final Map<String, TokenRequest> issuedTokens = new ConcurrentHashMap<>();

	private TestEgainServer() {
		this.server.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return TestEgainServer.this.dispatch(request);
			}

		});
	}

	/**
	 * Starts a stand-in on a free loopback port.
	 * @return the running stand-in
	 */
	static TestEgainServer start() {
		TestEgainServer egain = new TestEgainServer();
		try {
			egain.server.start(InetAddress.getLoopbackAddress(), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return egain;
	}

	/**
	 * Points an application's eGain auth and API base URLs and tenant at this stand-in.
	 * @param registry the test's dynamic properties
	 */
	void register(DynamicPropertyRegistry registry) {
		registry.add("egain.auth.tenant-id", () -> TENANT_ID);
		registry.add("egain.auth.auth-base-url", this::baseUrl);
		registry.add("egain.auth.api-base-url", this::baseUrl);
	}

	/**
	 * Returns the stand-in's base URL, e.g. {@code http://127.0.0.1:52345}.
	 * @return the base URL, without a trailing slash
	 */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getPort();
	}

	/**
	 * Returns the token requests received since the last {@link #reset()}, in order.
	 * @return the token requests
	 */
	List<TokenRequest> tokenRequests() {
		return List.copyOf(this.tokenRequests);
	}

	/**
	 * Returns every token request received since the stand-in started, in order.
	 * @return the token requests
	 */
	List<TokenRequest> allTokenRequests() {
		return List.copyOf(this.allTokenRequests);
	}

	/**
	 * Forgets the token requests received so far, but not the tokens issued: those stay
	 * valid for the API.
	 */
	void reset() {
		this.tokenRequests.clear();
	}

	@Override
	public void close() {
		this.server.close();
	}

	private MockResponse dispatch(RecordedRequest request) {
		String path = request.getUrl().encodedPath();
		return switch (path) {
			case USER_TOKEN_PATH, CUSTOMER_TOKEN_PATH, ANONYMOUS_TOKEN_PATH -> token(request, path);
			case ARTICLES_PATH -> articles(request);
			default -> jsonResponse(404, Map.of("code", "404-101", "developerMessage", "No such path: " + path));
		};
	}

	private MockResponse token(RecordedRequest request, String path) {
		String problem = wireProblem(request);
		if (problem != null) {
			return tokenError(problem);
		}
		Map<String, String> form = form(request.getBody());
		if (form == null) {
			return tokenError("the form body repeats a field or is not form-encoded");
		}
		EgainFlow flow = flow(request, path, form.get("grant_type"));
		if (flow == null) {
			return tokenError("grant_type " + form.get("grant_type") + " is not served at " + request.getUrl());
		}
		problem = formProblem(flow, form);
		if (problem != null) {
			return tokenError(problem);
		}
		TokenRequest tokenRequest = new TokenRequest(flow, form,
				"tok-" + this.tokenCount.incrementAndGet() + "-" + subjectValue(form));
		this.issuedTokens.put(tokenRequest.token(), tokenRequest);
		this.allTokenRequests.add(tokenRequest);
		this.tokenRequests.add(tokenRequest);
		return jsonResponse(200, Map.of("access_token", tokenRequest.token(), "token_type", "Bearer", "expires_in",
				3600, "scope", form.get("scope")));
	}

	private static String wireProblem(RecordedRequest request) {
		Headers headers = request.getHeaders();
		if (!"POST".equals(request.getMethod())) {
			return "token requests must be POST, not " + request.getMethod();
		}
		String contentType = headers.get("Content-Type");
		if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
			return "Content-Type must be application/x-www-form-urlencoded, not " + contentType;
		}
		String accept = headers.get("Accept");
		if (accept == null || !accept.contains("application/json")) {
			return "Accept must include application/json, not " + accept;
		}
		if (headers.get("Authorization") != null) {
			return "client credentials belong in the form body, not in an Authorization header";
		}
		return null;
	}

	private static EgainFlow flow(RecordedRequest request, String path, String grantType) {
		if (ANONYMOUS_TOKEN_PATH.equals(path)) {
			boolean anonymousQuery = "customer".equals(request.getUrl().queryParameter("user_type"))
					&& TENANT_ID.equals(request.getUrl().queryParameter("domain_hint"))
					&& request.getUrl().querySize() == 2;
			return (anonymousQuery && "client_credentials".equals(grantType)) ? EgainFlow.ANONYMOUS_CUSTOMER : null;
		}
		if (request.getUrl().querySize() != 0) {
			return null;
		}
		if (CUSTOMER_TOKEN_PATH.equals(path)) {
			return "password".equals(grantType) ? EgainFlow.ON_BEHALF_OF_CUSTOMER : null;
		}
		return switch (String.valueOf(grantType)) {
			case "password" -> EgainFlow.ON_BEHALF_OF_USER;
			case "client_credentials" -> EgainFlow.CLIENT_CREDENTIALS;
			default -> null;
		};
	}

	private String formProblem(EgainFlow flow, Map<String, String> form) {
		for (String field : COMMON_FIELDS) {
			if (form.get(field) == null || form.get(field).isBlank()) {
				return field + " is missing";
			}
		}
		List<String> subjectFields = form.keySet().stream().filter(SUBJECT_FIELDS::contains).toList();
		List<String> otherFields = form.keySet()
			.stream()
			.filter((field) -> !COMMON_FIELDS.contains(field) && !SUBJECT_FIELDS.contains(field))
			.toList();
		if (!otherFields.isEmpty()) {
			return "unexpected fields " + otherFields;
		}
		return switch (flow) {
			case ON_BEHALF_OF_USER -> (subjectFields.size() == 1 && !subjectFields.contains("subject_email")) ? null
					: "exactly one of subject_username and subject_userid is required, not " + subjectFields;
			case ON_BEHALF_OF_CUSTOMER -> subjectFields.equals(List.of("subject_email")) ? null
					: "subject_email alone is required, not " + subjectFields;
			case CLIENT_CREDENTIALS -> subjectFields.isEmpty() ? null : "unexpected subject " + subjectFields;
			case ANONYMOUS_CUSTOMER -> !subjectFields.isEmpty() ? "unexpected subject " + subjectFields
					: anonymousScopeProblem(form.get("scope"));
		};
	}

	private String anonymousScopeProblem(String scope) {
		for (String each : scope.split(" ")) {
			if (!each.startsWith(baseUrl() + "/auth/")) {
				return "the anonymous endpoint takes only prefixed scopes, not " + each;
			}
		}
		return null;
	}

	private static String subjectValue(Map<String, String> form) {
		for (String field : SUBJECT_FIELDS) {
			if (form.containsKey(field)) {
				return form.get(field);
			}
		}
		return "app";
	}

	private MockResponse articles(RecordedRequest request) {
		String authorization = request.getHeaders().get("Authorization");
		TokenRequest issuedBy = (authorization != null && authorization.startsWith("Bearer "))
				? this.issuedTokens.get(authorization.substring("Bearer ".length())) : null;
		if (!"GET".equals(request.getMethod()) || issuedBy == null) {
			return jsonResponse(401, Map.of("code", "401-101", "developerMessage", "Missing or invalid access token"));
		}
		Map<String, Object> echo = new LinkedHashMap<>();
		echo.put("token", issuedBy.token());
		echo.put("clientId", issuedBy.form().get("client_id"));
		echo.put("subject", issuedBy.subject());
		echo.put("acceptLanguage", request.getHeaders().get("Accept-Language"));
		return jsonResponse(200, echo);
	}

	private static Map<String, String> form(ByteString body) {
		Map<String, String> form = new LinkedHashMap<>();
		if (body == null || body.size() == 0) {
			return form;
		}
		for (String pair : body.utf8().split("&")) {
			int equals = pair.indexOf('=');
			if (equals < 0) {
				return null;
			}
			String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			if (form.put(name, value) != null) {
				return null;
			}
		}
		return form;
	}

	private static MockResponse tokenError(String description) {
		return jsonResponse(400, Map.of("error", "invalid_request", "error_description", description));
	}

	private static MockResponse jsonResponse(int status, Map<String, ?> body) {
		return new MockResponse.Builder().code(status)
			.setHeader("Content-Type", "application/json")
			.body(json.writeValueAsString(body))
			.build();
	}

	/**
	 * A token request the stand-in answered with a token.
	 *
	 * @param flow the flow, told by the endpoint and grant type
	 * @param form the form fields, in the order sent
	 * @param token the access token issued
	 */
	record TokenRequest(EgainFlow flow, Map<String, String> form, String token) {

		/**
		 * Returns the subject the token was issued for, as {@code kind:value} (e.g.
		 * {@code username:pa}), or {@code null} for application-level flows.
		 * @return the subject
		 */
		String subject() {
			if (this.form.containsKey("subject_username")) {
				return "username:" + this.form.get("subject_username");
			}
			if (this.form.containsKey("subject_userid")) {
				return "userid:" + this.form.get("subject_userid");
			}
			if (this.form.containsKey("subject_email")) {
				return "email:" + this.form.get("subject_email");
			}
			return null;
		}

	}

	/**
	 * What the stand-in's API saw on a call.
	 *
	 * @param token the bearer token
	 * @param clientId the client the token was issued to
	 * @param subject the subject the token was issued for, e.g. {@code username:pa}, or
	 * {@code null} for an application-level token
	 * @param acceptLanguage the {@code Accept-Language} header
	 */
	record ApiCall(String token, String clientId, String subject, String acceptLanguage) {

	}

}
