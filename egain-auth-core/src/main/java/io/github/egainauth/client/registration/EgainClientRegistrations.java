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

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.Assert;
import org.springframework.web.util.UriUtils;

/**
 * Builds Spring Security {@link ClientRegistration}s for eGain clients: the grant type,
 * client authentication and token endpoint each flow needs, following eGain's rules.
 *
 * @author egain-auth authors
 */
public final class EgainClientRegistrations {

	/**
	 * eGain's default auth base URL.
	 */
	public static final String DEFAULT_AUTH_BASE_URL = "https://ai.egain.cloud";

	/**
	 * eGain's default API base URL.
	 */
	public static final String DEFAULT_API_BASE_URL = "https://api.ai.egain.cloud";

	/**
	 * The lifetime given to a token whose response has no {@code expires_in} and that is
	 * not a JWT with an {@code exp} claim: one hour, as eGain's tokens live.
	 */
	public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);

	/**
	 * The key of the provider configuration metadata entry that names how an on-behalf-of
	 * client's default subject is identified: an {@link EgainSubject.Kind} name.
	 */
	public static final String SUBJECT_KIND_METADATA_KEY = "egain-subject-kind";

	/**
	 * The key of the provider configuration metadata entry of a {@code token-exchange}
	 * registration that holds eGain's id of the identity provider, sent as
	 * {@code registration_id}.
	 */
	public static final String SSO_REGISTRATION_ID_METADATA_KEY = "egain-sso-registration-id";

	private static final Pattern ABSOLUTE_URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");

	private EgainClientRegistrations() {
	}

	/**
	 * Returns a registration builder preset for the given flow: its grant type, the
	 * client secret sent in the form body (eGain never takes an {@code Authorization:
	 * Basic} header) and the flow recorded in the provider metadata. The caller adds the
	 * client id, secret, scopes and token URI. A token-exchange registration also needs
	 * eGain's id of the identity provider: build it with
	 * {@link #withTokenExchange(String, String)}.
	 * @param registrationId the registration id, which is the eGain client's name
	 * @param flow the flow
	 * @return the builder
	 */
	public static ClientRegistration.Builder withRegistrationId(String registrationId, EgainFlow flow) {
		Assert.notNull(flow, "flow cannot be null");
		return withRegistrationId(registrationId, flow, flow.getSubjectKinds().stream().findFirst().orElse(null));
	}

	/**
	 * Returns a registration builder preset for the given on-behalf-of flow, whose
	 * default subjects (those derived from the caller's principal) are of the given kind,
	 * e.g. {@link EgainSubject.Kind#USER_ID} for a user flow keyed by user id.
	 * @param registrationId the registration id, which is the eGain client's name
	 * @param flow the flow
	 * @param defaultSubjectKind the kind of default subjects, or {@code null} for an
	 * application-level flow
	 * @return the builder
	 */
	public static ClientRegistration.Builder withRegistrationId(String registrationId, EgainFlow flow,
			EgainSubject.@Nullable Kind defaultSubjectKind) {
		Assert.hasText(registrationId, "registrationId cannot be empty");
		Assert.notNull(flow, "flow cannot be null");
		Assert.isTrue((defaultSubjectKind != null) ? flow.supports(defaultSubjectKind) : !flow.isOnBehalfOf(),
				() -> "defaultSubjectKind " + defaultSubjectKind + " does not suit the " + flow.getValue() + " flow");
		return builder(registrationId, flow, defaultSubjectKind, Map.of());
	}

	/**
	 * Returns a registration builder preset for eGain's {@code token-exchange} flow,
	 * which trades an identity provider's access token for an eGain token: its grant
	 * type, the client secret sent in the form body, and eGain's id of the identity
	 * provider. The caller adds the client id, secret, optional scopes and token URI.
	 * @param registrationId the registration id, which is the eGain client's name
	 * @param ssoRegistrationId the id eGain's console shows for the identity provider,
	 * sent as {@code registration_id}
	 * @return the builder
	 */
	public static ClientRegistration.Builder withTokenExchange(String registrationId, String ssoRegistrationId) {
		Assert.hasText(registrationId, "registrationId cannot be empty");
		Assert.hasText(ssoRegistrationId, "ssoRegistrationId cannot be empty");
		return builder(registrationId, EgainFlow.TOKEN_EXCHANGE, EgainSubject.Kind.EXTERNAL_TOKEN,
				Map.of(SSO_REGISTRATION_ID_METADATA_KEY, ssoRegistrationId.trim()));
	}

	/**
	 * Returns eGain's id of the identity provider of a {@code token-exchange}
	 * registration.
	 * @param clientRegistration a token-exchange client registration
	 * @return the id, sent as {@code registration_id}
	 */
	public static String ssoRegistrationId(ClientRegistration clientRegistration) {
		Assert.notNull(clientRegistration, "clientRegistration cannot be null");
		Object id = clientRegistration.getProviderDetails()
			.getConfigurationMetadata()
			.get(SSO_REGISTRATION_ID_METADATA_KEY);
		Assert.isTrue(id != null && !id.toString().isBlank(),
				() -> "Client '" + clientRegistration.getRegistrationId()
						+ "' names no identity provider for token exchange; build its registration with "
						+ "EgainClientRegistrations.withTokenExchange(name, ssoRegistrationId)");
		return id.toString();
	}

	private static ClientRegistration.Builder builder(String registrationId, EgainFlow flow,
			EgainSubject.@Nullable Kind defaultSubjectKind, Map<String, Object> extraMetadata) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put(EgainFlow.METADATA_KEY, flow.getValue());
		if (defaultSubjectKind != null) {
			metadata.put(SUBJECT_KIND_METADATA_KEY, defaultSubjectKind.name());
		}
		metadata.putAll(extraMetadata);
		return ClientRegistration.withRegistrationId(registrationId)
			.authorizationGrantType(flow.getAuthorizationGrantType())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.providerConfigurationMetadata(metadata);
	}

	/**
	 * Returns how the default subject of an on-behalf-of registration is identified: the
	 * kind recorded in its metadata, else its flow's first kind (username for users,
	 * email for customers).
	 * @param clientRegistration an on-behalf-of client registration
	 * @return the subject kind
	 */
	public static EgainSubject.Kind defaultSubjectKind(ClientRegistration clientRegistration) {
		Assert.notNull(clientRegistration, "clientRegistration cannot be null");
		Object kind = clientRegistration.getProviderDetails().getConfigurationMetadata().get(SUBJECT_KIND_METADATA_KEY);
		if (kind != null) {
			return EgainSubject.Kind.valueOf(kind.toString());
		}
		EgainFlow flow = EgainFlow.from(clientRegistration);
		Assert.isTrue(flow != null && flow.isOnBehalfOf(),
				() -> "Client '" + clientRegistration.getRegistrationId() + "' is not an on-behalf-of client");
		return flow.getSubjectKinds().iterator().next();
	}

	/**
	 * Returns whether a registration was built for an eGain flow, i.e. names its flow in
	 * the {@link EgainFlow#METADATA_KEY provider metadata} (see
	 * {@link EgainFlow#from(ClientRegistration)}).
	 * @param clientRegistration the client registration
	 * @return {@code true} for eGain registrations
	 */
	public static boolean isEgainRegistration(ClientRegistration clientRegistration) {
		return EgainFlow.from(clientRegistration) != null;
	}

	/**
	 * Derives a flow's token endpoint from the base URLs and tenant id, as eGain lays
	 * them out.
	 * @param flow the flow
	 * @param authBaseUrl the auth base URL, e.g. {@code https://ai.egain.cloud}
	 * @param apiBaseUrl the API base URL, e.g. {@code https://api.ai.egain.cloud}
	 * @param tenantId the tenant id, e.g. {@code TMPRODB88619984}
	 * @return the token endpoint URL
	 */
	public static String tokenUri(EgainFlow flow, String authBaseUrl, String apiBaseUrl, String tenantId) {
		Assert.notNull(flow, "flow cannot be null");
		Assert.hasText(authBaseUrl, "authBaseUrl cannot be empty");
		Assert.hasText(apiBaseUrl, "apiBaseUrl cannot be empty");
		Assert.hasText(tenantId, "tenantId cannot be empty");
		String tenant = tenantId.trim();
		return switch (flow) {
			case ON_BEHALF_OF_USER, CLIENT_CREDENTIALS, TOKEN_EXCHANGE -> authTokenUri(authBaseUrl, tenant + "-U");
			case ON_BEHALF_OF_CUSTOMER -> authTokenUri(authBaseUrl, tenant + "-C");
			case ANONYMOUS_CUSTOMER -> withoutTrailingSlash(apiBaseUrl)
					+ "/core/authmgr/v3/oauth2/v2.0/anonymous/token?user_type=customer&domain_hint="
					+ UriUtils.encodeQueryParam(tenant, "UTF-8");
		};
	}

	/**
	 * Returns eGain's default scope prefix for anonymous-customer scopes:
	 * {@code apiBaseUrl + "/auth/"}.
	 * @param apiBaseUrl the API base URL
	 * @return the scope prefix, e.g. {@code https://api.ai.egain.cloud/auth/}
	 */
	public static String defaultScopePrefix(String apiBaseUrl) {
		Assert.hasText(apiBaseUrl, "apiBaseUrl cannot be empty");
		return withoutTrailingSlash(apiBaseUrl) + "/auth/";
	}

	/**
	 * Prefixes every scope that is not already an absolute URL, so
	 * {@code core.aiservices.read} becomes
	 * {@code https://api.ai.egain.cloud/auth/core.aiservices.read}. A prefix that ends in
	 * neither {@code /} nor {@code :} gets a {@code /}, so a prefix pasted from eGain's
	 * console without its trailing slash still works.
	 * @param scopes the scopes, in the order they are sent
	 * @param prefix the scope prefix
	 * @return the prefixed scopes, in the same order
	 */
	public static Set<String> prefixScopes(Collection<String> scopes, String prefix) {
		Assert.notNull(scopes, "scopes cannot be null");
		Assert.hasText(prefix, "prefix cannot be empty");
		String separated = (prefix.endsWith("/") || prefix.endsWith(":")) ? prefix : prefix + "/";
		Set<String> prefixed = new LinkedHashSet<>();
		for (String scope : scopes) {
			prefixed.add(ABSOLUTE_URL.matcher(scope).matches() ? scope : separated + scope);
		}
		return Collections.unmodifiableSet(prefixed);
	}

	private static String authTokenUri(String authBaseUrl, String realm) {
		return withoutTrailingSlash(authBaseUrl) + "/system/auth/" + UriUtils.encodePathSegment(realm, "UTF-8")
				+ "/oauth2/token";
	}

	private static String withoutTrailingSlash(String url) {
		String trimmed = url.trim();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

}
