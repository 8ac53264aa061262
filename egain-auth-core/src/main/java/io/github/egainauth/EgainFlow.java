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

package io.github.egainauth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.util.Assert;

/**
 * The ways eGain issues access tokens.
 *
 * @author egain-auth authors
 */
public enum EgainFlow {

	/**
	 * On behalf of an eGain user (agent), identified by username or user id.
	 */
	ON_BEHALF_OF_USER("on-behalf-of-user", new AuthorizationGrantType("password"),
			EnumSet.of(EgainSubject.Kind.USERNAME, EgainSubject.Kind.USER_ID)),

	/**
	 * On behalf of a customer, identified by email.
	 */
	ON_BEHALF_OF_CUSTOMER("on-behalf-of-customer", new AuthorizationGrantType("password"),
			EnumSet.of(EgainSubject.Kind.EMAIL)),

	/**
	 * As the client application itself.
	 */
	CLIENT_CREDENTIALS("client-credentials", AuthorizationGrantType.CLIENT_CREDENTIALS,
			EnumSet.noneOf(EgainSubject.Kind.class)),

	/**
	 * As an anonymous customer, through the anonymous token endpoint.
	 */
	ANONYMOUS_CUSTOMER("anonymous-customer", AuthorizationGrantType.CLIENT_CREDENTIALS,
			EnumSet.noneOf(EgainSubject.Kind.class)),

	/**
	 * On behalf of the user of an identity provider's access token, which eGain trades
	 * for one of its own (eGain's variant of RFC 8693 token exchange).
	 */
	TOKEN_EXCHANGE("token-exchange", AuthorizationGrantType.TOKEN_EXCHANGE,
			EnumSet.of(EgainSubject.Kind.EXTERNAL_TOKEN));

	/**
	 * The {@code password} grant type that eGain's on-behalf-of flows send. Spring
	 * Security 7 no longer defines it.
	 */
	public static final AuthorizationGrantType PASSWORD = ON_BEHALF_OF_USER.authorizationGrantType;

	/**
	 * The key of the {@link ClientRegistration.ProviderDetails#getConfigurationMetadata()
	 * provider configuration metadata} entry that names a registration's flow.
	 */
	public static final String METADATA_KEY = "egain-flow";

	private final String value;

	private final AuthorizationGrantType authorizationGrantType;

	private final Set<EgainSubject.Kind> subjectKinds;

	EgainFlow(String value, AuthorizationGrantType authorizationGrantType, Set<EgainSubject.Kind> subjectKinds) {
		this.value = value;
		this.authorizationGrantType = authorizationGrantType;
		this.subjectKinds = subjectKinds;
	}

	/**
	 * Returns the name used in configuration and messages, e.g.
	 * {@code on-behalf-of-user}.
	 * @return the value
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Returns the grant type this flow sends on the wire.
	 * @return the grant type
	 */
	public AuthorizationGrantType getAuthorizationGrantType() {
		return this.authorizationGrantType;
	}

	/**
	 * Returns whether tokens of this flow are issued for a subject rather than for the
	 * application.
	 * @return {@code true} for the on-behalf-of flows and token exchange
	 */
	public boolean isOnBehalfOf() {
		return !this.subjectKinds.isEmpty();
	}

	/**
	 * Returns whether this flow accepts subjects of the given kind.
	 * @param kind the subject kind
	 * @return {@code true} if a token of this flow can be issued for such a subject
	 */
	public boolean supports(EgainSubject.Kind kind) {
		Assert.notNull(kind, "kind cannot be null");
		return this.subjectKinds.contains(kind);
	}

	/**
	 * Returns the subject kinds this flow accepts.
	 * @return the subject kinds, empty for application-level flows
	 */
	public Set<EgainSubject.Kind> getSubjectKinds() {
		return this.subjectKinds;
	}

	/**
	 * Returns the flow with the given configuration name.
	 * @param value the name, e.g. {@code client-credentials}
	 * @return the flow, or {@code null} if no flow has that name
	 */
	public static @Nullable EgainFlow fromValue(String value) {
		Assert.notNull(value, "value cannot be null");
		EgainFlow exact = ByValue.FLOWS.get(value);
		if (exact != null) {
			return exact;
		}
		for (EgainFlow flow : values()) {
			if (flow.value.equalsIgnoreCase(value.trim())) {
				return flow;
			}
		}
		return null;
	}

	/**
	 * Returns the flow of an eGain client registration: the one named in its
	 * {@link #METADATA_KEY provider configuration metadata}. This is the one rule by
	 * which every eGain provider, manager and report tells eGain's registrations from the
	 * application's own: a registration without that entry (say, an application's own
	 * {@code password} or {@code client_credentials} client) is not eGain's, whatever its
	 * grant type.
	 * @param clientRegistration the client registration
	 * @return the flow, or {@code null} if the registration is not an eGain registration
	 */
	public static @Nullable EgainFlow from(ClientRegistration clientRegistration) {
		Assert.notNull(clientRegistration, "clientRegistration cannot be null");
		Object metadata = clientRegistration.getProviderDetails().getConfigurationMetadata().get(METADATA_KEY);
		if (metadata instanceof EgainFlow flow) {
			return flow;
		}
		return (metadata != null) ? fromValue(metadata.toString()) : null;
	}

	/**
	 * The flows by exact value, for the lookup made on every token request.
	 */
	private static final class ByValue {

		static final Map<String, EgainFlow> FLOWS = Arrays.stream(values())
			.collect(Collectors.toUnmodifiableMap(EgainFlow::getValue, Function.identity()));

	}

}
