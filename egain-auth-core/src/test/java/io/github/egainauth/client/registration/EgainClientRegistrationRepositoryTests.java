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

package io.github.egainauth.client.registration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.TestEgainConcurrentCallers;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link EgainClientRegistrationRepository}.
 *
 * @author egain-auth authors
 */
class EgainClientRegistrationRepositoryTests {

	private static final String DOCUMENT_URI = "https://api.example.com/core/authmgr/v3/metadata/tenant/"
			+ TestEgainTenantMetadata.TENANT_ID;

	private static final String DISCOVERED_URL = "https://login.example.com";

	private static final String MOVED_URL = "https://login2.example.com";

	private final ClientRegistration configured = TestEgainClientRegistrations
		.clientCredentials("https://ai.egain.cloud/configured/token")
		.build();

	private final ClientRegistration awaiting = TestEgainClientRegistrations
		.onBehalfOfUser("https://ai.egain.cloud/derived/token")
		.build();

	private final AtomicInteger fetches = new AtomicInteger();

	private volatile String documentBaseUrl = DISCOVERED_URL;

	@Test
	void constructorWhenDuplicateIdsThenThrowsIllegalStateException() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new EgainClientRegistrationRepository(List.of(this.configured, this.configured)))
			.withMessage("Duplicate registration id 'knowledge-sync'");
	}

	@Test
	void constructorWhenDiscoveredRegistrationUnknownThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainClientRegistrationRepository(List.of(this.configured),
					Map.of("agent-assist", discoveredUserClient()), this::fetch))
			.withMessage("every discovered registration must be among the registrations");
	}

	@Test
	void constructorWhenDiscoveredRegistrationsThenFetchesNothing() {
		EgainClientRegistrationRepository registrations = repository();
		assertThat(registrations.getNames()).containsExactly("knowledge-sync", "agent-assist");
		assertThat(registrations.isDiscovered("agent-assist")).isTrue();
		assertThat(registrations.isDiscovered("knowledge-sync")).isFalse();
		assertThat(this.fetches).hasValue(0);
	}

	@Test
	void iteratorWhenDocumentNotReadThenRegistrationsAsTheyStandWithoutFetching() {
		EgainClientRegistrationRepository registrations = repository();
		assertThat(registrations).containsExactly(this.configured, this.awaiting);
		assertThat(this.fetches).hasValue(0);
	}

	@Test
	void findByRegistrationIdWhenNotDiscoveredThenFetchesNothing() {
		EgainClientRegistrationRepository registrations = repository();
		assertThat(registrations.findByRegistrationId("knowledge-sync")).isSameAs(this.configured);
		assertThat(registrations.findByRegistrationId("unknown")).isNull();
		assertThat(this.fetches).hasValue(0);
	}

	@Test
	void findByRegistrationIdWhenDiscoveredThenFetchesDocumentOnceAndBuildsRegistration() {
		EgainClientRegistrationRepository registrations = repository();
		ClientRegistration discovered = registrations.findByRegistrationId("agent-assist");
		assertThat(discovered.getProviderDetails().getTokenUri())
			.isEqualTo(DISCOVERED_URL + TestEgainTenantMetadata.USER_TOKEN_PATH);
		assertThat(registrations.findByRegistrationId("agent-assist")).isSameAs(discovered);
		assertThat(registrations.findByRegistrationIdAsync("agent-assist").join()).isSameAs(discovered);
		assertThat(this.fetches).hasValue(1);
		assertThat(registrations).containsExactly(this.configured, discovered);
	}

	@Test
	void findByRegistrationIdWhenManyCallersAtOnceThenOneFetch() throws Exception {
		CountDownLatch arrived = new CountDownLatch(32);
		EgainClientRegistrationRepository registrations = repository(() -> {
			// The fetch holds its answer until every caller has called, so that all 32
			// overlap it.
			await(arrived);
			return fetch();
		});
		List<ClientRegistration> found = TestEgainConcurrentCallers.call(32, arrived,
				(caller) -> registrations.findByRegistrationId("agent-assist"));
		assertThat(this.fetches).hasValue(1);
		assertThat(found).hasSize(32).allSatisfy((registration) -> assertThat(registration).isSameAs(found.get(0)));
	}

	@Test
	void findByRegistrationIdAsyncWhenDocumentPendingThenCompletesWhenRead() {
		CompletableFuture<EgainTenantMetadata> document = new CompletableFuture<>();
		EgainClientRegistrationRepository registrations = repository(() -> {
			this.fetches.incrementAndGet();
			return document;
		});
		CompletableFuture<ClientRegistration> first = registrations.findByRegistrationIdAsync("agent-assist");
		CompletableFuture<ClientRegistration> second = registrations.findByRegistrationIdAsync("agent-assist");
		assertThat(first).isNotDone();
		assertThat(second).isNotDone();
		assertThat(registrations.findByRegistrationIdAsync("knowledge-sync")).isCompletedWithValue(this.configured);
		document.complete(metadata(DISCOVERED_URL));
		assertThat(first.join().getProviderDetails().getTokenUri())
			.isEqualTo(DISCOVERED_URL + TestEgainTenantMetadata.USER_TOKEN_PATH);
		assertThat(second.join()).isSameAs(first.join());
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void findByRegistrationIdWhenFetchFailsThenNamesClientFlowAndReasonAndNextLookupFetchesAgain() {
		AtomicInteger failures = new AtomicInteger(1);
		EgainClientRegistrationRepository registrations = repository(() -> {
			if (failures.getAndDecrement() > 0) {
				this.fetches.incrementAndGet();
				return CompletableFuture.failedFuture(new OAuth2AuthorizationException(new OAuth2Error(
						EgainClientRegistrationRepository.INVALID_TENANT_METADATA_ERROR_CODE,
						"could not read eGain's tenant metadata document at " + DOCUMENT_URI + " (Connection refused)",
						null)));
			}
			return fetch();
		});
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> registrations.findByRegistrationId("agent-assist"))
			.satisfies((ex) -> assertThat(ex.getClientRegistrationId()).isEqualTo("agent-assist"))
			.extracting(ClientAuthorizationException::getError)
			.returns("invalid_tenant_metadata", OAuth2Error::getErrorCode)
			.returns(
					"Discovery for eGain client 'agent-assist' (on-behalf-of-user flow) failed: could not read "
							+ "eGain's tenant metadata document at " + DOCUMENT_URI + " (Connection refused)",
					OAuth2Error::getDescription);
		assertThat(registrations.findByRegistrationId("agent-assist")).isNotNull();
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void findByRegistrationIdWhenFetchThrowsThenFailsAsLookup() {
		EgainClientRegistrationRepository registrations = repository(() -> {
			throw new IllegalStateException("No client of the tenant metadata document");
		});
		assertThatExceptionOfType(ClientAuthorizationException.class)
			.isThrownBy(() -> registrations.findByRegistrationId("agent-assist"))
			.extracting(ClientAuthorizationException::getError)
			.returns("Discovery for eGain client 'agent-assist' (on-behalf-of-user flow) failed: No client of the "
					+ "tenant metadata document", OAuth2Error::getDescription);
	}

	@Test
	void findByRegistrationIdAsyncWhenDocumentLacksFieldThenCompletesWithFailureNamingPath() {
		EgainClientRegistrationRepository registrations = repository(() -> {
			this.fetches.incrementAndGet();
			return CompletableFuture
				.completedFuture(TestEgainTenantMetadata.metadata(DOCUMENT_URI, TestEgainTenantMetadata
					.with(TestEgainTenantMetadata.document(DISCOVERED_URL), "authenticationDetails.oAuthUser", null)));
		});
		assertThat(registrations.findByRegistrationIdAsync("agent-assist")).failsWithin(10, TimeUnit.SECONDS)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(ClientAuthorizationException.class, (ex) -> assertThat(ex.getError())
				.returns("invalid_tenant_metadata", OAuth2Error::getErrorCode)
				.returns("Discovery for eGain client 'agent-assist' (on-behalf-of-user flow) failed: eGain's tenant "
						+ "metadata document at " + DOCUMENT_URI
						+ " has no authenticationDetails.oAuthUser[0].accessTokenURL, where the token URL of "
						+ "on-behalf-of-user clients is read from", OAuth2Error::getDescription));
		// What one client needs from the document does not stop another.
		assertThat(registrations.findByRegistrationId("knowledge-sync")).isSameAs(this.configured);
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void discoverAgainWhenRegistrationCurrentThenNextLookupFetchesAgain() {
		EgainClientRegistrationRepository registrations = repository();
		ClientRegistration before = registrations.findByRegistrationId("agent-assist");
		this.documentBaseUrl = MOVED_URL;
		registrations.discoverAgain(before);
		// Two callers failing with the same registration cause one fetch.
		registrations.discoverAgain(before);
		assertThat(this.fetches).hasValue(1);
		ClientRegistration after = registrations.findByRegistrationId("agent-assist");
		assertThat(after.getProviderDetails().getTokenUri())
			.isEqualTo(MOVED_URL + TestEgainTenantMetadata.USER_TOKEN_PATH);
		assertThat(registrations.findByRegistrationId("agent-assist")).isSameAs(after);
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void discoverAgainWhenRegistrationOutdatedThenKeepsDocument() {
		EgainClientRegistrationRepository registrations = repository();
		ClientRegistration before = registrations.findByRegistrationId("agent-assist");
		registrations.discoverAgain(before);
		ClientRegistration after = registrations.findByRegistrationId("agent-assist");
		registrations.discoverAgain(before);
		assertThat(registrations.findByRegistrationId("agent-assist")).isSameAs(after);
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void resetWhenDocumentReadThenNextLookupReadsAgain() {
		EgainClientRegistrationRepository registrations = repository();
		ClientRegistration before = registrations.findByRegistrationId("agent-assist");
		registrations.reset();
		assertThat(registrations).containsExactly(this.configured, this.awaiting);
		this.documentBaseUrl = MOVED_URL;
		assertThat(registrations.findByRegistrationId("agent-assist")).isNotSameAs(before)
			.extracting((registration) -> registration.getProviderDetails().getTokenUri())
			.isEqualTo(MOVED_URL + TestEgainTenantMetadata.USER_TOKEN_PATH);
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void discoverAgainWhenNotDiscoveredThenFetchesNothing() {
		EgainClientRegistrationRepository registrations = repository();
		registrations.discoverAgain(this.configured);
		registrations.findByRegistrationId("knowledge-sync");
		assertThat(this.fetches).hasValue(0);
	}

	@Test
	void findByRegistrationIdWhenIdEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> repository().findByRegistrationId(""))
			.withMessage("registrationId cannot be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> repository().findByRegistrationIdAsync(""))
			.withMessage("registrationId cannot be empty");
	}

	private EgainClientRegistrationRepository repository() {
		return repository(this::fetch);
	}

	private EgainClientRegistrationRepository repository(
			Supplier<? extends CompletionStage<EgainTenantMetadata>> tenantMetadata) {
		return new EgainClientRegistrationRepository(List.of(this.configured, this.awaiting),
				Map.of("agent-assist", discoveredUserClient()), tenantMetadata);
	}

	private static Function<EgainTenantMetadata, ClientRegistration> discoveredUserClient() {
		return (metadata) -> TestEgainClientRegistrations.onBehalfOfUser(metadata.tokenUri(EgainFlow.ON_BEHALF_OF_USER))
			.build();
	}

	private CompletableFuture<EgainTenantMetadata> fetch() {
		this.fetches.incrementAndGet();
		return CompletableFuture.completedFuture(metadata(this.documentBaseUrl));
	}

	private static EgainTenantMetadata metadata(String baseUrl) {
		return TestEgainTenantMetadata.metadata(DOCUMENT_URI, TestEgainTenantMetadata.document(baseUrl));
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Callers did not arrive");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
