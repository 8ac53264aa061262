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

package io.github.egainauth.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.test.EgainStandIn;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Where the cached on-behalf-of path of {@link CachedTokenBenchmark} spends its time: the
 * same steps measured one at a time, below the interceptor, for egain-auth and for stock
 * Spring Security. Diagnostic only; the comparison that counts is
 * {@link CachedTokenBenchmark}.
 *
 * @author egain-auth authors
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class CachedTokenBreakdownBenchmark {

	private static final EgainSubject SUBJECT = EgainSubject.username("pa");

	private EgainStandIn standIn;

	private ClientRegistration registration;

	private CaffeineOAuth2AuthorizedClientService egainStore;

	private EgainAuthorizedClientManager egainManager;

	private EgainAccessTokens egainAccessTokens;

	private InMemoryOAuth2AuthorizedClientService stockStore;

	private OAuth2AuthorizedClientManager stockManager;

	private final OAuth2AuthorizeRequest egainRequest = OAuth2AuthorizeRequest
		.withClientRegistrationId(TokenStacks.ON_BEHALF_OF)
		.principal(TokenStacks.principal("pa"))
		.attribute(EgainSubject.ATTRIBUTE_NAME, SUBJECT)
		.build();

	private final OAuth2AuthorizeRequest stockRequest = OAuth2AuthorizeRequest
		.withClientRegistrationId(TokenStacks.ON_BEHALF_OF)
		.principal(TokenStacks.principal("pa"))
		.build();

	/**
	 * Builds both stacks and caches one on-behalf-of token in each.
	 */
	@Setup(Level.Trial)
	public void setUp() {
		this.standIn = EgainStandIn.start();
		EgainClientRegistrationRepository registrations = TokenStacks.registrations(TokenStacks.tokenUri(this.standIn));
		this.registration = registrations.findByRegistrationId(TokenStacks.ON_BEHALF_OF);
		this.egainStore = new CaffeineOAuth2AuthorizedClientService();
		this.egainManager = TokenStacks.egainManager(registrations, this.egainStore);
		this.egainAccessTokens = new EgainAccessTokens(this.egainManager);
		this.stockStore = TokenStacks.stockStore(registrations);
		this.stockManager = TokenStacks.stockOnBehalfOfManager(registrations, this.stockStore,
				new OnBehalfOfOAuth2AuthorizedClientProvider());
		egainAccessTokens();
		stockManager();
	}

	/**
	 * Stops the stand-in.
	 */
	@TearDown(Level.Trial)
	public void tearDown() {
		this.standIn.close();
	}

	/**
	 * {@code EgainAccessTokens.authorize}: request building, the manager and its store.
	 * @return the authorized client
	 */
	@Benchmark
	public OAuth2AuthorizedClient egainAccessTokens() {
		return this.egainAccessTokens.authorize(TokenStacks.ON_BEHALF_OF, SUBJECT);
	}

	/**
	 * {@code EgainAuthorizedClientManager.authorize} with a ready request.
	 * @return the authorized client
	 */
	@Benchmark
	public @Nullable OAuth2AuthorizedClient egainManager() {
		return this.egainManager.authorize(this.egainRequest);
	}

	/**
	 * {@code EgainFlow.from}, which the manager calls for every request.
	 * @return the flow
	 */
	@Benchmark
	public @Nullable EgainFlow egainFlowFrom() {
		return EgainFlow.from(this.registration);
	}

	/**
	 * {@code EgainSubject.toString}, the store key the manager builds for every request.
	 * @return the key
	 */
	@Benchmark
	public String egainSubjectKey() {
		return SUBJECT.toString();
	}

	/**
	 * A hit in egain-auth's bounded store.
	 * @return the authorized client
	 */
	@Benchmark
	public @Nullable OAuth2AuthorizedClient egainStoreLoad() {
		return this.egainStore.loadAuthorizedClient(TokenStacks.ON_BEHALF_OF, "username:pa");
	}

	/**
	 * Spring's {@code AuthorizedClientServiceOAuth2AuthorizedClientManager.authorize}
	 * with a ready request.
	 * @return the authorized client
	 */
	@Benchmark
	public @Nullable OAuth2AuthorizedClient stockManager() {
		return this.stockManager.authorize(this.stockRequest);
	}

	/**
	 * A hit in Spring's in-memory store.
	 * @return the authorized client
	 */
	@Benchmark
	public @Nullable OAuth2AuthorizedClient stockStoreLoad() {
		return this.stockStore.loadAuthorizedClient(TokenStacks.ON_BEHALF_OF, "pa");
	}

}
