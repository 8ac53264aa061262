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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.autoconfigure.EgainAuthPropertiesMapper.Source;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Lists the configured eGain clients under {@code egain} in the {@code info} endpoint:
 * name, flow, token endpoint, scopes and scope prefix, and whether the token endpoint and
 * the prefix were configured, discovered from eGain's tenant metadata document or
 * derived. A token endpoint or prefix still to be discovered is {@code null}. Never a
 * client id's secret.
 *
 * @author egain-auth authors
 */
class EgainInfoContributor implements InfoContributor {

	private final EgainClientRegistrationRepository registrations;

	EgainInfoContributor(EgainClientRegistrationRepository registrations) {
		this.registrations = registrations;
	}

	@Override
	public void contribute(Info.Builder builder) {
		List<Map<String, Object>> clients = new ArrayList<>();
		for (ClientRegistration registration : this.registrations) {
			EgainFlow flow = EgainFlow.from(registration);
			Map<String, Object> client = new LinkedHashMap<>();
			client.put("name", registration.getRegistrationId());
			client.put("flow", (flow != null) ? flow.getValue() : null);
			Source tokenUriSource = EgainAuthPropertiesMapper.tokenUriSource(registration);
			Source scopePrefixSource = EgainAuthPropertiesMapper.scopePrefixSource(registration);
			boolean awaiting = EgainAuthPropertiesMapper.isAwaitingDiscovery(registration);
			client.put("tokenUri", (awaiting && tokenUriSource == Source.DISCOVERED) ? null
					: registration.getProviderDetails().getTokenUri());
			if (tokenUriSource != null) {
				client.put("tokenUriSource", tokenUriSource.getValue());
			}
			client.put("scopes",
					(registration.getScopes() != null) ? List.copyOf(registration.getScopes()) : List.of());
			if (scopePrefixSource != null) {
				client.put("scopePrefix", EgainAuthPropertiesMapper.scopePrefix(registration));
				client.put("scopePrefixSource", scopePrefixSource.getValue());
			}
			clients.add(client);
		}
		builder.withDetail("egain", Map.of("clients", clients));
	}

}
