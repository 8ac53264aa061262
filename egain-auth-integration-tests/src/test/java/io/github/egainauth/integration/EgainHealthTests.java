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

import java.time.Instant;
import java.util.Map;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.autoconfigure.EgainAuthActuatorAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthBlockingAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthHealthAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthHttpClientAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthMetricsAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthReactiveAutoConfiguration;
import io.github.egainauth.autoconfigure.EgainAuthWebClientAutoConfiguration;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.test.EgainStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.ClientAuthorizationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.map;

/**
 * Tests of the {@code egain} health indicator and info contributor of blocking and
 * reactive applications calling an {@link EgainStandIn}: a subject eGain does not know
 * leaves the application {@code UP}, a client eGain rejects turns it {@code DOWN} until
 * that client gets a token again, and neither shows what eGain said about a subject.
 *
 * @author egain-auth authors
 */
class EgainHealthTests {

	private static final EgainSubject GHOST = EgainSubject.username("ghost");

	private static final String GHOST_EMAIL = "ghost@example.com";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EgainStandIn egain;

	@BeforeEach
	void startEgain() {
		this.egain = EgainStandIn.builder()
			.client("agent-client", "agent-secret")
			.client("customer-client", "customer-secret")
			.client("app-client", "app-secret")
			.rejectSubject(GHOST)
			.rejectSubject(EgainSubject.email(GHOST_EMAIL))
			.start();
	}

	@AfterEach
	void stopEgain() {
		this.egain.close();
	}

	@Test
	void healthWhenUnknownUserThenUpAndSubjectNeitherInHealthNorInfo() {
		blockingApplication().run((context) -> {
			EgainAccessTokens accessTokens = context.getBean(EgainAccessTokens.class);
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> accessTokens.getToken("agent", GHOST))
				.withMessageContaining("[invalid_grant]");
			assertThat(this.egain.getRejections()).singleElement().asString().contains("'ghost'");
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("clients",
					Map.of("agent", "ok", "customer", "ok", "app", "ok"));
			assertThat(json(health)).doesNotContain("ghost");
			assertThat(json(info(context))).doesNotContain("ghost");
		});
	}

	@Test
	void healthWhenUnknownCustomerEmailEchoedThenUpAndEmailNeitherInHealthNorInfo() {
		blockingApplication().run((context) -> {
			EgainAccessTokens accessTokens = context.getBean(EgainAccessTokens.class);
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> accessTokens.getToken("customer", EgainSubject.email(GHOST_EMAIL)))
				.withMessageContaining(GHOST_EMAIL);
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(json(health)).doesNotContain(GHOST_EMAIL);
			assertThat(json(info(context))).doesNotContain(GHOST_EMAIL);
		});
	}

	@Test
	void healthWhenClientRejectedThenDownWithCodeAndTimeUntilClientGetsToken() {
		blockingApplication().withPropertyValues("egain.auth.clients.app.client-secret=rotated-secret")
			.run((context) -> {
				EgainAccessTokens accessTokens = context.getBean(EgainAccessTokens.class);
				Instant before = Instant.now();
				assertThatExceptionOfType(ClientAuthorizationException.class)
					.isThrownBy(() -> accessTokens.getToken("app"))
					.withMessageContaining("[invalid_client]");
				assertDown(health(context), "app", "invalid_client", before);
				// An unknown user of another client changes nothing.
				assertThatExceptionOfType(ClientAuthorizationException.class)
					.isThrownBy(() -> accessTokens.getToken("agent", GHOST));
				assertDown(health(context), "app", "invalid_client", before);
				this.egain.registerClient("app-client", "rotated-secret");
				accessTokens.getToken("app");
				assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void reactiveHealthWhenUnknownUserThenUpAndSubjectNeitherInHealthNorInfo() {
		reactiveApplication().run((context) -> {
			ReactiveEgainAccessTokens accessTokens = context.getBean(ReactiveEgainAccessTokens.class);
			assertThatExceptionOfType(ClientAuthorizationException.class)
				.isThrownBy(() -> accessTokens.getToken("customer", EgainSubject.email(GHOST_EMAIL)).block())
				.withMessageContaining("[invalid_grant]");
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(json(health)).doesNotContain(GHOST_EMAIL);
			assertThat(json(info(context))).doesNotContain(GHOST_EMAIL);
		});
	}

	@Test
	void reactiveHealthWhenClientRejectedThenDownWithCodeAndTimeUntilClientGetsToken() {
		reactiveApplication().withPropertyValues("egain.auth.clients.agent.client-secret=rotated-secret")
			.run((context) -> {
				ReactiveEgainAccessTokens accessTokens = context.getBean(ReactiveEgainAccessTokens.class);
				Instant before = Instant.now();
				assertThatExceptionOfType(ClientAuthorizationException.class)
					.isThrownBy(() -> accessTokens.getToken("agent", EgainSubject.username("pa")).block())
					.withMessageContaining("[invalid_client]");
				assertDown(health(context), "agent", "invalid_client", before);
				this.egain.registerClient("agent-client", "rotated-secret");
				accessTokens.getToken("agent", EgainSubject.username("pa")).block();
				assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			});
	}

	private ApplicationContextRunner blockingApplication() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
							EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
							EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
							EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class))
			.withPropertyValues(properties());
	}

	private ReactiveWebApplicationContextRunner reactiveApplication() {
		return new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EgainAuthAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
							EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
							EgainAuthActuatorAutoConfiguration.class, EgainAuthHealthAutoConfiguration.class,
							EgainAuthHttpClientAutoConfiguration.class, EgainAuthMetricsAutoConfiguration.class))
			.withPropertyValues(properties());
	}

	private String[] properties() {
		return new String[] { "egain.auth.tenant-id=" + this.egain.getTenantId(),
				"egain.auth.auth-base-url=" + this.egain.getBaseUrl(),
				"egain.auth.api-base-url=" + this.egain.getBaseUrl(), "egain.auth.token-endpoint.max-attempts=1",
				"egain.auth.clients.agent.flow=on-behalf-of-user", "egain.auth.clients.agent.client-id=agent-client",
				"egain.auth.clients.agent.client-secret=agent-secret",
				"egain.auth.clients.agent.scopes=knowledge.portalmgr.onbehalfof.read",
				"egain.auth.clients.customer.flow=on-behalf-of-customer",
				"egain.auth.clients.customer.client-id=customer-client",
				"egain.auth.clients.customer.client-secret=customer-secret",
				"egain.auth.clients.customer.scopes=knowledge.portalmgr.onbehalfof.customer.read",
				"egain.auth.clients.app.flow=client-credentials", "egain.auth.clients.app.client-id=app-client",
				"egain.auth.clients.app.client-secret=app-secret",
				"egain.auth.clients.app.scopes=core.aiservices.read" };
	}

	private static void assertDown(Health health, String client, String errorCode, Instant notBefore) {
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).extractingByKey("clients")
			.asInstanceOf(map(String.class, Object.class))
			.extractingByKey(client)
			.asInstanceOf(map(String.class, Object.class))
			.containsOnlyKeys("error", "time")
			.containsEntry("error", errorCode)
			.extractingByKey("time")
			.asString()
			.satisfies((time) -> assertThat(Instant.parse(time)).isBetween(notBefore, Instant.now()));
		assertThat(json(health)).doesNotContain("Client authentication failed").doesNotContain("secret");
	}

	private static Health health(ApplicationContext context) {
		return context.getBean(HealthIndicator.class).health();
	}

	private static Info info(ApplicationContext context) {
		Info.Builder builder = new Info.Builder();
		context.getBean(InfoContributor.class).contribute(builder);
		return builder.build();
	}

	private static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

}
