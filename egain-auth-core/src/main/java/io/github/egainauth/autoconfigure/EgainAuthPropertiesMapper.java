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
import java.util.Map;
import java.util.Set;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Maps {@link EgainAuthProperties} to eGain {@link ClientRegistration}s: token URLs
 * derived from the tenant and base URLs unless given, anonymous-customer scopes prefixed,
 * the flow and subject kind recorded in the registration. The properties are checked
 * before ({@link EgainAuthProperties#validate()}); this only maps.
 *
 * @author egain-auth authors
 */
final class EgainAuthPropertiesMapper {

	private final EgainAuthProperties properties;

	EgainAuthPropertiesMapper(EgainAuthProperties properties) {
		this.properties = properties;
	}

	/**
	 * Returns the client registrations, by name.
	 * @return the client registrations, by name
	 */
	Map<String, ClientRegistration> asClientRegistrations() {
		Map<String, ClientRegistration> registrations = new LinkedHashMap<>();
		this.properties.getClients().forEach((name, client) -> registrations.put(name, map(name, client)));
		return Collections.unmodifiableMap(registrations);
	}

	private ClientRegistration map(String name, EgainAuthProperties.Client client) {
		EgainFlow flow = client.getFlow();
		Assert.state(flow != null, () -> "eGain client '" + name + "' has no flow");
		ClientRegistration.Builder builder;
		if (flow == EgainFlow.TOKEN_EXCHANGE) {
			String registrationId = client.getRegistrationId();
			Assert.state(registrationId != null, () -> "eGain client '" + name + "' has no registration-id");
			builder = EgainClientRegistrations.withTokenExchange(name, registrationId);
		}
		else {
			builder = EgainClientRegistrations.withRegistrationId(name, flow, subjectKind(flow, client));
		}
		return builder.clientId(client.getClientId())
			.clientSecret(client.getClientSecret())
			.scope(prefixed(flow, client, scopes(client.getScopes())))
			.tokenUri(tokenUri(flow, client))
			.clientName(name)
			.build();
	}

	private static EgainSubject.@Nullable Kind subjectKind(EgainFlow flow, EgainAuthProperties.Client client) {
		if (!flow.isOnBehalfOf()) {
			return null;
		}
		EgainAuthProperties.UserIdentifier userIdentifier = client.getUserIdentifier();
		return (userIdentifier != null) ? userIdentifier.getSubjectKind() : flow.getSubjectKinds().iterator().next();
	}

	private String tokenUri(EgainFlow flow, EgainAuthProperties.Client client) {
		if (client.getTokenUri() != null) {
			return client.getTokenUri().trim();
		}
		String tenantId = this.properties.getTenantId();
		return EgainClientRegistrations.tokenUri(flow, this.properties.getAuthBaseUrl(),
				this.properties.getApiBaseUrl(), (tenantId != null) ? tenantId : "");
	}

	private Set<String> prefixed(EgainFlow flow, EgainAuthProperties.Client client, List<String> scopes) {
		String prefix = client.getScopePrefix();
		if (prefix == null && flow == EgainFlow.ANONYMOUS_CUSTOMER) {
			// eGain's anonymous endpoint takes only fully qualified scopes.
			prefix = EgainClientRegistrations.defaultScopePrefix(this.properties.getApiBaseUrl());
		}
		return (prefix != null) ? EgainClientRegistrations.prefixScopes(scopes, prefix.trim())
				: new LinkedHashSet<>(scopes);
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

}
