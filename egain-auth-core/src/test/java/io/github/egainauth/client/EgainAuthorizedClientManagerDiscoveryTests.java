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

package io.github.egainauth.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.client.registration.EgainTenantMetadata;
import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import io.github.egainauth.client.registration.TestEgainTenantMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static io.github.egainauth.client.TestEgainAuthorizedClientManagers.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the managers with registrations discovered from eGain's tenant metadata
 * document: the reactive manager waits for the document without blocking, and a token
 * renewed after the document was read again goes to the token URL it now gives.
 *
 * @author egain-auth authors
 */
class EgainAuthorizedClientManagerDiscoveryTests {

	private static final EgainSubject SUBJECT = EgainSubject.username("pa");

	private static final String DOCUMENT_URI = "https://api.example.com/core/authmgr/v3/metadata/tenant/"
			+ TestEgainTenantMetadata.TENANT_ID;

	private final AtomicInteger fetches = new AtomicInteger();

	private final AtomicReference<CompletableFuture<EgainTenantMetadata>> document = new AtomicReference<>();

	private TestEgainTokenEndpoint oldEndpoint;

	private TestEgainTokenEndpoint newEndpoint;

	private EgainClientRegistrationRepository registrations;

	@BeforeEach
	void setUp() throws IOException {
		this.oldEndpoint = TestEgainTokenEndpoint.start();
		this.newEndpoint = TestEgainTokenEndpoint.start();
		ClientRegistration awaiting = registration("https://ai.egain.cloud/derived/token");
		this.registrations = new EgainClientRegistrationRepository(List.of(awaiting),
				Map.of("agent", (metadata) -> registration(metadata.tokenUri(EgainFlow.ON_BEHALF_OF_USER))), () -> {
					this.fetches.incrementAndGet();
					return this.document.get();
				});
	}

	@AfterEach
	void tearDown() {
		this.oldEndpoint.close();
		this.newEndpoint.close();
	}

	@Test
	void reactiveAuthorizeWhenDocumentPendingThenWaitsWithoutBlockingTheSubscriber() throws Exception {
		CompletableFuture<EgainTenantMetadata> pending = new CompletableFuture<>();
		this.document.set(pending);
		EgainReactiveAuthorizedClientManager manager = TestEgainAuthorizedClientManagers
			.reactiveManager(this.registrations, new CaffeineReactiveOAuth2AuthorizedClientService(), (client) -> {
			});
		// Subscribing returns at once, though the document has not been read: a caller
		// on an event loop is never held up.
		CompletableFuture<OAuth2AuthorizedClient> first = subscribed(
				() -> manager.authorize(request("agent", SUBJECT)).toFuture());
		CompletableFuture<OAuth2AuthorizedClient> second = subscribed(
				() -> manager.authorize(request("agent", EgainSubject.username("other"))).toFuture());
		assertThat(first).isNotDone();
		assertThat(second).isNotDone();
		assertThat(this.fetches).hasValue(1);
		assertThat(this.oldEndpoint.requestCount()).isZero();
		pending.complete(document(this.oldEndpoint));
		assertThat(first.get(30, TimeUnit.SECONDS).getClientRegistration().getProviderDetails().getTokenUri())
			.isEqualTo(tokenUri(this.oldEndpoint));
		assertThat(second.get(30, TimeUnit.SECONDS)).isNotNull();
		assertThat(this.oldEndpoint.requestCount()).isEqualTo(2);
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void reactiveAuthorizeWhenDocumentCannotBeReadThenFailsWithoutTokenRequest() {
		this.document.set(CompletableFuture.failedFuture(new IllegalStateException("no document here")));
		EgainReactiveAuthorizedClientManager manager = TestEgainAuthorizedClientManagers
			.reactiveManager(this.registrations, new CaffeineReactiveOAuth2AuthorizedClientService(), (client) -> {
			});
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request("agent", SUBJECT)).block(Duration.ofSeconds(30)))
			.satisfies((ex) -> assertThat(ex.getError().getDescription())
				.isEqualTo("Discovery for eGain client 'agent' (on-behalf-of-user flow) failed: no document here"));
		assertThat(this.oldEndpoint.requestCount()).isZero();
	}

	@Test
	void authorizeWhenTokenUrlGoneThenDocumentReadAgainAndRenewalGoesToNewUrl() {
		EgainAuthorizedClientManager manager = TestEgainAuthorizedClientManagers.manager(this.registrations,
				new CaffeineOAuth2AuthorizedClientService(),
				(client) -> client.setTokenUriFailureHandler(this.registrations::discoverAgain));
		// Without refresh ahead a failed renewal fails the call, though the token has not
		// expired: the failure is what reads the document again.
		manager.setRefreshAhead(false);
		this.document.set(CompletableFuture.completedFuture(document(this.oldEndpoint)));
		// Within the clock skew at once: every call renews it.
		this.oldEndpoint.expiresIn(30);
		this.newEndpoint.expiresIn(30);
		OAuth2AuthorizedClient first = manager.authorize(request("agent", SUBJECT));
		assertThat(first.getClientRegistration().getProviderDetails().getTokenUri())
			.isEqualTo(tokenUri(this.oldEndpoint));
		this.oldEndpoint.failWith(404, "{}");
		this.document.set(CompletableFuture.completedFuture(document(this.newEndpoint)));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request("agent", SUBJECT)));
		assertThat(this.fetches).hasValue(1);
		OAuth2AuthorizedClient renewed = manager.authorize(request("agent", SUBJECT));
		assertThat(this.fetches).hasValue(2);
		assertThat(renewed.getClientRegistration().getProviderDetails().getTokenUri())
			.isEqualTo(tokenUri(this.newEndpoint));
		assertThat(this.oldEndpoint.requestCount()).isEqualTo(2);
		assertThat(this.newEndpoint.requestCount()).isOne();
	}

	@Test
	void reactiveAuthorizeWhenTokenUrlGoneThenDocumentReadAgainAndRenewalGoesToNewUrl() {
		EgainReactiveAuthorizedClientManager manager = TestEgainAuthorizedClientManagers.reactiveManager(
				this.registrations, new CaffeineReactiveOAuth2AuthorizedClientService(),
				(client) -> client.setTokenUriFailureHandler(this.registrations::discoverAgain));
		manager.setRefreshAhead(false);
		this.document.set(CompletableFuture.completedFuture(document(this.oldEndpoint)));
		this.oldEndpoint.expiresIn(30);
		this.newEndpoint.expiresIn(30);
		manager.authorize(request("agent", SUBJECT)).block(Duration.ofSeconds(30));
		this.oldEndpoint.failWith(404, "{}");
		this.document.set(CompletableFuture.completedFuture(document(this.newEndpoint)));
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> manager.authorize(request("agent", SUBJECT)).block(Duration.ofSeconds(30)));
		OAuth2AuthorizedClient renewed = manager.authorize(request("agent", SUBJECT)).block(Duration.ofSeconds(30));
		assertThat(renewed.getClientRegistration().getProviderDetails().getTokenUri())
			.isEqualTo(tokenUri(this.newEndpoint));
		assertThat(this.fetches).hasValue(2);
		assertThat(this.oldEndpoint.requestCount()).isEqualTo(2);
		assertThat(this.newEndpoint.requestCount()).isOne();
	}

	/**
	 * Subscribes on another thread, and fails if subscribing does not return soon: it
	 * would if it blocked.
	 */
	private static CompletableFuture<OAuth2AuthorizedClient> subscribed(
			Supplier<CompletableFuture<OAuth2AuthorizedClient>> subscription) throws Exception {
		return CompletableFuture.supplyAsync(subscription).get(10, TimeUnit.SECONDS);
	}

	private static ClientRegistration registration(String tokenUri) {
		return EgainClientRegistrations.withRegistrationId("agent", EgainFlow.ON_BEHALF_OF_USER)
			.clientId(TestEgainClientRegistrations.CLIENT_ID)
			.clientSecret(TestEgainClientRegistrations.CLIENT_SECRET)
			.scope("knowledge.portalmgr.read")
			.tokenUri(tokenUri)
			.build();
	}

	private static String tokenUri(TestEgainTokenEndpoint endpoint) {
		return endpoint.registration("agent", EgainFlow.ON_BEHALF_OF_USER).getProviderDetails().getTokenUri();
	}

	private static EgainTenantMetadata document(TestEgainTokenEndpoint endpoint) {
		return TestEgainTenantMetadata.metadata(DOCUMENT_URI,
				TestEgainTenantMetadata.with(TestEgainTenantMetadata.document("https://login.example.com"),
						"authenticationDetails.oAuthUser", List.of(Map.of("accessTokenURL", tokenUri(endpoint)))));
	}

}
