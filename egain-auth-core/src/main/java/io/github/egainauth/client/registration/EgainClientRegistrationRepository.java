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

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.egainauth.EgainFlow;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.util.Assert;

/**
 * The eGain client registrations, by name. It deliberately does not implement
 * {@link ClientRegistrationRepository}, so that it never displaces the application's own
 * repository (e.g. Spring Boot's, holding a login provider); use
 * {@code repository::findByRegistrationId} where one is needed.
 * <p>
 * Some registrations may be <em>discovered</em>: built from eGain's
 * {@linkplain EgainTenantMetadata tenant metadata document}, which is fetched on the
 * first lookup of such a registration, never before. The document is fetched once however
 * many callers look up at the same time, shared by all registrations and kept; a fetch
 * that fails is not kept, so the next lookup fetches again, and
 * {@link #discoverAgain(ClientRegistration)} drops a document whose token URL turned out
 * not to work.
 *
 * @author egain-auth authors
 */
public final class EgainClientRegistrationRepository implements Iterable<ClientRegistration> {

	/**
	 * The error code of a lookup that failed because eGain's tenant metadata document
	 * could not be read, or lacks what a registration needs.
	 */
	public static final String INVALID_TENANT_METADATA_ERROR_CODE = "invalid_tenant_metadata";

	private static final Log logger = LogFactory.getLog(EgainClientRegistrationRepository.class);

	private final Map<String, ClientRegistration> registrations;

	private final Map<String, Function<EgainTenantMetadata, ClientRegistration>> discovered;

	private final Supplier<? extends CompletionStage<EgainTenantMetadata>> tenantMetadata;

	private final AtomicReference<@Nullable CompletableFuture<Discovery>> discovery = new AtomicReference<>();

	/**
	 * Constructs a repository of the given registrations.
	 * @param registrations the registrations, with distinct ids
	 */
	public EgainClientRegistrationRepository(Collection<ClientRegistration> registrations) {
		this(registrations, Collections.emptyMap(), EgainClientRegistrationRepository::noTenantMetadata);
	}

	/**
	 * Constructs a repository some of whose registrations are discovered: built from
	 * eGain's tenant metadata document when first looked up.
	 * @param registrations every registration, with distinct ids, in the order they are
	 * iterated; a discovered one as it stands until the document has been read, which is
	 * never handed out by a lookup
	 * @param discovered how each discovered registration is built from the document, by
	 * registration id; a builder may throw an {@link IllegalStateException} naming what
	 * the document lacks
	 * @param tenantMetadata fetches the document; it is called on the first lookup of a
	 * discovered registration, and may complete on another thread (a reactive fetch)
	 */
	public EgainClientRegistrationRepository(Collection<ClientRegistration> registrations,
			Map<String, ? extends Function<EgainTenantMetadata, ClientRegistration>> discovered,
			Supplier<? extends CompletionStage<EgainTenantMetadata>> tenantMetadata) {
		Assert.notNull(registrations, "registrations cannot be null");
		Assert.notNull(discovered, "discovered cannot be null");
		Assert.notNull(tenantMetadata, "tenantMetadata cannot be null");
		Map<String, ClientRegistration> byId = new LinkedHashMap<>();
		for (ClientRegistration registration : registrations) {
			Assert.state(byId.put(registration.getRegistrationId(), registration) == null,
					() -> "Duplicate registration id '" + registration.getRegistrationId() + "'");
		}
		Assert.isTrue(byId.keySet().containsAll(discovered.keySet()),
				"every discovered registration must be among the registrations");
		this.registrations = Collections.unmodifiableMap(byId);
		this.discovered = Map.copyOf(discovered);
		this.tenantMetadata = tenantMetadata;
	}

	/**
	 * Returns the registration with the given id, which is the eGain client's name. The
	 * first lookup of a discovered registration fetches eGain's tenant metadata document
	 * and waits for it.
	 * @param registrationId the registration id
	 * @return the registration, or {@code null} if there is none
	 * @throws ClientAuthorizationException if the registration is discovered and the
	 * document cannot be read or lacks what the registration needs
	 */
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		Assert.hasText(registrationId, "registrationId cannot be empty");
		if (!this.discovered.containsKey(registrationId)) {
			return this.registrations.get(registrationId);
		}
		Discovery discovery;
		try {
			discovery = discovery().join();
		}
		catch (CompletionException ex) {
			throw failure(registrationId, ex.getCause());
		}
		return registration(discovery, registrationId);
	}

	/**
	 * Returns the registration with the given id as {@link #findByRegistrationId} does,
	 * without waiting: the future completes when eGain's tenant metadata document has
	 * been read, at once for a registration that is not discovered or already is.
	 * @param registrationId the registration id
	 * @return the registration, or {@code null} if there is none; completed with a
	 * {@link ClientAuthorizationException} if the registration is discovered and the
	 * document cannot be read or lacks what the registration needs
	 */
	public CompletableFuture<@Nullable ClientRegistration> findByRegistrationIdAsync(String registrationId) {
		Assert.hasText(registrationId, "registrationId cannot be empty");
		if (!this.discovered.containsKey(registrationId)) {
			return CompletableFuture.completedFuture(this.registrations.get(registrationId));
		}
		return discovery().handle((discovery, ex) -> {
			if (ex != null) {
				throw failure(registrationId, (ex instanceof CompletionException) ? ex.getCause() : ex);
			}
			return registration(discovery, registrationId);
		});
	}

	/**
	 * Drops the tenant metadata document a registration was discovered from, so that the
	 * next lookup fetches it again: a token request found no token endpoint at the URL it
	 * gave. Nothing happens if the registration is not the current one of its id (the
	 * document has been fetched again since, e.g. after the failure of another client),
	 * so that failures of many callers at once cause one fetch.
	 * @param registration the registration whose token URL was discovered and failed
	 */
	public void discoverAgain(ClientRegistration registration) {
		Assert.notNull(registration, "registration cannot be null");
		CompletableFuture<Discovery> current = this.discovery.get();
		if (current == null || !current.isDone() || current.isCompletedExceptionally()) {
			return;
		}
		Discovery discovery = current.join();
		if (discovery.registrations().get(registration.getRegistrationId()) == registration
				&& this.discovery.compareAndSet(current, null)) {
			logger.info(LogMessage.format(
					"Reading eGain's tenant metadata document again: no token endpoint answered at %s, "
							+ "the token URL of eGain client '%s'",
					registration.getProviderDetails().getTokenUri(), registration.getRegistrationId()));
		}
	}

	/**
	 * Forgets the tenant metadata document, as tests that share one application context
	 * need: the next lookup of a discovered registration reads it again. A reading in
	 * progress still completes for the callers waiting for it.
	 */
	public void reset() {
		this.discovery.set(null);
	}

	/**
	 * Returns whether a registration is discovered: built from eGain's tenant metadata
	 * document.
	 * @param registrationId the registration id
	 * @return whether the registration is discovered
	 */
	public boolean isDiscovered(String registrationId) {
		Assert.hasText(registrationId, "registrationId cannot be empty");
		return this.discovered.containsKey(registrationId);
	}

	/**
	 * Returns the names of the eGain clients, in configuration order.
	 * @return the names
	 */
	public Set<String> getNames() {
		return this.registrations.keySet();
	}

	/**
	 * Iterates the registrations in configuration order without fetching anything: a
	 * discovered registration as built from the tenant metadata document if that has been
	 * read, else as it stands until then. Look a registration up with
	 * {@link #findByRegistrationId} to use it.
	 * @return the iterator
	 */
	@Override
	public Iterator<ClientRegistration> iterator() {
		CompletableFuture<Discovery> current = this.discovery.get();
		if (current == null || !current.isDone() || current.isCompletedExceptionally()) {
			return this.registrations.values().iterator();
		}
		Map<String, ClientRegistration> known = new LinkedHashMap<>(this.registrations);
		known.putAll(current.join().registrations());
		return Collections.unmodifiableCollection(known.values()).iterator();
	}

	/**
	 * Returns the discovery in progress or done, starting one if there is none or the
	 * last one failed. Only the caller that starts a discovery fetches the document; all
	 * others share its outcome.
	 * @return the discovery
	 */
	private CompletableFuture<Discovery> discovery() {
		while (true) {
			CompletableFuture<Discovery> current = this.discovery.get();
			if (current != null && !current.isCompletedExceptionally()) {
				return current;
			}
			CompletableFuture<Discovery> started = new CompletableFuture<>();
			if (this.discovery.compareAndSet(current, started)) {
				fetch(started);
				return started;
			}
		}
	}

	private void fetch(CompletableFuture<Discovery> discovery) {
		logger.debug("Reading eGain's tenant metadata document");
		CompletionStage<EgainTenantMetadata> document;
		try {
			document = this.tenantMetadata.get();
		}
		catch (RuntimeException ex) {
			discovery.completeExceptionally(ex);
			return;
		}
		catch (Error ex) {
			// Callers waiting for this discovery must not wait forever.
			discovery.completeExceptionally(ex);
			throw ex;
		}
		document.whenComplete((metadata, ex) -> {
			if (ex != null) {
				discovery.completeExceptionally(
						(ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex);
			}
			else {
				discovery.complete(discover(metadata));
			}
		});
	}

	private Discovery discover(EgainTenantMetadata metadata) {
		Map<String, ClientRegistration> registrations = new LinkedHashMap<>();
		Map<String, RuntimeException> failures = new LinkedHashMap<>();
		this.discovered.forEach((registrationId, builder) -> {
			try {
				registrations.put(registrationId, builder.apply(metadata));
			}
			catch (RuntimeException ex) {
				failures.put(registrationId, ex);
			}
		});
		logger.debug(LogMessage.format("Read eGain's tenant metadata document at %s", metadata.getUri()));
		return new Discovery(registrations, failures);
	}

	private ClientRegistration registration(Discovery discovery, String registrationId) {
		RuntimeException failure = discovery.failures().get(registrationId);
		if (failure != null) {
			throw failure(registrationId, failure);
		}
		ClientRegistration registration = discovery.registrations().get(registrationId);
		Assert.state(registration != null, () -> "No registration was discovered for '" + registrationId + "'");
		return registration;
	}

	private ClientAuthorizationException failure(String registrationId, @Nullable Throwable cause) {
		if (cause instanceof ClientAuthorizationException failure) {
			return failure;
		}
		String reason;
		String errorCode = INVALID_TENANT_METADATA_ERROR_CODE;
		if (cause instanceof OAuth2AuthorizationException oauth2) {
			reason = oauth2.getError().getDescription();
			errorCode = oauth2.getError().getErrorCode();
		}
		else {
			reason = (cause != null) ? cause.getMessage() : null;
		}
		ClientRegistration registration = this.registrations.get(registrationId);
		EgainFlow flow = (registration != null) ? EgainFlow.from(registration) : null;
		String description = "Discovery for eGain client '" + registrationId + "'"
				+ ((flow != null) ? " (" + flow.getValue() + " flow)" : "") + " failed: "
				+ ((reason != null) ? reason : "eGain's tenant metadata document could not be read");
		return new ClientAuthorizationException(new OAuth2Error(errorCode, description, null), registrationId,
				description, cause);
	}

	private static CompletionStage<EgainTenantMetadata> noTenantMetadata() {
		throw new IllegalStateException("No registration is discovered");
	}

	/**
	 * The registrations discovered from one reading of the document, and the failures of
	 * those it lacks something for.
	 *
	 * @param registrations the discovered registrations, by id
	 * @param failures why the others could not be built, by id
	 */
	private record Discovery(Map<String, ClientRegistration> registrations, Map<String, RuntimeException> failures) {

	}

}
