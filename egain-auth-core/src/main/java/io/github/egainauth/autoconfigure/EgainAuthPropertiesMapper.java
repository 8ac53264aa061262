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

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import io.github.egainauth.client.registration.EgainTenantMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Maps {@link EgainAuthProperties} to eGain {@link ClientRegistration}s: token URLs and
 * scope prefixes as configured, else (with discovery) as eGain's tenant metadata document
 * gives them, else derived from the tenant and base URLs (anonymous-customer scopes
 * prefixed by default); the flow, subject kind and where the token URL and prefix came
 * from recorded in the registration. The properties are checked before
 * ({@link EgainAuthProperties#validate()}); this only maps.
 *
 * @author egain-auth authors
 */
final class EgainAuthPropertiesMapper {

	/**
	 * The registration metadata key naming where its token URL came from: a
	 * {@link Source} value.
	 */
	static final String TOKEN_URI_SOURCE_METADATA_KEY = "egain-token-uri-source";

	/**
	 * The registration metadata key naming where its scope prefix came from: a
	 * {@link Source} value.
	 */
	static final String SCOPE_PREFIX_SOURCE_METADATA_KEY = "egain-scope-prefix-source";

	/**
	 * The registration metadata key of its scope prefix, absent if its scopes are sent as
	 * configured.
	 */
	static final String SCOPE_PREFIX_METADATA_KEY = "egain-scope-prefix";

	/**
	 * The registration metadata key marking a registration that stands for one still to
	 * be built from the tenant metadata document.
	 */
	static final String AWAITING_DISCOVERY_METADATA_KEY = "egain-awaiting-discovery";

	private static final String PREFIX = "egain.auth.clients.";

	private final EgainAuthProperties properties;

	EgainAuthPropertiesMapper(EgainAuthProperties properties) {
		this.properties = properties;
	}

	/**
	 * Returns the client registrations, by name; one whose token URL or scope prefix is
	 * to be discovered as it stands until the tenant metadata document is read (see
	 * {@link #asDiscoveredClientRegistrations()}): derived values, marked
	 * {@link #AWAITING_DISCOVERY_METADATA_KEY awaiting discovery}.
	 * @return the client registrations, by name
	 */
	Map<String, ClientRegistration> asClientRegistrations() {
		Map<String, ClientRegistration> registrations = new LinkedHashMap<>();
		this.properties.getClients().forEach((name, client) -> registrations.put(name, map(name, client, null)));
		return Collections.unmodifiableMap(registrations);
	}

	/**
	 * Returns how each client whose token URL or scope prefix is to be discovered is
	 * built from the tenant metadata document, by name: none unless discovery is enabled.
	 * @return the builders, by name
	 */
	Map<String, Function<EgainTenantMetadata, ClientRegistration>> asDiscoveredClientRegistrations() {
		Map<String, Function<EgainTenantMetadata, ClientRegistration>> discovered = new LinkedHashMap<>();
		this.properties.getClients().forEach((name, client) -> {
			if (isDiscovered(client)) {
				discovered.put(name, (metadata) -> map(name, client, metadata));
			}
		});
		return Collections.unmodifiableMap(discovered);
	}

	/**
	 * Returns where a registration's token URL came from.
	 * @param registration the registration
	 * @return the source, or {@code null} if the registration was not mapped here
	 */
	static @Nullable Source tokenUriSource(ClientRegistration registration) {
		return Source.of(metadata(registration, TOKEN_URI_SOURCE_METADATA_KEY));
	}

	/**
	 * Returns where a registration's scope prefix came from.
	 * @param registration the registration
	 * @return the source, or {@code null} if the registration was not mapped here
	 */
	static @Nullable Source scopePrefixSource(ClientRegistration registration) {
		return Source.of(metadata(registration, SCOPE_PREFIX_SOURCE_METADATA_KEY));
	}

	/**
	 * Returns a registration's scope prefix.
	 * @param registration the registration
	 * @return the prefix, or {@code null} if its scopes are sent as configured
	 */
	static @Nullable String scopePrefix(ClientRegistration registration) {
		Object prefix = metadata(registration, SCOPE_PREFIX_METADATA_KEY);
		return (prefix != null) ? prefix.toString() : null;
	}

	/**
	 * Returns whether a registration stands for one still to be built from the tenant
	 * metadata document.
	 * @param registration the registration
	 * @return whether it awaits discovery
	 */
	static boolean isAwaitingDiscovery(ClientRegistration registration) {
		return Boolean.TRUE.equals(metadata(registration, AWAITING_DISCOVERY_METADATA_KEY));
	}

	private static @Nullable Object metadata(ClientRegistration registration, String key) {
		return registration.getProviderDetails().getConfigurationMetadata().get(key);
	}

	private boolean isDiscovered(EgainAuthProperties.Client client) {
		return this.properties.getDiscovery().isEnabled()
				&& (client.getTokenUri() == null || client.getScopePrefix() == null);
	}

	/**
	 * Maps a client: with the tenant metadata document if it has been read, else as it
	 * stands until then.
	 * @param name the client's name
	 * @param client the client
	 * @param metadata the tenant metadata document, or {@code null}
	 * @return the registration
	 */
	private ClientRegistration map(String name, EgainAuthProperties.Client client,
			@Nullable EgainTenantMetadata metadata) {
		EgainFlow flow = client.getFlow();
		Assert.state(flow != null, () -> "eGain client '" + name + "' has no flow");
		boolean awaiting = isDiscovered(client) && metadata == null;
		Value tokenUri = tokenUri(name, flow, client, metadata);
		Value scopePrefix = scopePrefix(name, flow, client, metadata);
		List<String> scopes = scopes(client.getScopes());
		ClientRegistration.Builder builder;
		if (flow == EgainFlow.TOKEN_EXCHANGE) {
			String registrationId = client.getRegistrationId();
			Assert.state(registrationId != null, () -> "eGain client '" + name + "' has no registration-id");
			builder = EgainClientRegistrations.withTokenExchange(name, registrationId);
		}
		else {
			builder = EgainClientRegistrations.withRegistrationId(name, flow, subjectKind(flow, client));
		}
		builder.clientId(client.getClientId())
			.clientSecret(client.getClientSecret())
			.scope((scopePrefix.value() != null) ? EgainClientRegistrations.prefixScopes(scopes, scopePrefix.value())
					: new LinkedHashSet<>(scopes))
			.tokenUri(tokenUri.value())
			.clientName(name);
		Map<String, Object> metadataEntries = new LinkedHashMap<>();
		metadataEntries.put(TOKEN_URI_SOURCE_METADATA_KEY, tokenUri.source().getValue());
		metadataEntries.put(SCOPE_PREFIX_SOURCE_METADATA_KEY, scopePrefix.source().getValue());
		if (scopePrefix.value() != null) {
			metadataEntries.put(SCOPE_PREFIX_METADATA_KEY, scopePrefix.value());
		}
		if (awaiting) {
			metadataEntries.put(AWAITING_DISCOVERY_METADATA_KEY, true);
		}
		ClientRegistration registration = builder.build();
		// A copied registration keeps its scopes, but not their order, unless given
		// again.
		return ClientRegistration.withClientRegistration(registration)
			.scope(registration.getScopes())
			.providerConfigurationMetadata(withEntries(registration, metadataEntries))
			.build();
	}

	private static Map<String, Object> withEntries(ClientRegistration registration, Map<String, Object> entries) {
		Map<String, Object> metadata = new LinkedHashMap<>(
				registration.getProviderDetails().getConfigurationMetadata());
		metadata.putAll(entries);
		return metadata;
	}

	private static EgainSubject.@Nullable Kind subjectKind(EgainFlow flow, EgainAuthProperties.Client client) {
		if (!flow.isOnBehalfOf()) {
			return null;
		}
		EgainAuthProperties.UserIdentifier userIdentifier = client.getUserIdentifier();
		return (userIdentifier != null) ? userIdentifier.getSubjectKind() : flow.getSubjectKinds().iterator().next();
	}

	private Value tokenUri(String name, EgainFlow flow, EgainAuthProperties.Client client,
			@Nullable EgainTenantMetadata metadata) {
		if (client.getTokenUri() != null) {
			return new Value(client.getTokenUri().trim(), Source.CONFIGURED);
		}
		boolean discovery = this.properties.getDiscovery().isEnabled();
		if (discovery && metadata != null) {
			try {
				return new Value(metadata.tokenUri(flow), Source.DISCOVERED);
			}
			catch (IllegalStateException ex) {
				throw new IllegalStateException(
						ex.getMessage() + "; set " + PREFIX + name
								+ ".token-uri to the Access Token URL from eGain's console, or have the document fixed",
						ex);
			}
		}
		// Until the document is read, a discovered registration stands with the derived
		// URL, which is never used for a token request.
		String tenantId = this.properties.getTenantId();
		return new Value(
				EgainClientRegistrations.tokenUri(flow, this.properties.getAuthBaseUrl(),
						this.properties.getApiBaseUrl(), (tenantId != null) ? tenantId : ""),
				discovery ? Source.DISCOVERED : Source.DERIVED);
	}

	private Value scopePrefix(String name, EgainFlow flow, EgainAuthProperties.Client client,
			@Nullable EgainTenantMetadata metadata) {
		if (client.getScopePrefix() != null) {
			return new Value(client.getScopePrefix().trim(), Source.CONFIGURED);
		}
		boolean discovery = this.properties.getDiscovery().isEnabled();
		if (discovery && metadata == null) {
			// Scopes stand as configured until the document is read.
			return new Value(null, Source.DISCOVERED);
		}
		if (discovery) {
			String discovered;
			try {
				discovered = metadata.scopePrefix(flow);
			}
			catch (IllegalStateException ex) {
				throw new IllegalStateException(
						ex.getMessage() + "; set " + PREFIX + name
								+ ".scope-prefix to the Scope Prefix from eGain's console, or have the document fixed",
						ex);
			}
			if (discovered != null) {
				return new Value(discovered, Source.DISCOVERED);
			}
		}
		// eGain's anonymous endpoint takes only fully qualified scopes; other flows send
		// scopes as configured.
		return new Value(
				(flow == EgainFlow.ANONYMOUS_CUSTOMER)
						? EgainClientRegistrations.defaultScopePrefix(this.properties.getApiBaseUrl()) : null,
				Source.DERIVED);
	}

	/**
	 * Returns the scopes as configured, a list or space-separated, each once, in order.
	 * @param configured the scopes as configured
	 * @return the scopes
	 */
	static List<String> scopes(List<String> configured) {
		List<String> scopes = new ArrayList<>();
		for (String entry : configured) {
			for (String scope : StringUtils.tokenizeToStringArray(entry, " \t\n\r,")) {
				if (!scopes.contains(scope)) {
					scopes.add(scope);
				}
			}
		}
		return scopes;
	}

	/**
	 * Where a client's token URL or scope prefix came from.
	 */
	enum Source {

		/**
		 * Set in the client's properties.
		 */
		CONFIGURED,

		/**
		 * Read from eGain's tenant metadata document.
		 */
		DISCOVERED,

		/**
		 * Derived from the tenant id and base URLs, or (for a scope prefix) the flow's
		 * default.
		 */
		DERIVED;

		/**
		 * Returns the source's name as shown, e.g. {@code configured}.
		 * @return the name
		 */
		String getValue() {
			return name().toLowerCase(Locale.ROOT);
		}

		static @Nullable Source of(@Nullable Object value) {
			for (Source source : values()) {
				if (source.getValue().equals(value)) {
					return source;
				}
			}
			return null;
		}

	}

	/**
	 * A token URL or scope prefix and where it came from.
	 *
	 * @param value the value, or {@code null} for no scope prefix
	 * @param source where it came from
	 */
	private record Value(@Nullable String value, Source source) {

	}

}
