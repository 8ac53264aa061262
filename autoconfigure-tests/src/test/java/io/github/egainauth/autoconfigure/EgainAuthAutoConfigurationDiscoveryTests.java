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

package io.github.egainauth.autoconfigure;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.TestEgainLogs;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.TestEgainConcurrentCallers;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.registration.TestEgainTenantMetadata;
import io.github.egainauth.client.web.TestEgainApi;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Signal;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Discovery ({@code egain.auth.discovery.enabled=true}): token URLs and scope prefixes
 * from eGain's tenant metadata document, served with eGain's token endpoints by a local
 * server that records every request. The document is read before the first token request,
 * never at startup, once however many callers, and again after a token request finds no
 * token endpoint at a discovered URL.
 *
 * @author egain-auth authors
 */
class EgainAuthAutoConfigurationDiscoveryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String TENANT_ID = TestEgainTenantMetadata.TENANT_ID;

	private static final String DOCUMENT_PATH = "/core/authmgr/v3/metadata/tenant/" + TENANT_ID;

	private static final String OLD_TOKEN_PATH = "/old/oauth2/token";

	private static final AutoConfigurations EGAIN = AutoConfigurations.of(EgainAuthAutoConfiguration.class,
			EgainAuthBlockingAutoConfiguration.class, EgainAuthReactiveAutoConfiguration.class,
			EgainAuthWebClientAutoConfiguration.class, EgainAuthHttpClientAutoConfiguration.class,
			EgainAuthActuatorAutoConfiguration.class);

	@RegisterExtension
	final TestEgainLogs logs = new TestEgainLogs();

	private final Queue<RecordedRequest> documentRequests = new ConcurrentLinkedQueue<>();

	private final Queue<RecordedRequest> tokenRequests = new ConcurrentLinkedQueue<>();

	private MockWebServer egain;

	private String baseUrl;

	private volatile Map<String, Object> document;

	private volatile @Nullable CountDownLatch holdDocument;

	@BeforeEach
	void setUp() throws IOException {
		this.egain = TestEgainTokenServer.start();
		this.baseUrl = TestEgainApi.origin(this.egain);
		this.document = TestEgainTenantMetadata.document(this.baseUrl);
		this.egain.setDispatcher(TestEgainTokenServer.answering(this::answer));
	}

	@AfterEach
	void tearDown() {
		this.egain.close();
	}

	@Test
	void contextWhenEgainUnreachableThenStartsAndFirstTokenRequestNamesDocumentUrl() throws IOException {
		String closed = TestEgainTokenServer.closedServerUrl().replaceAll("/$", "");
		blocking().withPropertyValues("egain.auth.api-base-url=" + closed).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(EgainTenantMetadataClient.class);
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> context.getBean(EgainAccessTokens.class)
					.getToken(TestEgainProperties.USER_CLIENT, EgainSubject.username("pa")))
				.satisfies((ex) -> assertThat(ex.getClientRegistrationId()).isEqualTo(TestEgainProperties.USER_CLIENT))
				.extracting(ClientAuthorizationException::getError)
				.returns("invalid_tenant_metadata", OAuth2Error::getErrorCode)
				.extracting(OAuth2Error::getDescription)
				.asString()
				.startsWith("Discovery for eGain client 'agent-assist' (on-behalf-of-user flow) failed: could not "
						+ "read eGain's tenant metadata document at " + closed + DOCUMENT_PATH + " (");
		});
	}

	@Test
	void contextWhenStartedThenReadsNothingAndLogsWhatIsToBeDiscovered() {
		blocking().withPropertyValues("egain.auth.clients.reporting.token-uri=https://login.example.com/token")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.egain.getRequestCount()).isZero();
				assertThat(startupLine()).isEqualTo("eGain clients: agent-assist (on-behalf-of-user; token URL to be "
						+ "discovered; scope prefix to be discovered) portal (on-behalf-of-customer; token URL to be "
						+ "discovered; scope prefix to be discovered) reporting (client-credentials; token URL "
						+ "configured: https://login.example.com/token; scope prefix to be discovered) chat "
						+ "(anonymous-customer; token URL to be discovered; scope prefix to be discovered)");
			});
	}

	@Test
	void getTokenWhenDiscoveryThenDocumentReadOnceAndEachFlowUsesItsTokenUrlAndPrefix() {
		blocking().run((context) -> {
			EgainAccessTokens accessTokens = context.getBean(EgainAccessTokens.class);
			accessTokens.getToken(TestEgainProperties.USER_CLIENT, EgainSubject.username("pa"));
			accessTokens.getToken(TestEgainProperties.CUSTOMER_CLIENT, EgainSubject.email("c@example.com"));
			accessTokens.getToken(TestEgainProperties.APPLICATION_CLIENT);
			accessTokens.getToken(TestEgainProperties.ANONYMOUS_CLIENT);
		});
		assertThat(this.documentRequests).singleElement().satisfies(this::assertDocumentRequest);
		String userPrefix = this.baseUrl + TestEgainTenantMetadata.USER_PREFIX_PATH;
		String customerPrefix = this.baseUrl + TestEgainTenantMetadata.CUSTOMER_PREFIX_PATH;
		assertThat(this.tokenRequests).extracting(RecordedRequest::getTarget)
			.containsExactly(TestEgainTenantMetadata.USER_TOKEN_PATH, TestEgainTenantMetadata.CUSTOMER_TOKEN_PATH,
					TestEgainTenantMetadata.USER_TOKEN_PATH, TestEgainTenantMetadata.ANONYMOUS_TOKEN_PATH
							+ TestEgainTenantMetadata.ANONYMOUS_TOKEN_QUERY + TENANT_ID);
		assertThat(this.tokenRequests).extracting((request) -> request.getBody().utf8())
			.containsExactly(
					form("password", "agent-assist", userPrefix + "knowledge.portalmgr.onbehalfof.read")
							+ "&subject_username=pa",
					form("password", "portal", customerPrefix + "knowledge.portalmgr.onbehalfof.customer.read")
							+ "&subject_email=c%40example.com",
					form("client_credentials", "reporting", userPrefix + "knowledge.portalmgr.manage"),
					form("client_credentials", "chat", customerPrefix + "core.aiservices.read"));
	}

	@Test
	void getTokenWhenTokenUrlAndPrefixConfiguredThenTheyWinAndNothingIsRead() {
		String configured = "egain.auth.clients." + TestEgainProperties.APPLICATION_CLIENT + ".";
		blocking()
			.withPropertyValues(configured + "token-uri=" + this.baseUrl + "/configured/token",
					configured + "scope-prefix=https://scopes.example.com/")
			.run((context) -> context.getBean(EgainAccessTokens.class)
				.getToken(TestEgainProperties.APPLICATION_CLIENT));
		assertThat(this.documentRequests).isEmpty();
		assertThat(this.tokenRequests).singleElement().satisfies((request) -> {
			assertThat(request.getTarget()).isEqualTo("/configured/token");
			assertThat(request.getBody().utf8()).isEqualTo(
					form("client_credentials", "reporting", "https://scopes.example.com/knowledge.portalmgr.manage"));
		});
	}

	@Test
	void getTokenWhenOnlyTokenUrlConfiguredThenPrefixDiscovered() {
		String configured = "egain.auth.clients." + TestEgainProperties.APPLICATION_CLIENT + ".";
		blocking().withPropertyValues(configured + "token-uri=" + this.baseUrl + "/configured/token")
			.run((context) -> context.getBean(EgainAccessTokens.class)
				.getToken(TestEgainProperties.APPLICATION_CLIENT));
		assertThat(this.documentRequests).hasSize(1);
		assertThat(this.tokenRequests).singleElement().satisfies((request) -> {
			assertThat(request.getTarget()).isEqualTo("/configured/token");
			assertThat(request.getBody().utf8()).isEqualTo(form("client_credentials", "reporting",
					this.baseUrl + TestEgainTenantMetadata.USER_PREFIX_PATH + "knowledge.portalmgr.manage"));
		});
	}

	@Test
	void getTokenWhen32CallersAtOnceThenDocumentReadOnce() {
		CountDownLatch arrived = new CountDownLatch(32);
		this.holdDocument = arrived;
		blocking().run((context) -> {
			EgainAccessTokens accessTokens = context.getBean(EgainAccessTokens.class);
			List<OAuth2AccessToken> tokens = TestEgainConcurrentCallers.call(32, arrived, (caller) -> accessTokens
				.getToken(TestEgainProperties.USER_CLIENT, EgainSubject.username("user-" + caller)));
			assertThat(tokens).hasSize(32).doesNotContainNull();
		});
		assertThat(this.documentRequests).hasSize(1);
		assertThat(this.tokenRequests).hasSize(32)
			.allSatisfy(
					(request) -> assertThat(request.getTarget()).isEqualTo(TestEgainTenantMetadata.USER_TOKEN_PATH));
	}

	@Test
	void reactiveGetTokenWhen32CallersAtOnceThenDocumentReadOnce() {
		CountDownLatch arrived = new CountDownLatch(32);
		this.holdDocument = arrived;
		reactive().run((context) -> {
			ReactiveEgainAccessTokens accessTokens = context.getBean(ReactiveEgainAccessTokens.class);
			List<Signal<OAuth2AccessToken>> outcomes = TestEgainConcurrentCallers.subscribe(32, arrived,
					(caller) -> accessTokens.getToken(TestEgainProperties.CUSTOMER_CLIENT,
							EgainSubject.email("customer-" + caller + "@example.com")));
			assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.isOnNext()).isTrue());
		});
		assertThat(this.documentRequests).singleElement().satisfies(this::assertDocumentRequest);
		assertThat(this.tokenRequests).hasSize(32)
			.allSatisfy((request) -> assertThat(request.getTarget())
				.isEqualTo(TestEgainTenantMetadata.CUSTOMER_TOKEN_PATH));
	}

	@Test
	void getTokenWhenDiscoveredTokenUrlNotFoundThenDocumentReadAgainBeforeNextTokenRequest() {
		this.document = TestEgainTenantMetadata.with(this.document, "authenticationDetails.oAuthUser",
				List.of(Map.of("accessTokenURL", this.baseUrl + OLD_TOKEN_PATH)));
		blocking().run((context) -> {
			EgainAccessTokens accessTokens = context.getBean(EgainAccessTokens.class);
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> accessTokens.getToken(TestEgainProperties.APPLICATION_CLIENT))
				.satisfies((ex) -> assertThat(ex.getError().getDescription()).contains("HTTP 404"));
			assertThat(this.documentRequests).hasSize(1);
			this.document = TestEgainTenantMetadata.document(this.baseUrl);
			assertThat(accessTokens.getToken(TestEgainProperties.APPLICATION_CLIENT)).isNotNull();
		});
		assertThat(this.documentRequests).hasSize(2);
		assertThat(this.tokenRequests).extracting(RecordedRequest::getTarget)
			.containsExactly(OLD_TOKEN_PATH, TestEgainTenantMetadata.USER_TOKEN_PATH);
	}

	@Test
	void reactiveGetTokenWhenDiscoveredTokenUrlNotFoundThenDocumentReadAgainBeforeNextTokenRequest() {
		this.document = TestEgainTenantMetadata.with(this.document, "authenticationDetails.oAuthUser",
				List.of(Map.of("accessTokenURL", this.baseUrl + OLD_TOKEN_PATH)));
		reactive().run((context) -> {
			ReactiveEgainAccessTokens accessTokens = context.getBean(ReactiveEgainAccessTokens.class);
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> accessTokens.getToken(TestEgainProperties.APPLICATION_CLIENT).block(TIMEOUT));
			this.document = TestEgainTenantMetadata.document(this.baseUrl);
			assertThat(accessTokens.getToken(TestEgainProperties.APPLICATION_CLIENT).block(TIMEOUT)).isNotNull();
		});
		assertThat(this.documentRequests).hasSize(2);
		assertThat(this.tokenRequests).extracting(RecordedRequest::getTarget)
			.containsExactly(OLD_TOKEN_PATH, TestEgainTenantMetadata.USER_TOKEN_PATH);
	}

	@Test
	void getTokenWhenDiscoveredTokenUrlRefusesConnectionsThenDocumentReadAgain() throws IOException {
		String closed = TestEgainTokenServer.closedServerUrl() + "oauth2/token";
		this.document = TestEgainTenantMetadata.with(this.document, "authenticationDetails.oAuthUser",
				List.of(Map.of("accessTokenURL", closed)));
		blocking().run((context) -> {
			EgainAccessTokens accessTokens = context.getBean(EgainAccessTokens.class);
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> accessTokens.getToken(TestEgainProperties.USER_CLIENT, EgainSubject.username("pa")))
				.satisfies((ex) -> assertThat(ex.getError().getDescription())
					.contains("could not reach eGain at " + closed));
			this.document = TestEgainTenantMetadata.document(this.baseUrl);
			assertThat(accessTokens.getToken(TestEgainProperties.USER_CLIENT, EgainSubject.username("pa"))).isNotNull();
		});
		assertThat(this.documentRequests).hasSize(2);
		assertThat(this.tokenRequests).extracting(RecordedRequest::getTarget)
			.containsExactly(TestEgainTenantMetadata.USER_TOKEN_PATH);
	}

	@Test
	void getTokenWhenTokenEndpointRefusesClientThenDocumentNotReadAgain() {
		this.egain.setDispatcher(TestEgainTokenServer.answering((request) -> request.getTarget().equals(DOCUMENT_PATH)
				? answer(request) : json(401, "{\"error\":\"invalid_client\"}")));
		blocking().run((context) -> {
			EgainAccessTokens accessTokens = context.getBean(EgainAccessTokens.class);
			for (int i = 0; i < 2; i++) {
				assertThatExceptionOfType(ClientAuthorizationException.class)
					.isThrownBy(() -> accessTokens.getToken(TestEgainProperties.APPLICATION_CLIENT));
			}
		});
		assertThat(this.documentRequests).hasSize(1);
	}

	@Test
	void getTokenWhenDocumentLacksTokenUrlThenErrorNamesDocumentUrlFieldAndProperty() {
		this.document = TestEgainTenantMetadata.with(this.document, "authenticationDetails.oAuthCustomer", null);
		blocking().run((context) -> {
			EgainAccessTokens accessTokens = context.getBean(EgainAccessTokens.class);
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> accessTokens.getToken(TestEgainProperties.CUSTOMER_CLIENT,
						EgainSubject.email("c@example.com")))
				.extracting(ClientAuthorizationException::getError)
				.returns("invalid_tenant_metadata", OAuth2Error::getErrorCode)
				.returns("Discovery for eGain client 'portal' (on-behalf-of-customer flow) failed: eGain's tenant "
						+ "metadata document at " + this.baseUrl + DOCUMENT_PATH
						+ " has no authenticationDetails.oAuthCustomer[0].accessTokenURL, where the token URL of "
						+ "on-behalf-of-customer clients is read from; set egain.auth.clients.portal.token-uri to "
						+ "the Access Token URL from eGain's console, or have the document fixed",
						OAuth2Error::getDescription);
			// The other clients still get theirs from the same document.
			assertThat(accessTokens.getToken(TestEgainProperties.APPLICATION_CLIENT)).isNotNull();
		});
		assertThat(this.documentRequests).hasSize(1);
		assertThat(this.tokenRequests).extracting(RecordedRequest::getTarget)
			.containsExactly(TestEgainTenantMetadata.USER_TOKEN_PATH);
	}

	@Test
	void getTokenWhenDocumentMalformedThenErrorNamesDocumentUrlAndField() {
		this.document = TestEgainTenantMetadata.with(this.document, "authenticationDetails.oAuthUser", "none");
		reactive().run((context) -> assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> context.getBean(ReactiveEgainAccessTokens.class)
				.getToken(TestEgainProperties.APPLICATION_CLIENT)
				.block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getError().getDescription())
				.startsWith("Discovery for eGain client 'reporting' (client-credentials flow) failed: eGain's tenant "
						+ "metadata document at " + this.baseUrl + DOCUMENT_PATH
						+ " is malformed: authenticationDetails.oAuthUser is a string, not an array; ")));
		assertThat(this.tokenRequests).isEmpty();
	}

	@Test
	void getTokenWhenDocumentNotFoundThenErrorNamesDocumentUrlAndNextCallReadsAgain() {
		this.egain.setDispatcher(TestEgainTokenServer.answering((request) -> {
			this.documentRequests.add(request);
			return json(404, "{\"code\":\"404-100\",\"developerMessage\":\"Not found\"}");
		}));
		blocking().run((context) -> {
			for (int i = 0; i < 2; i++) {
				assertThatExceptionOfType(ClientAuthorizationException.class).isThrownBy(
						() -> context.getBean(EgainAccessTokens.class).getToken(TestEgainProperties.APPLICATION_CLIENT))
					.satisfies((ex) -> assertThat(ex.getError().getDescription())
						.isEqualTo("Discovery for eGain client 'reporting' (client-credentials flow) failed: eGain "
								+ "answered HTTP 404 Not Found instead of the tenant metadata document at "
								+ this.baseUrl + DOCUMENT_PATH));
			}
		});
		assertThat(this.documentRequests).hasSize(2);
	}

	@Test
	void contextWhenDiscoveryWithoutTenantIdThenFailsNamingTenantId() {
		new ApplicationContextRunner().withConfiguration(EGAIN)
			.withPropertyValues(TestEgainProperties.client(TestEgainProperties.USER_CLIENT, "on-behalf-of-user",
					"knowledge.portalmgr.onbehalfof.read"))
			.withPropertyValues("egain.auth.discovery.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new EgainConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: egain.auth.tenant-id")
					.contains(
							"Reason: is missing, but egain.auth.discovery.enabled is true and eGain's tenant metadata "
									+ "document is read by tenant id");
				assertThat(analysis.getAction()).contains("Set egain.auth.tenant-id to your eGain tenant id");
			});
	}

	@Test
	void contextWhenDiscoveryDisabledThenNoTenantMetadataClient() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TestSpringBootLine.imperativeHttpClientAutoConfigurations()))
			.withConfiguration(EGAIN)
			.withPropertyValues(TestEgainProperties.oneClient())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EgainTenantMetadataClient.class));
	}

	@Test
	void infoWhenDiscoveryThenTokenUrlAndPrefixOfEachClientWithWhereTheyCameFrom() {
		String configured = "egain.auth.clients." + TestEgainProperties.APPLICATION_CLIENT + ".";
		blocking().withPropertyValues(configured + "token-uri=" + this.baseUrl + "/configured/token").run((context) -> {
			EgainInfoContributor info = context.getBean(EgainInfoContributor.class);
			assertThat(client(info, TestEgainProperties.APPLICATION_CLIENT))
				.containsEntry("tokenUri", this.baseUrl + "/configured/token")
				.containsEntry("tokenUriSource", "configured")
				.containsEntry("scopePrefix", null)
				.containsEntry("scopePrefixSource", "discovered");
			assertThat(client(info, TestEgainProperties.USER_CLIENT)).containsEntry("tokenUri", null)
				.containsEntry("tokenUriSource", "discovered");
			assertThat(this.documentRequests).isEmpty();
			context.getBean(EgainAccessTokens.class).getToken(TestEgainProperties.APPLICATION_CLIENT);
			assertThat(client(info, TestEgainProperties.APPLICATION_CLIENT))
				.containsEntry("tokenUri", this.baseUrl + "/configured/token")
				.containsEntry("tokenUriSource", "configured")
				.containsEntry("scopePrefix", this.baseUrl + TestEgainTenantMetadata.USER_PREFIX_PATH)
				.containsEntry("scopePrefixSource", "discovered");
			assertThat(client(info, TestEgainProperties.USER_CLIENT))
				.containsEntry("tokenUri", this.baseUrl + TestEgainTenantMetadata.USER_TOKEN_PATH)
				.containsEntry("tokenUriSource", "discovered");
		});
	}

	private ApplicationContextRunner blocking() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TestSpringBootLine.imperativeHttpClientAutoConfigurations()))
			.withConfiguration(EGAIN)
			.withPropertyValues(properties());
	}

	private ReactiveWebApplicationContextRunner reactive() {
		return new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TestSpringBootLine.reactiveHttpClientAutoConfigurations()))
			.withConfiguration(EGAIN)
			.withPropertyValues(properties());
	}

	private String[] properties() {
		return TestEgainProperties.join(TestEgainProperties.allFlows(),
				new String[] { "egain.auth.tenant-id=" + TENANT_ID, "egain.auth.discovery.enabled=true",
						"egain.auth.api-base-url=" + this.baseUrl,
						// Derived token URLs would go here: nothing may be sent there.
						"egain.auth.auth-base-url=https://derived.invalid",
						"egain.auth.token-endpoint.max-attempts=1" });
	}

	private MockResponse answer(RecordedRequest request) {
		if (DOCUMENT_PATH.equals(request.getTarget())) {
			this.documentRequests.add(request);
			CountDownLatch hold = this.holdDocument;
			if (hold != null) {
				awaitQuietly(hold);
			}
			return json(200, TestEgainTenantMetadata.json(this.document));
		}
		this.tokenRequests.add(request);
		if (OLD_TOKEN_PATH.equals(request.getTarget())) {
			return new MockResponse.Builder().code(404).body("<html>Not here</html>").build();
		}
		return json(200, "{\"access_token\":\"token-" + this.tokenRequests.size()
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
	}

	private void assertDocumentRequest(RecordedRequest request) {
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo(DOCUMENT_PATH);
		assertThat(request.getHeaders().get(HttpHeaders.ACCEPT)).isEqualTo("application/json");
		assertThat(request.getHeaders().get(HttpHeaders.AUTHORIZATION)).isNull();
	}

	private String startupLine() {
		List<ILoggingEvent> lines = this.logs.events()
			.stream()
			.filter((event) -> event.getLoggerName().equals(EgainAuthAutoConfiguration.class.getName()))
			.toList();
		assertThat(lines).hasSize(1);
		return lines.get(0).getFormattedMessage();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> client(EgainInfoContributor info, String name) {
		Info.Builder builder = new Info.Builder();
		info.contribute(builder);
		Map<String, Object> egain = (Map<String, Object>) builder.build().get("egain");
		return ((List<Map<String, Object>>) egain.get("clients")).stream()
			.filter((client) -> name.equals(client.get("name")))
			.findFirst()
			.orElseThrow();
	}

	private static String form(String grantType, String client, String scope) {
		return "grant_type=" + grantType + "&client_id=" + client + "-id&client_secret="
				+ TestEgainProperties.CLIENT_SECRET + "&scope=" + encode(scope);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status)
			.setHeader(HttpHeaders.CONTENT_TYPE, "application/json")
			.body(body)
			.build();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
