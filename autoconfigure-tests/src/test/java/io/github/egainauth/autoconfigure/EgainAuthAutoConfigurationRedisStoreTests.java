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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainTokenStatus;
import io.github.egainauth.client.EgainTokenStoreStatus;
import io.github.egainauth.client.ReactiveEgainAccessTokens;
import io.github.egainauth.client.endpoint.TestEgainTokenResponses;
import io.github.egainauth.client.endpoint.TestEgainTokenServer;
import io.github.egainauth.client.redis.LocalRedisServer;
import io.github.egainauth.client.redis.TestRedisStores;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the shared token store on Redis ({@code egain.auth.store.type: redis}) as
 * {@link EgainAuthRedisStoreAutoConfiguration} sets it up with Spring Boot's own Redis
 * auto-configuration, against a real {@code redis-server}: two application contexts stand
 * for two instances of an application.
 *
 * @author egain-auth authors
 */
class EgainAuthAutoConfigurationRedisStoreTests {

	private static LocalRedisServer redis;

	private MockWebServer server;

	@BeforeAll
	static void startRedis() {
		redis = LocalRedisServer.startOnFreePort();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@BeforeEach
	void startServer() throws IOException {
		if (redis.command("PING") == null) {
			redis.start();
		}
		redis.command("FLUSHALL");
		AtomicInteger tokens = new AtomicInteger();
		this.server = TestEgainTokenServer.start();
		this.server.setDispatcher(TestEgainTokenServer
			.answering((request) -> TestEgainTokenResponses.accessToken("token-" + tokens.incrementAndGet(), 3600)));
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void managersOfTwoInstancesWhenStoreIsRedisThenShareTokens() {
		contextRunner().run((first) -> contextRunner().run((second) -> {
			String token = first.getBean(EgainAccessTokens.class)
				.getToken("agent", EgainSubject.username("pa"))
				.getTokenValue();
			assertThat(second.getBean(EgainAccessTokens.class)
				.getToken("agent", EgainSubject.username("pa"))
				.getTokenValue()).isEqualTo(token);
			assertThat(this.server.getRequestCount()).isOne();
			Set<String> keys = redisKeys();
			assertThat(keys).singleElement().asString().startsWith("tenant-a:token:agent:").doesNotContain("pa");
			// No store bean: Spring Boot's own OAuth2AuthorizedClientService for the
			// application's clients is left alone.
			assertThat(first).doesNotHaveBean(OAuth2AuthorizedClientService.class);
		}));
	}

	@Test
	void storeStatusWhenRedisGoesDownAndComesBackThenReportedWhileCallsSucceed() {
		contextRunner().withPropertyValues("egain.auth.store.redis.retry-interval=1ms").run((context) -> {
			EgainAccessTokens accessTokens = context.getBean(EgainAccessTokens.class);
			EgainTokenStatus status = context.getBean(EgainTokenStatus.class);
			accessTokens.getToken("agent", EgainSubject.username("pa"));
			assertThat(status.getStoreStatus()).isEqualTo(EgainTokenStoreStatus.SHARED);
			redis.stop();
			try {
				assertThat(accessTokens.getToken("agent", EgainSubject.username("other")).getTokenValue()).isNotEmpty();
				assertThat(status.getStoreStatus()).isEqualTo(EgainTokenStoreStatus.SHARED_UNAVAILABLE);
			}
			finally {
				redis.start();
			}
			Thread.sleep(5);
			accessTokens.getToken("agent", EgainSubject.username("third"));
			assertThat(status.getStoreStatus()).isEqualTo(EgainTokenStoreStatus.SHARED);
			assertThat(redisKeys()).hasSize(1);
		});
	}

	@Test
	void reactiveManagersOfTwoInstancesWhenStoreIsRedisThenShareTokens() {
		reactiveContextRunner().run((first) -> reactiveContextRunner().run((second) -> {
			String token = first.getBean(ReactiveEgainAccessTokens.class)
				.getToken("agent", EgainSubject.username("pa"))
				.block()
				.getTokenValue();
			assertThat(second.getBean(ReactiveEgainAccessTokens.class)
				.getToken("agent", EgainSubject.username("pa"))
				.block()
				.getTokenValue()).isEqualTo(token);
			assertThat(this.server.getRequestCount()).isOne();
			assertThat(redisKeys()).hasSize(1);
			assertThat(first).doesNotHaveBean(ReactiveOAuth2AuthorizedClientService.class);
		}));
	}

	@Test
	void managersWhenStoreIsInMemoryThenEachInstanceKeepsItsOwnTokens() {
		contextRunner().withPropertyValues("egain.auth.store.type=in-memory")
			.run((first) -> contextRunner().withPropertyValues("egain.auth.store.type=in-memory").run((second) -> {
				assertThat(first).doesNotHaveBean(EgainSharedTokenStores.class);
				first.getBean(EgainAccessTokens.class).getToken("agent", EgainSubject.username("pa"));
				second.getBean(EgainAccessTokens.class).getToken("agent", EgainSubject.username("pa"));
				assertThat(this.server.getRequestCount()).isEqualTo(2);
				assertThat(redisKeys()).isEmpty();
			}));
	}

	@Test
	void managerWhenApplicationDefinesEgainAuthorizedClientServiceThenItWinsOverRedis() {
		contextRunner()
			.withBean("egainAuthorizedClientService", OAuth2AuthorizedClientService.class,
					() -> new InMemoryOAuth2AuthorizedClientService((id) -> null))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(EgainAccessTokens.class).getToken("agent", EgainSubject.username("pa"));
				assertThat(redisKeys()).isEmpty();
			});
	}

	@Test
	void startupWhenEncryptionKeyIsMissingThenFailsNamingIt() {
		new ApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues(clientProperties())
			.withPropertyValues("egain.auth.store.type=redis", "spring.data.redis.port=" + redis.getPort())
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: egain.auth.store.redis.encryption-key")
					.contains("is missing, but egain.auth.store.type is redis");
				assertThat(analysis.getAction()).contains("openssl rand -base64 32");
			});
	}

	@Test
	void startupWhenEncryptionKeyIsNot32BytesThenFailsNamingItButNotItsValue() {
		String shortKey = "c2hvcnQta2V5LXZhbHVl";
		new ApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues(clientProperties())
			.withPropertyValues("egain.auth.store.type=redis", "spring.data.redis.port=" + redis.getPort(),
					"egain.auth.store.redis.encryption-key=" + TestRedisStores.KEY + "," + shortKey + ",not base64!")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("Property: egain.auth.store.redis.encryption-key[1]",
							"decodes to 15 bytes, but AES-256 needs 32",
							"Property: egain.auth.store.redis.encryption-key[2]", "is not base64")
					.doesNotContain(shortKey)
					.doesNotContain(TestRedisStores.KEY)
					.doesNotContain("encryption-key[0]");
			});
	}

	@Test
	void startupWhenNoRedisConnectionFactoryThenFailsNamingStoreType() {
		new ApplicationContextRunner().withConfiguration(configurations(false))
			.withPropertyValues(clientProperties())
			.withPropertyValues(redisProperties())
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: egain.auth.store.type")
					.contains("is redis, but the application has no RedisConnectionFactory bean");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis");
			});
	}

	@Test
	void startupWhenSpringDataRedisIsMissingThenFailsNamingStoreType() {
		new ApplicationContextRunner().withConfiguration(configurations(false))
			.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
			.withPropertyValues(clientProperties())
			.withPropertyValues(redisProperties())
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: egain.auth.store.type")
					.contains("is redis, but Spring Data Redis is not on the classpath");
			});
	}

	@Test
	void sanitizingFunctionWhenEncryptionKeyShownThenMasked() {
		contextRunner().run((context) -> {
			SanitizingFunction function = context.getBean("egainSecretSanitizingFunction", SanitizingFunction.class);
			SanitizableData byKey = new SanitizableData(null, "egain.auth.store.redis.encryption-key[0]",
					TestRedisStores.KEY);
			SanitizableData byValue = new SanitizableData(null, "EGAIN_STORE_KEY", TestRedisStores.KEY);
			SanitizableData other = new SanitizableData(null, "egain.auth.store.redis.key-prefix", "tenant-a:");
			assertThat(function.apply(byKey).getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(function.apply(byValue).getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(function.apply(other).getValue()).isEqualTo("tenant-a:");
		});
	}

	private static FailureAnalysis analysis(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new EgainConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		return analysis;
	}

	private Set<String> redisKeys() {
		TestRedisStores stores = new TestRedisStores(redis);
		try {
			return stores.keys();
		}
		finally {
			stores.close();
		}
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues(clientProperties())
			.withPropertyValues(redisProperties());
	}

	private ReactiveWebApplicationContextRunner reactiveContextRunner() {
		return new ReactiveWebApplicationContextRunner().withConfiguration(configurations())
			.withPropertyValues(clientProperties())
			.withPropertyValues(redisProperties());
	}

	private static AutoConfigurations configurations() {
		return configurations(true);
	}

	private static AutoConfigurations configurations(boolean redisAutoConfiguration) {
		List<Class<?>> classes = new ArrayList<>(List.of(EgainAuthAutoConfiguration.class,
				EgainAuthRedisStoreAutoConfiguration.class, EgainAuthBlockingAutoConfiguration.class,
				EgainAuthReactiveAutoConfiguration.class, EgainAuthWebClientAutoConfiguration.class,
				EgainAuthActuatorAutoConfiguration.class, EgainAuthHttpClientAutoConfiguration.class));
		if (redisAutoConfiguration) {
			classes.addAll(List.of(TestSpringBootLine.redisAutoConfigurations()));
		}
		return AutoConfigurations.of(classes.toArray(Class<?>[]::new));
	}

	private String[] redisProperties() {
		return new String[] { "egain.auth.store.type=redis",
				"egain.auth.store.redis.encryption-key=" + TestRedisStores.KEY,
				"egain.auth.store.redis.key-prefix=tenant-a:", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redis.getPort(), "spring.data.redis.timeout=500ms" };
	}

	private String[] clientProperties() {
		return new String[] { "egain.auth.clients.agent.flow=on-behalf-of-user",
				"egain.auth.clients.agent.client-id=agent-client",
				"egain.auth.clients.agent.client-secret=agent-secret",
				"egain.auth.clients.agent.scopes=knowledge.portalmgr.onbehalfof.read",
				"egain.auth.clients.agent.token-uri=" + this.server.url("/system/auth/T-U/oauth2/token") };
	}

}
