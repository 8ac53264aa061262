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

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.autoconfigure.EgainAuthActuatorAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthBlockingAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthHttpClientAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthMetricsAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthReactiveAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthWebClientAutoConfiguration;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainTokenStatistics;
import io.github.egainauth.client.web.client.EgainRestClients;
import io.github.egainauth.test.EgainStandIn.ApiRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.ClientAuthorizationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that {@link AutoConfigureEgainStandIn} isolates the tests of one cached
 * application context: the same tests run in one order, then in the reverse order, in one
 * context, and each finds the stand-in and the starter as if it ran first.
 *
 * @author egain-auth authors
 */
@SpringBootTest(classes = AutoConfigureEgainStandInIsolationTests.StarterConfiguration.class, properties = {
		"egain.auth.clients.agent.flow=on-behalf-of-user", "egain.auth.clients.agent.client-id=agent-client",
		"egain.auth.clients.agent.client-secret=agent-secret",
		"egain.auth.clients.agent.scopes=knowledge.portalmgr.onbehalfof.read",
		"egain.auth.clients.app.flow=client-credentials", "egain.auth.clients.app.client-id=app-client",
		"egain.auth.clients.app.client-secret=app-secret", "egain.auth.clients.app.scopes=knowledge.portalmgr.read" })
@AutoConfigureEgainStandIn
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class AutoConfigureEgainStandInIsolationTests {

	private static final String ARTICLES_PATH = "/knowledge/portalmgr/v4/articles";

	private static final EgainSubject PA = EgainSubject.username("pa");

	/**
	 * The stand-in of the first test to run: every later one must find the same, or the
	 * tests would not share a context.
	 */
	private static final AtomicReference<EgainStandIn> sharedStandIn = new AtomicReference<>();

	@Nested
	@Order(1)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class InOrderTests extends IsolatedTests {

	}

	@Nested
	@Order(2)
	@TestMethodOrder(ReverseOrderAnnotation.class)
	class InReverseOrderTests extends IsolatedTests {

	}

	/**
	 * Tests that would fail after one another if what one did stayed for the next.
	 */
	abstract static class IsolatedTests {

		@Autowired
		private EgainStandIn egain;

		@Autowired
		private EgainAccessTokens accessTokens;

		@Autowired
		private EgainRestClients restClients;

		@Autowired
		private EgainAuthorizedClientManager manager;

		@BeforeEach
		void sameContextAsEveryOtherTest() {
			sharedStandIn.compareAndSet(null, this.egain);
			assertThat(this.egain).isSameAs(sharedStandIn.get());
		}

		@Test
		@Order(1)
		void callWhenApplicationClientThenOneTokenRequestAndOneAuthorizedCall() {
			callArticles();
			assertThat(this.egain.getTokenRequests()).singleElement()
				.satisfies((request) -> assertThat(request.flow()).isEqualTo(EgainFlow.CLIENT_CREDENTIALS));
			assertThat(this.egain.getApiRequests()).singleElement()
				.satisfies((request) -> assertThat(request.authorized()).isTrue());
			assertThat(this.manager.getStatistics()).isEqualTo(new EgainTokenStatistics(0, 1, 0, 0));
			assertThat(this.manager.getFailingClients()).isEmpty();
		}

		@Test
		@Order(2)
		void getTokenWhenSubjectThenOneTokenRequestForIt() {
			this.accessTokens.getToken("agent", PA);
			assertThat(this.egain.getTokenRequests()).singleElement()
				.satisfies((request) -> assertThat(request.subject()).isEqualTo(PA));
			assertThat(this.manager.getStatistics()).isEqualTo(new EgainTokenStatistics(0, 1, 0, 0));
			assertThat(this.manager.getFailingClients()).isEmpty();
		}

		@Test
		@Order(3)
		void getTokenWhenEgainRefusesSubjectThenFailsInThisTestOnly() {
			this.egain.refuseTokens(PA, 400, "invalid_grant", "User pa is not known");
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> this.accessTokens.getToken("agent", PA));
			assertThat(this.egain.getRejections()).containsExactly("User pa is not known");
			assertThat(this.egain.getTokenRequests()).isEmpty();
			assertThat(this.manager.getStatistics().subjectFailures()).isEqualTo(Map.of("agent", 1L));
			assertThat(this.manager.getFailingClients()).isEmpty();
		}

		@Test
		@Order(4)
		void getTokenWhenClientRegisteredWithOtherSecretThenFailsInThisTestOnly() {
			this.egain.registerClient("app-client", "rotated-secret");
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> this.accessTokens.getToken("app"));
			assertThat(this.egain.getRejections()).containsExactly("Client authentication failed");
			assertThat(this.manager.getFailingClients()).containsOnlyKeys("app");
		}

		@Test
		@Order(5)
		void callWhenTokensRevokedThenRetriedWithNewToken() {
			callArticles();
			this.egain.revokeTokens();
			callArticles();
			assertThat(this.egain.getTokenRequests()).hasSize(2);
			assertThat(this.egain.getApiRequests()).extracting(ApiRequest::authorized)
				.containsExactly(true, false, true);
		}

		private void callArticles() {
			this.restClients.client("app").get().uri(ARTICLES_PATH).retrieve().toBodilessEntity();
		}

	}

	/**
	 * Runs test methods in the reverse of their {@link Order}.
	 */
	static class ReverseOrderAnnotation implements MethodOrderer {

		@Override
		public void orderMethods(MethodOrdererContext context) {
			context.getMethodDescriptors()
				.sort(Comparator.<MethodDescriptor>comparingInt(ReverseOrderAnnotation::order).reversed());
		}

		private static int order(MethodDescriptor method) {
			return method.findAnnotation(Order.class).map(Order::value).orElse(Order.DEFAULT);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ EgainAuthAutoConfiguration.class, EgainAuthHttpClientAutoConfiguration.class,
			EgainAuthBlockingAutoConfiguration.class, EgainAuthReactiveAutoConfiguration.class,
			EgainAuthWebClientAutoConfiguration.class, EgainAuthActuatorAutoConfiguration.class,
			EgainAuthMetricsAutoConfiguration.class })
	static class StarterConfiguration {

	}

}
