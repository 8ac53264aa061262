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

import java.net.http.HttpResponse;
import java.util.List;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.autoconfigure.EgainAuthAutoConfiguration;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainTokenStatistics;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.context.event.EventPublishingTestExecutionListener;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link EgainStandInTestExecutionListener}.
 *
 * @author egain-auth authors
 */
class EgainStandInTestExecutionListenerTests {

	private static final String USER_PATH = "/system/auth/" + EgainStandIn.DEFAULT_TENANT_ID + "-U/oauth2/token";

	private static final String APP_FORM = TestEgainHttp.form("grant_type", "client_credentials", "client_id",
			"app-client", "client_secret", "app-secret", "scope", "knowledge.portalmgr.read");

	private final EgainStandInTestExecutionListener listener = new EgainStandInTestExecutionListener();

	private final EgainStandIn egain = EgainStandIn.start();

	private final GenericApplicationContext context = new GenericApplicationContext();

	@AfterEach
	void close() {
		this.context.close();
		this.egain.close();
	}

	@Test
	void beforeTestMethodWhenAnnotatedThenStandInForgetsRecordsWhatItWasToldAndIssuedTokens() throws Exception {
		String token = issueToken();
		this.egain.registerClient("app-client", "rotated-secret")
			.rejectSubject(EgainSubject.username("ghost"))
			.refuseTokens(EgainSubject.username("pa"), 400, "invalid_grant", "Unknown user")
			.refuseApiCalls(EgainSubject.username("jdoe"), 403, "403-197", "Scope not granted");
		this.listener.beforeTestMethod(testContext(Annotated.class));
		assertThat(this.egain.getTokenRequests()).isEmpty();
		assertThat(this.egain.getRejections()).isEmpty();
		assertThat(this.egain.getApiRequests()).isEmpty();
		assertThat(api(token).statusCode()).isEqualTo(401);
		assertThat(postToken(APP_FORM).statusCode()).isEqualTo(200);
		assertThat(postToken(userForm("ghost")).statusCode()).isEqualTo(200);
		assertThat(postToken(userForm("pa")).statusCode()).isEqualTo(200);
		assertThat(this.egain.getRejections()).isEmpty();
	}

	@Test
	void beforeTestMethodWhenTokensRevokedThenTokensIssuedAfterwardsAreValid() throws Exception {
		issueToken();
		this.egain.revokeTokens();
		this.listener.beforeTestMethod(testContext(Annotated.class));
		assertThat(api(issueToken()).statusCode()).isEqualTo(200);
	}

	@Test
	void beforeTestMethodWhenSubclassOfAnnotatedClassThenResets() throws Exception {
		issueToken();
		this.listener.beforeTestMethod(testContext(AnnotatedSubclass.class));
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void beforeTestMethodWhenInnerClassOfAnnotatedClassThenResets() throws Exception {
		issueToken();
		this.listener.beforeTestMethod(testContext(Annotated.Inner.class));
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void beforeTestMethodWhenNotAnnotatedThenLeavesStandInAlone() throws Exception {
		String token = issueToken();
		this.listener.beforeTestMethod(testContext(NotAnnotated.class));
		assertThat(this.egain.getTokenRequests()).hasSize(1);
		assertThat(api(token).statusCode()).isEqualTo(200);
	}

	@Test
	void beforeTestMethodWhenContextNotLoadedThenDoesNotLoadIt() throws Exception {
		TestContext testContext = mock(TestContext.class);
		doReturn(Annotated.class).when(testContext).getTestClass();
		given(testContext.hasApplicationContext()).willReturn(false);
		this.listener.beforeTestMethod(testContext);
		verify(testContext, never()).getApplicationContext();
	}

	@Test
	void beforeTestMethodWhenStarterManagerThenItStartsAfresh() throws Exception {
		CaffeineOAuth2AuthorizedClientService store = new CaffeineOAuth2AuthorizedClientService();
		EgainAuthorizedClientManager manager = manager(store);
		this.context.registerBean(EgainAuthorizedClientManager.class, () -> manager);
		OAuth2AuthorizedClient before = manager.authorize("app", null, null);
		this.listener.beforeTestMethod(testContext(Annotated.class));
		assertThat(manager.getStatistics()).isEqualTo(new EgainTokenStatistics(0, 0, 0, 0));
		assertThat(store.<OAuth2AuthorizedClient>loadAuthorizedClient("app", before.getPrincipalName())).isNull();
		manager.authorize("app", null, null);
		assertThat(this.egain.getTokenRequests()).singleElement()
			.satisfies((request) -> assertThat(request.flow()).isEqualTo(EgainFlow.CLIENT_CREDENTIALS));
	}

	@Test
	void beforeTestMethodWhenApplicationDefinesEgainAuthorizedClientServiceThenLeavesManagersAlone() throws Exception {
		CaffeineOAuth2AuthorizedClientService store = new CaffeineOAuth2AuthorizedClientService();
		EgainAuthorizedClientManager manager = manager(store);
		this.context.registerBean(EgainAuthAutoConfiguration.AUTHORIZED_CLIENT_SERVICE_BEAN_NAME,
				CaffeineOAuth2AuthorizedClientService.class, () -> store);
		this.context.registerBean(EgainAuthorizedClientManager.class, () -> manager);
		OAuth2AuthorizedClient before = manager.authorize("app", null, null);
		this.listener.beforeTestMethod(testContext(Annotated.class));
		assertThat(manager.getStatistics()).isEqualTo(new EgainTokenStatistics(0, 1, 0, 0));
		assertThat(store.<OAuth2AuthorizedClient>loadAuthorizedClient("app", before.getPrincipalName()))
			.isSameAs(before);
		assertThat(this.egain.getTokenRequests()).isEmpty();
	}

	@Test
	void getOrderThenAfterDependencyInjectionAndBeforeTestEvents() {
		assertThat(this.listener.getOrder()).isGreaterThan(DependencyInjectionTestExecutionListener.ORDER)
			.isLessThan(EventPublishingTestExecutionListener.ORDER);
	}

	@Test
	void testContextManagerWhenDefaultListenersThenIncludesListener() {
		assertThat(new TestContextManager(NotAnnotated.class).getTestExecutionListeners())
			.hasAtLeastOneElementOfType(EgainStandInTestExecutionListener.class);
	}

	private TestContext testContext(Class<?> testClass) {
		if (!this.context.isActive()) {
			this.context.registerBean(EgainStandInContextCustomizerFactory.BEAN_NAME, EgainStandIn.class,
					() -> this.egain);
			this.context.refresh();
		}
		TestContext testContext = mock(TestContext.class);
		doReturn(testClass).when(testContext).getTestClass();
		given(testContext.hasApplicationContext()).willReturn(true);
		given(testContext.getApplicationContext()).willReturn(this.context);
		return testContext;
	}

	private EgainAuthorizedClientManager manager(CaffeineOAuth2AuthorizedClientService store) {
		String tokenUri = EgainClientRegistrations.tokenUri(EgainFlow.CLIENT_CREDENTIALS, this.egain.getBaseUrl(),
				this.egain.getBaseUrl(), this.egain.getTenantId());
		EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(
				List.of(EgainClientRegistrations.withRegistrationId("app", EgainFlow.CLIENT_CREDENTIALS)
					.clientId("app-client")
					.clientSecret("app-secret")
					.scope("knowledge.portalmgr.read")
					.tokenUri(tokenUri)
					.build()));
		return new EgainAuthorizedClientManager(registrations::findByRegistrationId, store);
	}

	private String issueToken() throws Exception {
		HttpResponse<String> response = postToken(APP_FORM);
		assertThat(response.statusCode()).isEqualTo(200);
		return (String) TestEgainHttp.json(response).get("access_token");
	}

	private HttpResponse<String> postToken(String form) throws Exception {
		return TestEgainHttp.postToken(this.egain.getBaseUrl() + USER_PATH, form);
	}

	private HttpResponse<String> api(String token) throws Exception {
		return TestEgainHttp.get(this.egain.getBaseUrl() + "/knowledge/portalmgr/v4/articles", "Authorization",
				"Bearer " + token);
	}

	private static String userForm(String username) {
		return TestEgainHttp.form("grant_type", "password", "client_id", "agent-client", "client_secret",
				"agent-secret", "scope", "knowledge.portalmgr.onbehalfof.read", "subject_username", username);
	}

	@AutoConfigureEgainStandIn
	static class Annotated {

		class Inner {

		}

	}

	static class AnnotatedSubclass extends Annotated {

	}

	static class NotAnnotated {

	}

}
