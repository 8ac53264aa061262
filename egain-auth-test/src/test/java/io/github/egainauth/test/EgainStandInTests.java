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

import java.net.BindException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.test.EgainStandIn.ApiRequest;
import io.github.egainauth.test.EgainStandIn.TenantMetadataRequest;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link EgainStandIn}, sending raw requests so that every header and form
 * field is the test's choice.
 *
 * @author egain-auth authors
 */
class EgainStandInTests {

	private static final String TENANT_ID = EgainStandIn.DEFAULT_TENANT_ID;

	private static final String USER_PATH = "/system/auth/" + TENANT_ID + "-U/oauth2/token";

	private static final String CUSTOMER_PATH = "/system/auth/" + TENANT_ID + "-C/oauth2/token";

	private static final String ANONYMOUS_PATH = "/core/authmgr/v3/oauth2/v2.0/anonymous/token";

	private static final String ANONYMOUS_QUERY = "?user_type=customer&domain_hint=" + TENANT_ID;

	private static final String ARTICLES_PATH = "/knowledge/portalmgr/v4/articles";

	private static final String USER_FIELDS = "grant_type=password with exactly one of subject_username and "
			+ "subject_userid, or grant_type=client_credentials, each with client_id, client_secret and scope only; "
			+ "or grant_type=urn:ietf:params:oauth:grant-type:token-exchange with client_id, client_secret, "
			+ "subject_token, subject_token_type, registration_id and optionally scope";

	private static final String METADATA_PATH = "/core/authmgr/v3/metadata/tenant/" + TENANT_ID;

	private static final String CUSTOMER_FIELDS = "grant_type=password with client_id, client_secret, scope and "
			+ "subject_email only";

	private static final String ANONYMOUS_FIELDS = "grant_type=client_credentials with client_id, client_secret and "
			+ "scope only";

	private EgainStandIn egain;

	@BeforeEach
	void startEgain() {
		this.egain = EgainStandIn.start();
	}

	@AfterEach
	void stopEgain() {
		this.egain.close();
	}

	@Test
	void startWhenRunningThenKeepsNoJvmAlive() {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		try (EgainStandIn standIn = EgainStandIn.start()) {
			List<Thread> dispatchers = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> !before.contains(thread) && thread.getName().startsWith("HTTP-Dispatcher"))
				.toList();
			assertThat(standIn.getBaseUrl()).startsWith("http://");
			assertThat(dispatchers).isNotEmpty().allSatisfy((thread) -> assertThat(thread.isDaemon()).isTrue());
		}
	}

	@Test
	void tokenWhenOnBehalfOfUserByUsernameThenIssuesToken() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH, userForm("subject_username", "pa"));
		TokenRequest tokenRequest = assertIssued(response);
		assertThat(tokenRequest.flow()).isEqualTo(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.clientId()).isEqualTo("agent-client");
		assertThat(tokenRequest.subject()).isEqualTo(EgainSubject.username("pa"));
		assertThat(tokenRequest.scopes()).containsExactly("knowledge.portalmgr.onbehalfof.read");
		assertThat(tokenRequest.parameters()).containsOnly(entry("grant_type", "password"),
				entry("client_id", "agent-client"), entry("client_secret", "agent-secret"),
				entry("scope", "knowledge.portalmgr.onbehalfof.read"), entry("subject_username", "pa"));
	}

	@Test
	void tokenWhenOnBehalfOfUserByUserIdThenIssuesToken() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH, userForm("subject_userid", "77"));
		TokenRequest tokenRequest = assertIssued(response);
		assertThat(tokenRequest.flow()).isEqualTo(EgainFlow.ON_BEHALF_OF_USER);
		assertThat(tokenRequest.clientId()).isEqualTo("agent-client");
		assertThat(tokenRequest.subject()).isEqualTo(EgainSubject.userId("77"));
		assertThat(tokenRequest.scopes()).containsExactly("knowledge.portalmgr.onbehalfof.read");
		assertThat(tokenRequest.parameters()).containsEntry("subject_userid", "77")
			.doesNotContainKey("subject_username");
	}

	@Test
	void tokenWhenOnBehalfOfCustomerThenIssuesToken() throws Exception {
		HttpResponse<String> response = postToken(CUSTOMER_PATH,
				TestEgainHttp.form("grant_type", "password", "client_id", "customer-client", "client_secret",
						"customer-secret", "scope", "knowledge.portalmgr.onbehalfof.customer.read", "subject_email",
						"pa@example.com"));
		TokenRequest tokenRequest = assertIssued(response);
		assertThat(tokenRequest.flow()).isEqualTo(EgainFlow.ON_BEHALF_OF_CUSTOMER);
		assertThat(tokenRequest.clientId()).isEqualTo("customer-client");
		assertThat(tokenRequest.subject()).isEqualTo(EgainSubject.email("pa@example.com"));
		assertThat(tokenRequest.scopes()).containsExactly("knowledge.portalmgr.onbehalfof.customer.read");
	}

	@Test
	void tokenWhenClientCredentialsThenIssuesToken() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH, appForm());
		TokenRequest tokenRequest = assertIssued(response);
		assertThat(tokenRequest.flow()).isEqualTo(EgainFlow.CLIENT_CREDENTIALS);
		assertThat(tokenRequest.clientId()).isEqualTo("app-client");
		assertThat(tokenRequest.subject()).isNull();
		assertThat(tokenRequest.scopes()).containsExactly("knowledge.portalmgr.read", "core.aiservices.read");
		assertThat(TestEgainHttp.json(response)).containsEntry("scope",
				"knowledge.portalmgr.read core.aiservices.read");
	}

	@Test
	void tokenWhenAnonymousCustomerThenIssuesToken() throws Exception {
		String read = this.egain.getBaseUrl() + "/auth/core.aiservices.read";
		String knowledge = this.egain.getBaseUrl() + "/auth/knowledge.portalmgr.read";
		HttpResponse<String> response = postToken(ANONYMOUS_PATH + ANONYMOUS_QUERY, anonForm(read + " " + knowledge));
		TokenRequest tokenRequest = assertIssued(response);
		assertThat(tokenRequest.flow()).isEqualTo(EgainFlow.ANONYMOUS_CUSTOMER);
		assertThat(tokenRequest.clientId()).isEqualTo("anon-client");
		assertThat(tokenRequest.subject()).isNull();
		assertThat(tokenRequest.scopes()).containsExactly(read, knowledge);
	}

	@Test
	void tokenWhenAcceptListsJsonAmongOtherTypesThenIssuesToken() throws Exception {
		HttpResponse<String> response = post(USER_PATH, appForm(), "Content-Type", TestEgainHttp.FORM, "Accept",
				"application/json, text/plain");
		assertThat(assertIssued(response).flow()).isEqualTo(EgainFlow.CLIENT_CREDENTIALS);
	}

	@Test
	void tokenWhenContentTypeIsJsonThenRejected() throws Exception {
		HttpResponse<String> response = post(USER_PATH, "{\"grant_type\":\"client_credentials\"}", "Content-Type",
				"application/json", "Accept", "application/json");
		assertRejected(response, "Content-Type must be application/x-www-form-urlencoded, not application/json");
	}

	@Test
	void tokenWhenContentTypeHasCharsetThenRejected() throws Exception {
		// Deliberately strict: eGain's rule names the bare media type, and the starter
		// sends exactly that.
		HttpResponse<String> response = post(USER_PATH, appForm(), "Content-Type",
				"application/x-www-form-urlencoded;charset=UTF-8", "Accept", "application/json");
		assertRejected(response, "Content-Type must be application/x-www-form-urlencoded, not "
				+ "application/x-www-form-urlencoded;charset=UTF-8");
	}

	@Test
	void tokenWhenNoContentTypeThenRejected() throws Exception {
		HttpResponse<String> response = post(USER_PATH, appForm(), "Accept", "application/json");
		assertRejected(response, "Content-Type must be application/x-www-form-urlencoded, not null");
	}

	@Test
	void tokenWhenNoAcceptThenRejected() throws Exception {
		HttpResponse<String> response = post(USER_PATH, appForm(), "Content-Type", TestEgainHttp.FORM);
		assertRejected(response, "Accept must be application/json, not null");
	}

	@Test
	void tokenWhenAcceptIsNotJsonThenRejected() throws Exception {
		HttpResponse<String> response = post(USER_PATH, appForm(), "Content-Type", TestEgainHttp.FORM, "Accept",
				"text/html");
		assertRejected(response, "Accept must be application/json, not text/html");
	}

	@Test
	void tokenWhenAuthorizationBasicThenRejected() throws Exception {
		HttpResponse<String> response = post(USER_PATH,
				TestEgainHttp.form("grant_type", "client_credentials", "scope", "knowledge.portalmgr.read"),
				"Content-Type", TestEgainHttp.FORM, "Accept", "application/json", "Authorization",
				"Basic YXBwLWNsaWVudDphcHAtc2VjcmV0");
		assertRejected(response, "Client credentials must travel in the form body, not in an Authorization header");
	}

	@Test
	void tokenWhenUsernameFieldAddedThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH,
				userForm("subject_username", "pa") + "&" + TestEgainHttp.form("username", "pa"));
		assertRejected(response, notAccepted("password",
				"[grant_type, client_id, client_secret, scope, subject_username, username]", USER_PATH, USER_FIELDS));
	}

	@Test
	void tokenWhenPasswordGrantWithUsernameAndPasswordThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH,
				TestEgainHttp.form("grant_type", "password", "client_id", "agent-client", "client_secret",
						"agent-secret", "scope", "knowledge.portalmgr.onbehalfof.read", "username", "pa", "password",
						"pa-password"));
		assertRejected(response, notAccepted("password",
				"[grant_type, client_id, client_secret, scope, username, password]", USER_PATH, USER_FIELDS));
	}

	@Test
	void tokenWhenClientIdMissingThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH,
				TestEgainHttp.form("grant_type", "password", "client_secret", "agent-secret", "scope",
						"knowledge.portalmgr.onbehalfof.read", "subject_username", "pa"));
		assertRejected(response, notAccepted("password", "[grant_type, client_secret, scope, subject_username]",
				USER_PATH, USER_FIELDS));
	}

	@Test
	void tokenWhenClientSecretMissingThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH, TestEgainHttp.form("grant_type", "client_credentials",
				"client_id", "app-client", "scope", "knowledge.portalmgr.read"));
		assertRejected(response,
				notAccepted("client_credentials", "[grant_type, client_id, scope]", USER_PATH, USER_FIELDS));
	}

	@Test
	void tokenWhenScopeMissingThenRejected() throws Exception {
		HttpResponse<String> response = postToken(CUSTOMER_PATH, TestEgainHttp.form("grant_type", "password",
				"client_id", "customer-client", "client_secret", "customer-secret", "subject_email", "pa@example.com"));
		assertRejected(response, notAccepted("password", "[grant_type, client_id, client_secret, subject_email]",
				CUSTOMER_PATH, CUSTOMER_FIELDS));
	}

	@Test
	void tokenWhenSubjectMissingThenRejected() throws Exception {
		HttpResponse<String> response = postToken(CUSTOMER_PATH,
				TestEgainHttp.form("grant_type", "password", "client_id", "customer-client", "client_secret",
						"customer-secret", "scope", "knowledge.portalmgr.read"));
		assertRejected(response, notAccepted("password", "[grant_type, client_id, client_secret, scope]", CUSTOMER_PATH,
				CUSTOMER_FIELDS));
	}

	@Test
	void tokenWhenSubjectUsernameAndSubjectUserIdThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH,
				userForm("subject_username", "pa") + "&" + TestEgainHttp.form("subject_userid", "77"));
		assertRejected(response,
				notAccepted("password",
						"[grant_type, client_id, client_secret, scope, subject_username, subject_userid]", USER_PATH,
						USER_FIELDS));
	}

	@Test
	void tokenWhenSubjectEmailAtUserEndpointThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH, userForm("subject_email", "pa@example.com"));
		assertRejected(response, notAccepted("password", "[grant_type, client_id, client_secret, scope, subject_email]",
				USER_PATH, USER_FIELDS));
	}

	@Test
	void tokenWhenClientCredentialsWithSubjectThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH,
				appForm() + "&" + TestEgainHttp.form("subject_username", "pa"));
		assertRejected(response, notAccepted("client_credentials",
				"[grant_type, client_id, client_secret, scope, subject_username]", USER_PATH, USER_FIELDS));
	}

	@Test
	void tokenWhenFieldRepeatedThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH,
				appForm() + "&" + TestEgainHttp.form("scope", "core.aiservices.read"));
		assertRejected(response, "Form field 'scope' is repeated");
	}

	@Test
	void tokenWhenFieldEmptyThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH, userForm("subject_username", ""));
		assertRejected(response, "Form field 'subject_username' is empty");
	}

	@Test
	void tokenWhenScopeBlankThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH, TestEgainHttp.form("grant_type", "client_credentials",
				"client_id", "app-client", "client_secret", "app-secret", "scope", "  "));
		assertRejected(response, "Form field 'scope' is empty");
	}

	@Test
	void tokenWhenBodyEmptyThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH, "");
		assertRejected(response, "The form body is empty");
	}

	@Test
	void tokenWhenBodyNotUrlEncodedThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH, appForm() + "&subject_username=100%");
		assertRejected(response, "The form body is not URL-encoded");
	}

	@Test
	void tokenWhenAnonymousScopesUnprefixedThenRejected() throws Exception {
		HttpResponse<String> response = postToken(ANONYMOUS_PATH + ANONYMOUS_QUERY,
				anonForm("core.aiservices.read knowledge.portalmgr.read"));
		assertRejected(response, "Anonymous-customer scope 'core.aiservices.read' is not prefixed; send it as "
				+ "<api-base-url>/auth/core.aiservices.read");
	}

	@Test
	void tokenWhenOneAnonymousScopeUnprefixedThenRejected() throws Exception {
		HttpResponse<String> response = postToken(ANONYMOUS_PATH + ANONYMOUS_QUERY,
				anonForm(this.egain.getBaseUrl() + "/auth/core.aiservices.read knowledge.portalmgr.read"));
		assertRejected(response, "Anonymous-customer scope 'knowledge.portalmgr.read' is not prefixed; send it as "
				+ "<api-base-url>/auth/knowledge.portalmgr.read");
	}

	@Test
	void tokenWhenAnonymousWithoutDomainHintThenRejected() throws Exception {
		HttpResponse<String> response = postToken(ANONYMOUS_PATH + "?user_type=customer", prefixedAnonForm());
		assertRejected(response, "The anonymous token endpoint needs the query parameter domain_hint=<tenant id>");
	}

	@Test
	void tokenWhenAnonymousDomainHintOfOtherTenantThenRejected() throws Exception {
		HttpResponse<String> response = postToken(ANONYMOUS_PATH + "?user_type=customer&domain_hint=TMPOTHER",
				prefixedAnonForm());
		assertRejected(response, "domain_hint 'TMPOTHER' is not tenant " + TENANT_ID);
	}

	@Test
	void tokenWhenAnonymousWithoutUserTypeThenRejected() throws Exception {
		HttpResponse<String> response = postToken(ANONYMOUS_PATH + "?domain_hint=" + TENANT_ID, prefixedAnonForm());
		assertRejected(response, "The anonymous token endpoint needs the query parameter user_type=customer");
	}

	@Test
	void tokenWhenAnonymousWithoutQueryThenRejected() throws Exception {
		HttpResponse<String> response = postToken(ANONYMOUS_PATH, prefixedAnonForm());
		assertRejected(response, "The anonymous token endpoint needs the query parameter user_type=customer");
	}

	@Test
	void tokenWhenPasswordGrantAtAnonymousEndpointThenRejected() throws Exception {
		HttpResponse<String> response = postToken(ANONYMOUS_PATH + ANONYMOUS_QUERY, userForm("subject_username", "pa"));
		assertRejected(response, notAccepted("password",
				"[grant_type, client_id, client_secret, scope, subject_username]", ANONYMOUS_PATH, ANONYMOUS_FIELDS));
	}

	@Test
	void tokenWhenGetThenRejected() throws Exception {
		HttpResponse<String> response = TestEgainHttp.get(this.egain.getBaseUrl() + USER_PATH + "?" + appForm(),
				"Accept", "application/json");
		assertRejected(response, "Token requests must be POST, not GET");
	}

	@Test
	void tokenWhenUnknownTenantThenNotFound() throws Exception {
		HttpResponse<String> response = postToken("/system/auth/TMPOTHER-U/oauth2/token", appForm());
		assertRejected(response, 404, "invalid_request",
				"No token endpoint at /system/auth/TMPOTHER-U/oauth2/token for tenant " + TENANT_ID);
	}

	@Test
	void tokenWhenClientCredentialsAtCustomerEndpointThenRejected() throws Exception {
		HttpResponse<String> response = postToken(CUSTOMER_PATH, appForm());
		assertRejected(response, notAccepted("client_credentials", "[grant_type, client_id, client_secret, scope]",
				CUSTOMER_PATH, CUSTOMER_FIELDS));
	}

	@Test
	void tokenWhenRejectedThenResponseIsJson() throws Exception {
		HttpResponse<String> response = postToken(CUSTOMER_PATH, appForm());
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
	}

	@Test
	void tokenWhenNoClientsRegisteredThenAnyClientIdAndSecretAccepted() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH, TestEgainHttp.form("grant_type", "client_credentials",
				"client_id", "any-client", "client_secret", "any-secret", "scope", "knowledge.portalmgr.read"));
		assertThat(assertIssued(response).clientId()).isEqualTo("any-client");
	}

	@Test
	void tokenWhenRegisteredClientAndSecretThenIssuesToken() throws Exception {
		this.egain.registerClient("app-client", "app-secret");
		HttpResponse<String> response = postToken(USER_PATH, appForm());
		assertThat(assertIssued(response).clientId()).isEqualTo("app-client");
	}

	@Test
	void tokenWhenRegisteredClientAndWrongSecretThenInvalidClient() throws Exception {
		this.egain.registerClient("app-client", "other-secret");
		HttpResponse<String> response = postToken(USER_PATH, appForm());
		assertRejected(response, 401, "invalid_client", "Client authentication failed");
	}

	@Test
	void tokenWhenClientIdNotRegisteredThenInvalidClient() throws Exception {
		this.egain.registerClient("other-client", "app-secret");
		HttpResponse<String> response = postToken(USER_PATH, appForm());
		assertRejected(response, 401, "invalid_client", "Client authentication failed");
	}

	@Test
	void tokenWhenClientRegisteredByBuilderThenOnlyThatClientAccepted() throws Exception {
		try (EgainStandIn registered = EgainStandIn.builder().client("app-client", "app-secret").start()) {
			HttpResponse<String> accepted = TestEgainHttp.postToken(registered.getBaseUrl() + USER_PATH, appForm());
			HttpResponse<String> refused = TestEgainHttp.postToken(registered.getBaseUrl() + USER_PATH,
					userForm("subject_username", "pa"));
			assertThat(accepted.statusCode()).isEqualTo(200);
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(registered.getTokenRequests()).extracting(TokenRequest::clientId).containsExactly("app-client");
			assertThat(registered.getRejections()).containsExactly("Client authentication failed");
		}
	}

	@Test
	void tokenWhenUsernameRejectedThenInvalidGrantQuotingSubject() throws Exception {
		this.egain.rejectSubject(EgainSubject.username("ghost"));
		HttpResponse<String> response = postToken(USER_PATH, userForm("subject_username", "ghost"));
		assertRejected(response, 400, "invalid_grant", "No user with subject_username 'ghost' in tenant " + TENANT_ID);
	}

	@Test
	void tokenWhenEmailRejectedThenInvalidGrantQuotingEmail() throws Exception {
		this.egain.rejectSubject(EgainSubject.email("ghost@example.com"));
		HttpResponse<String> response = postToken(CUSTOMER_PATH,
				TestEgainHttp.form("grant_type", "password", "client_id", "customer-client", "client_secret",
						"customer-secret", "scope", "knowledge.portalmgr.onbehalfof.customer.read", "subject_email",
						"ghost@example.com"));
		assertRejected(response, 400, "invalid_grant",
				"No customer with subject_email 'ghost@example.com' in tenant " + TENANT_ID);
	}

	@Test
	void tokenWhenUsernameRejectedThenSameValueAsUserIdStillIssued() throws Exception {
		this.egain.rejectSubject(EgainSubject.username("77"));
		HttpResponse<String> response = postToken(USER_PATH, userForm("subject_userid", "77"));
		assertThat(assertIssued(response).subject()).isEqualTo(EgainSubject.userId("77"));
	}

	@Test
	void tokenWhenSubjectRejectedThenOtherSubjectsAndApplicationTokensStillIssued() throws Exception {
		this.egain.rejectSubject(EgainSubject.username("ghost"));
		assertThat(postToken(USER_PATH, userForm("subject_username", "pa")).statusCode()).isEqualTo(200);
		assertThat(postToken(USER_PATH, appForm()).statusCode()).isEqualTo(200);
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::subject)
			.containsExactly(EgainSubject.username("pa"), null);
		assertThat(this.egain.getRejections()).isEmpty();
	}

	@Test
	void tokenWhenSubjectRejectedAndClientSecretWrongThenInvalidClient() throws Exception {
		this.egain.rejectSubject(EgainSubject.username("ghost")).registerClient("agent-client", "other-secret");
		HttpResponse<String> response = postToken(USER_PATH, userForm("subject_username", "ghost"));
		assertRejected(response, 401, "invalid_client", "Client authentication failed");
	}

	@Test
	void tokenWhenSubjectRejectedByBuilderThenInvalidGrant() throws Exception {
		try (EgainStandIn rejecting = EgainStandIn.builder().rejectSubject(EgainSubject.username("ghost")).start()) {
			HttpResponse<String> refused = TestEgainHttp.postToken(rejecting.getBaseUrl() + USER_PATH,
					userForm("subject_username", "ghost"));
			HttpResponse<String> accepted = TestEgainHttp.postToken(rejecting.getBaseUrl() + USER_PATH,
					userForm("subject_username", "pa"));
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(TestEgainHttp.json(refused)).containsEntry("error", "invalid_grant");
			assertThat(accepted.statusCode()).isEqualTo(200);
			assertThat(rejecting.getRejections())
				.containsExactly("No user with subject_username 'ghost' in tenant " + TENANT_ID);
		}
	}

	@Test
	void rejectSubjectWhenNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.egain.rejectSubject(null))
			.withMessage("subject cannot be null");
		assertThatIllegalArgumentException().isThrownBy(() -> EgainStandIn.builder().rejectSubject(null))
			.withMessage("subject cannot be null");
	}

	@Test
	void apiWhenTokenIssuedForSubjectThenEchoesTokenDetails() throws Exception {
		String token = accessToken(postToken(USER_PATH, userForm("subject_username", "pa")));
		HttpResponse<String> response = api(token);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestEgainHttp.json(response)).containsExactly(entry("path", ARTICLES_PATH), entry("method", "GET"),
				entry("clientId", "agent-client"), entry("flow", "on-behalf-of-user"), entry("subject", "username:pa"),
				entry("acceptLanguage", "en-US"));
		assertThat(this.egain.getApiRequests())
			.containsExactly(new ApiRequest("GET", ARTICLES_PATH, token, true, "en-US"));
	}

	@Test
	void apiWhenApplicationTokenThenEchoesNoSubject() throws Exception {
		String token = accessToken(postToken(USER_PATH, appForm()));
		HttpResponse<String> response = TestEgainHttp.post(this.egain.getBaseUrl() + ARTICLES_PATH, "{}",
				"Authorization", "Bearer " + token, "Content-Type", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestEgainHttp.json(response)).containsEntry("method", "POST")
			.containsEntry("clientId", "app-client")
			.containsEntry("flow", "client-credentials")
			.containsEntry("subject", null)
			.containsEntry("acceptLanguage", null);
		assertThat(this.egain.getApiRequests())
			.containsExactly(new ApiRequest("POST", ARTICLES_PATH, token, true, null));
	}

	@Test
	void apiWhenNoTokenThenUnauthorized() throws Exception {
		HttpResponse<String> response = TestEgainHttp.get(this.egain.getBaseUrl() + ARTICLES_PATH, "Accept-Language",
				"en-US");
		assertUnauthorized(response, "Missing bearer token");
		assertThat(this.egain.getApiRequests())
			.containsExactly(new ApiRequest("GET", ARTICLES_PATH, null, false, "en-US"));
	}

	@Test
	void apiWhenBasicAuthorizationThenUnauthorized() throws Exception {
		HttpResponse<String> response = TestEgainHttp.get(this.egain.getBaseUrl() + ARTICLES_PATH, "Authorization",
				"Basic YXBwLWNsaWVudDphcHAtc2VjcmV0");
		assertUnauthorized(response, "Missing bearer token");
		assertThat(this.egain.getApiRequests()).extracting(ApiRequest::token).containsExactly((String) null);
	}

	@Test
	void apiWhenUnknownTokenThenUnauthorized() throws Exception {
		HttpResponse<String> response = api("standin-unknown");
		assertUnauthorized(response, "Invalid or expired token");
		assertThat(this.egain.getApiRequests())
			.containsExactly(new ApiRequest("GET", ARTICLES_PATH, "standin-unknown", false, "en-US"));
	}

	@Test
	void apiWhenTokenRevokedThenUnauthorized() throws Exception {
		String token = accessToken(postToken(USER_PATH, appForm()));
		this.egain.revokeTokens();
		HttpResponse<String> response = api(token);
		assertUnauthorized(response, "Invalid or expired token");
		assertThat(this.egain.getApiRequests())
			.containsExactly(new ApiRequest("GET", ARTICLES_PATH, token, false, "en-US"));
	}

	@Test
	void apiWhenTokenIssuedAfterRevocationThenAuthorized() throws Exception {
		String revoked = accessToken(postToken(USER_PATH, appForm()));
		this.egain.revokeTokens();
		String token = accessToken(postToken(USER_PATH, appForm()));
		assertThat(api(revoked).statusCode()).isEqualTo(401);
		assertThat(api(token).statusCode()).isEqualTo(200);
		assertThat(this.egain.getApiRequests()).extracting(ApiRequest::authorized).containsExactly(false, true);
	}

	@Test
	void apiWhenTokenExpiredThenUnauthorized() throws Exception {
		TestEgainClock clock = new TestEgainClock(Instant.parse("2026-01-01T00:00:00Z"));
		try (EgainStandIn expiring = EgainStandIn.builder().clock(clock).tokenLifetime(Duration.ofMinutes(5)).start()) {
			HttpResponse<String> tokenResponse = TestEgainHttp.postToken(expiring.getBaseUrl() + USER_PATH, appForm());
			String token = accessToken(tokenResponse);
			clock.advance(Duration.ofMinutes(5).minusSeconds(1));
			HttpResponse<String> beforeExpiry = api(expiring, token);
			clock.advance(Duration.ofSeconds(1));
			HttpResponse<String> atExpiry = api(expiring, token);
			assertThat(TestEgainHttp.json(tokenResponse)).containsEntry("expires_in", 300L);
			assertThat(beforeExpiry.statusCode()).isEqualTo(200);
			assertUnauthorized(atExpiry, "Invalid or expired token");
			assertThat(expiring.getApiRequests()).extracting(ApiRequest::authorized).containsExactly(true, false);
		}
	}

	@Test
	void getApiRequestsWhenSeveralCallsThenRecordsEachInOrder() throws Exception {
		String token = accessToken(postToken(USER_PATH, userForm("subject_userid", "77")));
		api(token);
		TestEgainHttp.get(this.egain.getBaseUrl() + "/knowledge/portalmgr/v4/articles/42", "Authorization",
				"Bearer " + token, "Accept-Language", "fr-FR");
		api("standin-unknown");
		assertThat(this.egain.getApiRequests()).containsExactly(
				new ApiRequest("GET", ARTICLES_PATH, token, true, "en-US"),
				new ApiRequest("GET", ARTICLES_PATH + "/42", token, true, "fr-FR"),
				new ApiRequest("GET", ARTICLES_PATH, "standin-unknown", false, "en-US"));
	}

	@Test
	void resetWhenRequestsRecordedThenForgetsThemAndTokensStayValid() throws Exception {
		String token = accessToken(postToken(USER_PATH, appForm()));
		postToken(CUSTOMER_PATH, appForm());
		api(token);
		this.egain.reset();
		assertThat(this.egain.getTokenRequests()).isEmpty();
		assertThat(this.egain.getRejections()).isEmpty();
		assertThat(this.egain.getApiRequests()).isEmpty();
		assertThat(api(token).statusCode()).isEqualTo(200);
		assertThat(this.egain.getApiRequests()).extracting(ApiRequest::authorized).containsExactly(true);
	}

	@Test
	void tokenWhenSubjectRefusedThenAnswersRefusalAndOthersStillServed() throws Exception {
		this.egain.refuseTokens(EgainSubject.username("ghost"), 400, "invalid_grant",
				"User ghost@example.com is not known");
		HttpResponse<String> refused = postToken(USER_PATH, userForm("subject_username", "ghost"));
		HttpResponse<String> byUserId = postToken(USER_PATH, userForm("subject_userid", "ghost"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(TestEgainHttp.json(refused)).containsExactly(entry("error", "invalid_grant"),
				entry("error_description", "User ghost@example.com is not known"));
		assertThat(byUserId.statusCode()).isEqualTo(200);
		assertThat(this.egain.getRejections()).containsExactly("User ghost@example.com is not known");
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::subject)
			.containsExactly(EgainSubject.userId("ghost"));
	}

	@Test
	void apiWhenSubjectRefusedThenAnswersEgainErrorAndOthersStillServed() throws Exception {
		this.egain.refuseApiCalls(EgainSubject.username("pa"), 403, "403-197", "Scope not granted to pa@example.com");
		String refusedToken = accessToken(postToken(USER_PATH, userForm("subject_username", "pa")));
		String otherToken = accessToken(postToken(USER_PATH, userForm("subject_username", "jdoe")));
		HttpResponse<String> refused = api(refusedToken);
		HttpResponse<String> other = api(otherToken);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(TestEgainHttp.json(refused)).containsExactly(entry("code", "403-197"),
				entry("developerMessage", "Scope not granted to pa@example.com"));
		assertThat(other.statusCode()).isEqualTo(200);
		assertThat(this.egain.getApiRequests()).extracting(ApiRequest::authorized).containsExactly(true, true);
	}

	@Test
	void resetWhenSubjectsRefusedThenServesThemAgain() throws Exception {
		this.egain.refuseTokens(EgainSubject.username("pa"), 400, "invalid_grant", "Unknown user");
		this.egain.refuseApiCalls(EgainSubject.username("jdoe"), 403, "403-197", "Scope not granted");
		String token = accessToken(postToken(USER_PATH, userForm("subject_username", "jdoe")));
		this.egain.reset();
		assertThat(postToken(USER_PATH, userForm("subject_username", "pa")).statusCode()).isEqualTo(200);
		assertThat(api(token).statusCode()).isEqualTo(200);
	}

	@Test
	void resetWhenClientsRegisteredThenAcceptsAnyClientAgain() throws Exception {
		this.egain.registerClient("other-client", "other-secret");
		this.egain.reset();
		assertThat(postToken(USER_PATH, appForm()).statusCode()).isEqualTo(200);
	}

	@Test
	void resetWhenSubjectRejectedThenServesItAgain() throws Exception {
		this.egain.rejectSubject(EgainSubject.username("ghost"));
		this.egain.reset();
		assertThat(postToken(USER_PATH, userForm("subject_username", "ghost")).statusCode()).isEqualTo(200);
	}

	@Test
	void resetWhenTokensRevokedThenTheyStayRevoked() throws Exception {
		String token = accessToken(postToken(USER_PATH, appForm()));
		this.egain.revokeTokens();
		this.egain.reset();
		assertUnauthorized(api(token), "Invalid or expired token");
	}

	@Test
	void resetWhenBuilderRegisteredClientsAndRejectedSubjectsThenKeepsThem() throws Exception {
		try (EgainStandIn built = EgainStandIn.builder()
			.client("app-client", "app-secret")
			.rejectSubject(EgainSubject.username("ghost"))
			.start()) {
			built.registerClient("app-client", "rotated-secret");
			HttpResponse<String> rotated = TestEgainHttp.postToken(built.getBaseUrl() + USER_PATH, appForm());
			built.reset();
			HttpResponse<String> original = TestEgainHttp.postToken(built.getBaseUrl() + USER_PATH, appForm());
			HttpResponse<String> otherClient = TestEgainHttp.postToken(built.getBaseUrl() + USER_PATH,
					userForm("subject_username", "pa"));
			assertThat(rotated.statusCode()).isEqualTo(401);
			assertThat(original.statusCode()).isEqualTo(200);
			assertThat(otherClient.statusCode()).isEqualTo(401);
			assertThat(built.getRejections()).containsExactly("Client authentication failed");
		}
		try (EgainStandIn built = EgainStandIn.builder().rejectSubject(EgainSubject.username("ghost")).start()) {
			built.reset();
			HttpResponse<String> ghost = TestEgainHttp.postToken(built.getBaseUrl() + USER_PATH,
					userForm("subject_username", "ghost"));
			assertThat(TestEgainHttp.json(ghost)).containsEntry("error", "invalid_grant");
		}
	}

	@Test
	void resetForTestWhenTokensIssuedAndRevokedThenForgetsThemAndIssuesValidOnes() throws Exception {
		String issued = accessToken(postToken(USER_PATH, appForm()));
		String revoked = accessToken(postToken(USER_PATH, userForm("subject_username", "pa")));
		this.egain.revokeTokens();
		this.egain.resetForTest();
		String fresh = accessToken(postToken(USER_PATH, appForm()));
		assertUnauthorized(api(issued), "Invalid or expired token");
		assertUnauthorized(api(revoked), "Invalid or expired token");
		assertThat(api(fresh).statusCode()).isEqualTo(200);
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::accessToken).containsExactly(fresh);
	}

	@Test
	void refuseTokensWhenSubjectNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.egain.refuseTokens(null, 400, "e", "d"))
			.withMessage("subject cannot be null");
	}

	@Test
	void refuseTokensWhenStatusNotAnErrorThenException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.egain.refuseTokens(EgainSubject.username("pa"), 200, "e", "d"))
			.withMessage("status must be between 400 and 599");
	}

	@Test
	void refuseTokensWhenErrorEmptyThenException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.egain.refuseTokens(EgainSubject.username("pa"), 400, " ", "d"))
			.withMessage("error cannot be empty");
	}

	@Test
	void refuseTokensWhenDescriptionEmptyThenException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.egain.refuseTokens(EgainSubject.username("pa"), 400, "e", ""))
			.withMessage("description cannot be empty");
	}

	@Test
	void refuseApiCallsWhenSubjectNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.egain.refuseApiCalls(null, 403, "c", "m"))
			.withMessage("subject cannot be null");
	}

	@Test
	void refuseApiCallsWhenStatusNotAnErrorThenException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.egain.refuseApiCalls(EgainSubject.username("pa"), 600, "c", "m"))
			.withMessage("status must be between 400 and 599");
	}

	@Test
	void refuseApiCallsWhenCodeEmptyThenException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.egain.refuseApiCalls(EgainSubject.username("pa"), 403, "", "m"))
			.withMessage("code cannot be empty");
	}

	@Test
	void refuseApiCallsWhenDeveloperMessageEmptyThenException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.egain.refuseApiCalls(EgainSubject.username("pa"), 403, "c", " "))
			.withMessage("developerMessage cannot be empty");
	}

	@Test
	void tokenWhenTwoRequestsThenTwoDifferentTokens() throws Exception {
		String first = accessToken(postToken(USER_PATH, appForm()));
		String second = accessToken(postToken(USER_PATH, appForm()));
		assertThat(first).isNotEqualTo(second);
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::accessToken).containsExactly(first, second);
	}

	@Test
	void toStringWhenTokenRequestThenOmitsSecretAndToken() throws Exception {
		postToken(USER_PATH, userForm("subject_username", "pa"));
		TokenRequest tokenRequest = this.egain.getTokenRequests().get(0);
		assertThat(tokenRequest).hasToString("TokenRequest[flow=on-behalf-of-user, clientId=agent-client, "
				+ "subject=username:pa, scopes=[knowledge.portalmgr.onbehalfof.read]]");
	}

	@Test
	void getBaseUrlWhenStartedThenLoopbackWithPort() {
		assertThat(this.egain.getBaseUrl()).matches("http://127\\.0\\.0\\.1:[1-9][0-9]*");
	}

	@Test
	void getTenantIdWhenDefaultThenDefaultTenantId() {
		assertThat(this.egain.getTenantId()).isEqualTo("TMPSTANDIN");
	}

	@Test
	void builderWhenTenantIdThenServesThatTenant() throws Exception {
		try (EgainStandIn tenant = EgainStandIn.builder().tenantId("TMPCUSTOM1").start()) {
			HttpResponse<String> user = TestEgainHttp
				.postToken(tenant.getBaseUrl() + "/system/auth/TMPCUSTOM1-U/oauth2/token", appForm());
			HttpResponse<String> anonymous = TestEgainHttp.postToken(
					tenant.getBaseUrl() + ANONYMOUS_PATH + "?user_type=customer&domain_hint=TMPCUSTOM1",
					anonForm("https://api.example.com/auth/x"));
			HttpResponse<String> defaultTenant = TestEgainHttp.postToken(tenant.getBaseUrl() + USER_PATH, appForm());
			assertThat(tenant.getTenantId()).isEqualTo("TMPCUSTOM1");
			assertThat(user.statusCode()).isEqualTo(200);
			assertThat(anonymous.statusCode()).isEqualTo(200);
			assertThat(defaultTenant.statusCode()).isEqualTo(404);
		}
	}

	@Test
	void builderWhenPortInUseThenFailsToStart() {
		int port = Integer.parseInt(this.egain.getBaseUrl().substring(this.egain.getBaseUrl().lastIndexOf(':') + 1));
		assertThatIllegalStateException().isThrownBy(() -> EgainStandIn.builder().port(port).start())
			.withMessage("Could not start the eGain stand-in on port " + port)
			.withCauseInstanceOf(BindException.class);
	}

	@Test
	void closeWhenClosedThenRefusesConnections() {
		String uri = this.egain.getBaseUrl() + USER_PATH;
		this.egain.close();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> TestEgainHttp.postToken(uri, appForm()));
	}

	@Test
	void tokenWhenEveryTokenRequestFailsOnPurposeThenServiceUnavailableWithHtmlBody() throws Exception {
		try (EgainStandIn failing = EgainStandIn.builder().failTokenRequests(1, 42).start()) {
			HttpResponse<String> response = TestEgainHttp.postToken(failing.getBaseUrl() + USER_PATH, appForm());
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
			assertThat(response.body()).contains("503 Service Unavailable");
			assertThat(failing.getRejections()).containsExactly(EgainStandIn.UNAVAILABLE);
			assertThat(failing.getTokenRequests()).isEmpty();
		}
	}

	@Test
	void tokenWhenShareFailsOnPurposeThenSameRequestsFailForSameSeed() throws Exception {
		try (EgainStandIn first = EgainStandIn.builder().failTokenRequests(0.5, 42).start();
				EgainStandIn second = EgainStandIn.builder().failTokenRequests(0.5, 42).start()) {
			List<Integer> firstStatuses = new ArrayList<>();
			List<Integer> secondStatuses = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				firstStatuses.add(TestEgainHttp.postToken(first.getBaseUrl() + USER_PATH, appForm()).statusCode());
				secondStatuses.add(TestEgainHttp.postToken(second.getBaseUrl() + USER_PATH, appForm()).statusCode());
			}
			assertThat(firstStatuses).isEqualTo(secondStatuses).containsOnly(200, 503);
			assertThat(first.getTokenRequests().size() + first.getRejections().size()).isEqualTo(20);
		}
	}

	@Test
	void tokenWhenFailingOnPurposeAndRequestBreaksWireRulesThenInvalidRequest() throws Exception {
		try (EgainStandIn failing = EgainStandIn.builder().failTokenRequests(1, 42).start()) {
			HttpResponse<String> response = TestEgainHttp.post(failing.getBaseUrl() + USER_PATH, appForm(),
					"Content-Type", TestEgainHttp.FORM);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(failing.getRejections()).containsExactly("Accept must be application/json, not null");
		}
	}

	@Test
	void tokenWhenTokenLatencyThenAnswersNoSooner() throws Exception {
		try (EgainStandIn slow = EgainStandIn.builder().tokenLatency(Duration.ofMillis(200)).start()) {
			long started = System.nanoTime();
			HttpResponse<String> response = TestEgainHttp.postToken(slow.getBaseUrl() + USER_PATH, appForm());
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
			assertThat(response.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void startWhenNodelayPropertyNotSetThenTurnsItOn() {
		assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
	}

	@Test
	void builderWhenTokenLatencyNegativeThenException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainStandIn.builder().tokenLatency(Duration.ofMillis(-1)))
			.withMessage("tokenLatency must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> EgainStandIn.builder().tokenLatency(null))
			.withMessage("tokenLatency must not be negative");
	}

	@Test
	void builderWhenFailureShareOutOfRangeThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainStandIn.builder().failTokenRequests(-0.1, 42))
			.withMessage("share must be between 0 and 1");
		assertThatIllegalArgumentException().isThrownBy(() -> EgainStandIn.builder().failTokenRequests(1.1, 42))
			.withMessage("share must be between 0 and 1");
	}

	@Test
	void builderWhenTenantIdEmptyThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainStandIn.builder().tenantId(" "))
			.withMessage("tenantId cannot be empty");
	}

	@Test
	void builderWhenTokenLifetimeNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainStandIn.builder().tokenLifetime(null))
			.withMessage("tokenLifetime must be at least 1 second");
	}

	@Test
	void builderWhenTokenLifetimeUnderOneSecondThenException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EgainStandIn.builder().tokenLifetime(Duration.ofMillis(999)))
			.withMessage("tokenLifetime must be at least 1 second");
	}

	@Test
	void builderWhenClockNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainStandIn.builder().clock(null))
			.withMessage("clock cannot be null");
	}

	@Test
	void builderWhenPortNegativeThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainStandIn.builder().port(-1))
			.withMessage("port must be between 0 and 65535");
	}

	@Test
	void builderWhenPortAboveRangeThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainStandIn.builder().port(65536))
			.withMessage("port must be between 0 and 65535");
	}

	@Test
	void builderWhenClientIdEmptyThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainStandIn.builder().client("", "secret"))
			.withMessage("clientId cannot be empty");
	}

	@Test
	void builderWhenClientSecretEmptyThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainStandIn.builder().client("client", ""))
			.withMessage("clientSecret cannot be empty");
	}

	@Test
	void registerClientWhenClientIdEmptyThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.egain.registerClient("", "secret"))
			.withMessage("clientId cannot be empty");
	}

	@Test
	void registerClientWhenClientSecretEmptyThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.egain.registerClient("client", " "))
			.withMessage("clientSecret cannot be empty");
	}

	// Edges of the argument ranges, and the paths, forms and threads the stand-in serves
	// (found by mutation testing: see docs/testing.md).

	@Test
	void refuseTokensWhenStatusAtEitherEndOfErrorRangeThenAccepted() {
		EgainSubject subject = EgainSubject.username("pa");
		assertThat(this.egain.refuseTokens(subject, 400, "invalid_grant", "d")).isSameAs(this.egain);
		assertThat(this.egain.refuseTokens(subject, 599, "server_error", "d")).isSameAs(this.egain);
	}

	@Test
	void refuseTokensWhenStatusJustOutsideErrorRangeThenException() {
		EgainSubject subject = EgainSubject.username("pa");
		assertThatIllegalArgumentException().isThrownBy(() -> this.egain.refuseTokens(subject, 399, "e", "d"))
			.withMessage("status must be between 400 and 599");
		assertThatIllegalArgumentException().isThrownBy(() -> this.egain.refuseTokens(subject, 600, "e", "d"))
			.withMessage("status must be between 400 and 599");
	}

	@Test
	void refuseApiCallsWhenStatusAtEitherEndOfErrorRangeThenAccepted() {
		EgainSubject subject = EgainSubject.username("pa");
		assertThat(this.egain.refuseApiCalls(subject, 400, "400-101", "m")).isSameAs(this.egain);
		assertThat(this.egain.refuseApiCalls(subject, 599, "599-101", "m")).isSameAs(this.egain);
	}

	@Test
	void refuseApiCallsWhenStatusJustOutsideErrorRangeThenException() {
		EgainSubject subject = EgainSubject.username("pa");
		assertThatIllegalArgumentException().isThrownBy(() -> this.egain.refuseApiCalls(subject, 399, "c", "m"))
			.withMessage("status must be between 400 and 599");
		assertThatIllegalArgumentException().isThrownBy(() -> this.egain.refuseApiCalls(subject, 600, "c", "m"))
			.withMessage("status must be between 400 and 599");
	}

	@Test
	void builderWhenSettingsAtEitherEndOfTheirRangeThenAccepted() {
		EgainStandIn.Builder builder = EgainStandIn.builder();
		assertThat(builder.tokenLifetime(Duration.ofSeconds(1))).isSameAs(builder);
		assertThat(builder.failTokenRequests(0, 42)).isSameAs(builder);
		assertThat(builder.failTokenRequests(1, 42)).isSameAs(builder);
		assertThat(builder.port(0)).isSameAs(builder);
		assertThat(builder.port(65535)).isSameAs(builder);
	}

	@Test
	void tokenWhenTokenLifetimeOneSecondThenExpiresInOne() throws Exception {
		try (EgainStandIn shortLived = EgainStandIn.builder().tokenLifetime(Duration.ofSeconds(1)).start()) {
			HttpResponse<String> response = TestEgainHttp.postToken(shortLived.getBaseUrl() + USER_PATH, appForm());
			assertThat(TestEgainHttp.json(response)).containsEntry("expires_in", 1L);
		}
	}

	@Test
	void tokenWhenFormFieldHasNoNameThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH, appForm() + "&=x");
		assertRejected(response, notAccepted("client_credentials", "[grant_type, client_id, client_secret, scope, ]",
				USER_PATH, USER_FIELDS));
	}

	@Test
	void tokenWhenFormFieldHasNoValueThenRejected() throws Exception {
		HttpResponse<String> response = postToken(USER_PATH, appForm() + "&x=");
		assertRejected(response, notAccepted("client_credentials", "[grant_type, client_id, client_secret, scope, x]",
				USER_PATH, USER_FIELDS));
	}

	@Test
	void apiWhenPathUnderAuthButNoTokenEndpointThenApiCall() throws Exception {
		HttpResponse<String> response = post("/system/auth/" + TENANT_ID + "-U/oauth2/authorize", appForm(),
				TestEgainHttp.TOKEN_HEADERS);
		assertUnauthorized(response, "Missing bearer token");
		assertThat(this.egain.getApiRequests()).singleElement()
			.satisfies((request) -> assertThat(request.path())
				.isEqualTo("/system/auth/" + TENANT_ID + "-U/oauth2/authorize"));
		assertThat(this.egain.getRejections()).isEmpty();
	}

	@Test
	void apiWhenTokenPathOutsideAuthThenApiCall() throws Exception {
		HttpResponse<String> response = post("/knowledge/oauth2/token", appForm(), TestEgainHttp.TOKEN_HEADERS);
		assertUnauthorized(response, "Missing bearer token");
		assertThat(this.egain.getApiRequests()).singleElement()
			.satisfies((request) -> assertThat(request.path()).isEqualTo("/knowledge/oauth2/token"));
		assertThat(this.egain.getTokenRequests()).isEmpty();
		assertThat(this.egain.getRejections()).isEmpty();
	}

	@Test
	void apiRequestsWhenServedThenOnDaemonThreadsOfTheStandIn() throws Exception {
		List<Thread> servingThreads = new CopyOnWriteArrayList<>();
		Clock clock = new RecordingClock(() -> servingThreads.add(Thread.currentThread()));
		try (EgainStandIn recording = EgainStandIn.builder().clock(clock).start()) {
			String token = accessToken(TestEgainHttp.postToken(recording.getBaseUrl() + USER_PATH, appForm()));
			assertThat(api(recording, token).statusCode()).isEqualTo(200);
		}
		// Daemon threads never keep a test JVM alive, however a test ends.
		assertThat(servingThreads).isNotEmpty()
			.allSatisfy((thread) -> assertThat(thread.getName()).isEqualTo("egain-stand-in"))
			.allSatisfy((thread) -> assertThat(thread.isDaemon()).isTrue());
	}

	@Test
	void apiRequestsWhenConcurrentThenServedConcurrently() throws Exception {
		// Each API request waits in the stand-in until the other has arrived too: a
		// stand-in serving one request at a time would never let the first one go.
		CyclicBarrier bothInside = new CyclicBarrier(2);
		Clock clock = new RecordingClock(() -> {
			if (Thread.currentThread().getName().equals("egain-stand-in")) {
				try {
					bothInside.await(30, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					throw new IllegalStateException("The other API request never arrived", ex);
				}
			}
		});
		try (EgainStandIn recording = EgainStandIn.builder().clock(clock).start()) {
			CompletableFuture<HttpResponse<String>> first = CompletableFuture
				.supplyAsync(() -> unchecked(() -> api(recording, "t1")));
			CompletableFuture<HttpResponse<String>> second = CompletableFuture
				.supplyAsync(() -> unchecked(() -> api(recording, "t2")));
			assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
			assertThat(second.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
			assertThat(bothInside.isBroken()).isFalse();
		}
	}

	@Test
	void apiRequestToStringWhenTokenThenLeavesTokenOut() {
		ApiRequest request = new ApiRequest("GET", ARTICLES_PATH, "standin-secret-token", true, "en-US");
		assertThat(request).hasToString("ApiRequest[GET " + ARTICLES_PATH + ", authorized=true]");
	}

	@Test
	void tokenRequestToStringWhenSecretThenLeavesSecretAndTokenOut() {
		TokenRequest request = new TokenRequest(EgainFlow.CLIENT_CREDENTIALS, "app-client", null,
				List.of("knowledge.portalmgr.read"), Map.of("client_secret", "app-secret"), "standin-token");
		assertThat(request).hasToString(
				"TokenRequest[flow=client-credentials, clientId=app-client, subject=null, scopes=[knowledge.portalmgr.read]]");
	}

	private static <T> T unchecked(Callable<T> call) {
		try {
			return call.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> postToken(String pathAndQuery, String form) throws Exception {
		return TestEgainHttp.postToken(this.egain.getBaseUrl() + pathAndQuery, form);
	}

	private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
		return TestEgainHttp.post(this.egain.getBaseUrl() + path, body, headers);
	}

	private HttpResponse<String> api(String token) throws Exception {
		return api(this.egain, token);
	}

	private static HttpResponse<String> api(EgainStandIn egain, String token) throws Exception {
		return TestEgainHttp.get(egain.getBaseUrl() + ARTICLES_PATH, "Authorization", "Bearer " + token,
				"Accept-Language", "en-US");
	}

	private static String accessToken(HttpResponse<String> tokenResponse) {
		assertThat(tokenResponse.statusCode()).isEqualTo(200);
		return (String) TestEgainHttp.json(tokenResponse).get("access_token");
	}

	private TokenRequest assertIssued(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		Map<String, Object> body = TestEgainHttp.json(response);
		assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600L);
		assertThat(body.get("access_token")).asString().startsWith("standin-");
		assertThat(this.egain.getRejections()).isEmpty();
		List<TokenRequest> tokenRequests = this.egain.getTokenRequests();
		assertThat(tokenRequests).hasSize(1);
		assertThat(tokenRequests.get(0).accessToken()).isEqualTo(body.get("access_token"));
		return tokenRequests.get(0);
	}

	private void assertRejected(HttpResponse<String> response, String description) {
		assertRejected(response, 400, "invalid_request", description);
	}

	private void assertRejected(HttpResponse<String> response, int status, String error, String description) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(TestEgainHttp.json(response)).containsExactly(entry("error", error),
				entry("error_description", description));
		assertThat(this.egain.getRejections()).containsExactly(description);
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	private static void assertUnauthorized(HttpResponse<String> response, String developerMessage) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(TestEgainHttp.json(response)).containsExactly(entry("code", "401-101"),
				entry("developerMessage", developerMessage));
	}

	private static String notAccepted(String grantType, String fields, String path, String expected) {
		return "grant_type '" + grantType + "' with fields " + fields + " is not accepted at " + path + "; expected "
				+ expected;
	}

	private static String userForm(String subjectField, String subject) {
		return TestEgainHttp.form("grant_type", "password", "client_id", "agent-client", "client_secret",
				"agent-secret", "scope", "knowledge.portalmgr.onbehalfof.read", subjectField, subject);
	}

	private static String appForm() {
		return TestEgainHttp.form("grant_type", "client_credentials", "client_id", "app-client", "client_secret",
				"app-secret", "scope", "knowledge.portalmgr.read core.aiservices.read");
	}

	private static String anonForm(String scope) {
		return TestEgainHttp.form("grant_type", "client_credentials", "client_id", "anon-client", "client_secret",
				"anon-secret", "scope", scope);
	}

	private String prefixedAnonForm() {
		return anonForm(this.egain.getBaseUrl() + "/auth/core.aiservices.read");
	}

	/**
	 * The system clock, telling the test whenever the stand-in reads it: it does so on
	 * the thread serving a request.
	 */
	@Test
	void tenantMetadataWhenGetAcceptingJsonThenNamesOwnTokenEndpointsAndPrefixes() throws Exception {
		HttpResponse<String> response = TestEgainHttp.get(this.egain.getBaseUrl() + METADATA_PATH, "Accept",
				"application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		Map<String, Object> document = TestEgainHttp.json(response);
		assertThat(document).isEqualTo(this.egain.getTenantMetadata());
		String baseUrl = this.egain.getBaseUrl();
		assertThat(accessTokenUrl(document, "oAuthUser")).isEqualTo(baseUrl + USER_PATH);
		assertThat(accessTokenUrl(document, "oAuthCustomer")).isEqualTo(baseUrl + CUSTOMER_PATH);
		assertThat(accessTokenUrl(document, "oAuthAnonymousCustomer"))
			.isEqualTo(baseUrl + ANONYMOUS_PATH + "?user_type=customer&domain_hint=<DOMAIN_NAME>");
		assertThat(document).extractingByKey("apiMetadata")
			.asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
			.extractingByKey("CORE")
			.isEqualTo(Map.of("iApiPermissionPrefix", baseUrl + "/auth/", "eApiPermissionPrefix", baseUrl + "/auth/"));
		assertThat(this.egain.getTenantMetadataRequests())
			.containsExactly(new TenantMetadataRequest("GET", METADATA_PATH, "application/json"));
		assertThat(this.egain.getRejections()).isEmpty();
	}

	@Test
	void tenantMetadataWhenTokenUrlsFollowedThenTokensIssued() throws Exception {
		Map<String, Object> document = this.egain.getTenantMetadata();
		HttpResponse<String> user = TestEgainHttp.postToken(accessTokenUrl(document, "oAuthUser"),
				userForm("subject_username", "pa"));
		assertThat(user.statusCode()).isEqualTo(200);
		String anonymous = accessTokenUrl(document, "oAuthAnonymousCustomer").replace("<DOMAIN_NAME>", TENANT_ID);
		assertThat(TestEgainHttp.postToken(anonymous, prefixedAnonForm()).statusCode()).isEqualTo(200);
		assertThat(this.egain.getTokenRequests()).extracting(TokenRequest::flow)
			.containsExactly(EgainFlow.ON_BEHALF_OF_USER, EgainFlow.ANONYMOUS_CUSTOMER);
	}

	@Test
	void tenantMetadataWhenPostThenRefusedAndRecorded() throws Exception {
		HttpResponse<String> response = post(METADATA_PATH, "", "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(TestEgainHttp.json(response)).containsExactly(entry("code", "405-100"),
				entry("developerMessage", "The tenant metadata document is read with GET, not POST"));
		assertThat(this.egain.getRejections())
			.containsExactly("The tenant metadata document is read with GET, not POST");
		assertThat(this.egain.getTenantMetadataRequests()).extracting(TenantMetadataRequest::method)
			.containsExactly("POST");
	}

	@Test
	void tenantMetadataWhenNotAcceptingJsonThenRefused() throws Exception {
		HttpResponse<String> response = TestEgainHttp.get(this.egain.getBaseUrl() + METADATA_PATH, "Accept",
				"text/html");
		assertThat(response.statusCode()).isEqualTo(406);
		assertThat(TestEgainHttp.json(response)).containsEntry("developerMessage",
				"Accept must be application/json, not text/html");
		assertThat(this.egain.getRejections()).containsExactly("Accept must be application/json, not text/html");
	}

	@Test
	void tenantMetadataWhenOtherTenantThenNotFound() throws Exception {
		HttpResponse<String> response = TestEgainHttp
			.get(this.egain.getBaseUrl() + "/core/authmgr/v3/metadata/tenant/OTHER", "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(TestEgainHttp.json(response)).containsEntry("developerMessage",
				"No tenant 'OTHER'; the stand-in serves " + TENANT_ID);
	}

	@Test
	void serveTenantMetadataWhenDocumentGivenThenServedUntilReset() throws Exception {
		this.egain.serveTenantMetadata(Map.of("authenticationDetails", Map.of()));
		HttpResponse<String> served = TestEgainHttp.get(this.egain.getBaseUrl() + METADATA_PATH, "Accept",
				"application/json");
		assertThat(TestEgainHttp.json(served)).isEqualTo(Map.of("authenticationDetails", Map.of()));
		this.egain.reset();
		assertThat(this.egain.getTenantMetadataRequests()).isEmpty();
		HttpResponse<String> own = TestEgainHttp.get(this.egain.getBaseUrl() + METADATA_PATH, "Accept",
				"application/json");
		assertThat(TestEgainHttp.json(own)).isEqualTo(this.egain.getTenantMetadata());
		assertThat(this.egain.getTenantMetadataRequests()).hasSize(1);
	}

	@SuppressWarnings("unchecked")
	private static String accessTokenUrl(Map<String, Object> document, String realm) {
		Map<String, Object> details = (Map<String, Object>) document.get("authenticationDetails");
		List<Map<String, Object>> endpoints = (List<Map<String, Object>>) details.get(realm);
		return (String) endpoints.get(0).get("accessTokenURL");
	}

	private static final class RecordingClock extends Clock {

		private final Runnable onRead;

		RecordingClock(Runnable onRead) {
			this.onRead = onRead;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("A RecordingClock has no other zone");
		}

		@Override
		public Instant instant() {
			this.onRead.run();
			return Instant.now();
		}

	}

}
