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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.redis.LocalRedisServer;
import io.github.egainauth.client.redis.TestRedisStores;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.client.EgainRestClients;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.ApiRequest;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the shared token store: two instances of an application, each its
 * own Spring Boot application context configured through properties only
 * ({@code egain.auth.store.type: redis} and Spring Boot's {@code spring.data.redis.*}),
 * share a real {@code redis-server} and call one {@link EgainStandIn}.
 *
 * @author egain-auth authors
 */
class EgainRedisStoreApplicationTests {

	private static LocalRedisServer redis;

	private static EgainStandIn egain;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void start() {
		redis = LocalRedisServer.startOnFreePort();
		egain = EgainStandIn.start();
		first = instance();
		second = instance();
	}

	@AfterAll
	static void stop() {
		second.close();
		first.close();
		egain.close();
		redis.close();
	}

	@Test
	void instancesWhenCallersOfBothNeedTokensThenOneTokenRequestPerSubjectBetweenThem() throws Exception {
		List<EgainAccessTokens> instances = List.of(first.getBean(EgainAccessTokens.class),
				second.getBean(EgainAccessTokens.class));
		Map<String, Set<String>> tokensBySubject = new ConcurrentHashMap<>();
		ExecutorService callers = Executors.newFixedThreadPool(32);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> calls = new ArrayList<>();
			for (int caller = 0; caller < 32; caller++) {
				EgainAccessTokens instance = instances.get(caller % 2);
				int offset = caller;
				calls.add(callers.submit(() -> {
					start.await();
					for (int i = 0; i < 20; i++) {
						String username = "agent-" + ((offset + i) % 20);
						String token = instance.getToken("agent", EgainSubject.username(username)).getTokenValue();
						tokensBySubject.computeIfAbsent(username, (key) -> ConcurrentHashMap.newKeySet()).add(token);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> call : calls) {
				call.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(tokensBySubject).hasSize(20).allSatisfy((username, tokens) -> assertThat(tokens).hasSize(1));
		List<TokenRequest> agentRequests = egain.getTokenRequests()
			.stream()
			.filter((request) -> "agent-client".equals(request.clientId())
					&& String.valueOf(request.subject()).startsWith("username:agent-"))
			.toList();
		assertThat(agentRequests).hasSize(20);
		assertThat(agentRequests).extracting(TokenRequest::subject).doesNotHaveDuplicates();
	}

	@Test
	void restClientOfOneInstanceWhenOtherObtainedTheTokenThenCallsWithItWithoutTokenRequest() {
		EgainRestClients firstClients = first.getBean(EgainRestClients.class);
		EgainRestClients secondClients = second.getBean(EgainRestClients.class);
		EgainSubject subject = EgainSubject.username("shared-user");
		int apiRequests = egain.getApiRequests().size();
		call(firstClients, subject);
		int tokenRequests = egain.getTokenRequests().size();
		call(secondClients, subject);
		assertThat(egain.getTokenRequests()).hasSize(tokenRequests);
		List<ApiRequest> calls = egain.getApiRequests().subList(apiRequests, egain.getApiRequests().size());
		assertThat(calls).hasSize(2).allSatisfy((call) -> assertThat(call.authorized()).isTrue());
		assertThat(calls.get(1).token()).isNotNull().isEqualTo(calls.get(0).token());
	}

	private static void call(EgainRestClients clients, EgainSubject subject) {
		clients.client("agent")
			.get()
			.uri(TestEgainApi.ARTICLES_PATH)
			.attributes(EgainRequestAttributes.subject(subject))
			.retrieve()
			.toBodilessEntity();
	}

	private static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(TestEgainApplication.class).web(WebApplicationType.NONE)
			.properties("egain.auth.tenant-id=" + egain.getTenantId(), "egain.auth.auth-base-url=" + egain.getBaseUrl(),
					"egain.auth.api-base-url=" + egain.getBaseUrl(), "egain.auth.store.type=redis",
					"egain.auth.store.redis.encryption-key=" + TestRedisStores.KEY, "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.getPort(), "spring.data.redis.timeout=500ms")
			.run();
	}

}
