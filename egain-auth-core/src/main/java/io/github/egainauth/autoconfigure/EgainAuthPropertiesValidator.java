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

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.autoconfigure.InvalidEgainConfigurationException.Problem;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Checks {@link EgainAuthProperties} as a whole, as Spring Boot's
 * {@code OAuth2ClientProperties.validate()} does, whatever is then built from them: the
 * properties run it once bound, so an application that brings its own registrations or
 * providers is checked too. Every problem found is reported at once, naming the property
 * and the fix.
 *
 * @author egain-auth authors
 */
final class EgainAuthPropertiesValidator {

	private static final String PREFIX = "egain.auth.";

	private static final String FLOWS = Arrays.stream(EgainFlow.values())
		.map(EgainFlow::getValue)
		.collect(Collectors.joining(", "));

	private final EgainAuthProperties properties;

	EgainAuthPropertiesValidator(EgainAuthProperties properties) {
		this.properties = properties;
	}

	/**
	 * Checks the properties.
	 * @throws InvalidEgainConfigurationException if any property is invalid
	 */
	void validate() {
		List<Problem> problems = new ArrayList<>();
		checkUrl(problems, PREFIX + "auth-base-url", this.properties.getAuthBaseUrl());
		checkUrl(problems, PREFIX + "api-base-url", this.properties.getApiBaseUrl());
		checkSettings(problems);
		List<String> clientsNeedingTenant = new ArrayList<>();
		this.properties.getClients()
			.forEach((name, client) -> checkClient(problems, clientsNeedingTenant, name, client));
		if (this.properties.getDiscovery().isEnabled() && !StringUtils.hasText(this.properties.getTenantId())) {
			problems.add(0, new Problem(PREFIX + "tenant-id",
					"is missing, but " + PREFIX + "discovery.enabled is true and eGain's tenant metadata document "
							+ "is read by tenant id",
					"Set " + PREFIX + "tenant-id to your eGain tenant id (e.g. TMPRODB88619984), or set " + PREFIX
							+ "discovery.enabled to false"));
		}
		else if (!clientsNeedingTenant.isEmpty()) {
			problems.add(0, new Problem(PREFIX + "tenant-id",
					"is missing, but the token URL of " + quoted(clientsNeedingTenant) + " is derived from it",
					"Set " + PREFIX + "tenant-id to your eGain tenant id (e.g. TMPRODB88619984), or set "
							+ "token-uri on each of those clients to its Access Token URL from eGain's console"));
		}
		List<Problem> unresolved = UnresolvedPlaceholders.find(PREFIX.substring(0, PREFIX.length() - 1),
				this.properties);
		if (!unresolved.isEmpty()) {
			// The placeholder is the problem, not the literal text Boot left in its
			// place.
			Set<String> unresolvedProperties = unresolved.stream().map(Problem::property).collect(Collectors.toSet());
			problems.removeIf((problem) -> unresolvedProperties.contains(problem.property()));
			problems.addAll(0, unresolved);
		}
		if (!problems.isEmpty()) {
			throw new InvalidEgainConfigurationException(problems);
		}
	}

	private void checkClient(List<Problem> problems, List<String> clientsNeedingTenant, String name,
			EgainAuthProperties.Client client) {
		String path = PREFIX + "clients." + name + ".";
		EgainFlow flow = client.getFlow();
		if (flow == null) {
			problems.add(new Problem(path + "flow", "is missing", "Set " + path + "flow to one of " + FLOWS));
		}
		if (!StringUtils.hasText(client.getClientId())) {
			problems.add(new Problem(path + "client-id", "is missing",
					"Set " + path + "client-id to the client id of the eGain client application"));
		}
		if (!StringUtils.hasText(client.getClientSecret())) {
			problems.add(new Problem(path + "client-secret", "is missing",
					"Set " + path + "client-secret to the client secret of the eGain client application, "
							+ "e.g. from an environment variable: ${EGAIN_CLIENT_SECRET}"));
		}
		if (flow != EgainFlow.TOKEN_EXCHANGE && EgainAuthPropertiesMapper.scopes(client.getScopes()).isEmpty()) {
			problems.add(new Problem(path + "scopes", "is empty, but eGain requires at least one scope",
					"Set " + path + "scopes to the scopes the client needs, as a list or space-separated"));
		}
		checkUserIdentifier(problems, path, flow, client.getUserIdentifier());
		checkRegistrationId(problems, path, flow, client.getRegistrationId());
		if (client.getTokenUri() != null) {
			checkUrl(problems, path + "token-uri", client.getTokenUri());
		}
		else if (!StringUtils.hasText(this.properties.getTenantId())) {
			clientsNeedingTenant.add(name);
		}
		if (client.getScopePrefix() != null && !StringUtils.hasText(client.getScopePrefix())) {
			problems.add(new Problem(path + "scope-prefix", "is blank",
					"Remove " + path + "scope-prefix, or set it to the Scope Prefix from eGain's console"));
		}
	}

	private static void checkUserIdentifier(List<Problem> problems, String path, @Nullable EgainFlow flow,
			EgainAuthProperties.@Nullable UserIdentifier userIdentifier) {
		if (userIdentifier == null || flow == EgainFlow.ON_BEHALF_OF_USER) {
			return;
		}
		if (flow == EgainFlow.ON_BEHALF_OF_CUSTOMER) {
			problems.add(new Problem(path + "user-identifier",
					"is set, but " + flow.getValue() + " clients identify customers by email",
					"Remove " + path + "user-identifier"));
		}
		else {
			problems
				.add(new Problem(path + "user-identifier", "is set, but only on-behalf-of-user clients identify users",
						"Remove " + path + "user-identifier, or set " + path + "flow to on-behalf-of-user"));
		}
	}

	private static void checkRegistrationId(List<Problem> problems, String path, @Nullable EgainFlow flow,
			@Nullable String registrationId) {
		if (flow == EgainFlow.TOKEN_EXCHANGE && !StringUtils.hasText(registrationId)) {
			problems.add(new Problem(path + "registration-id", "is missing, but token-exchange clients need it", "Set "
					+ path + "registration-id to the id eGain's console shows for your identity (SSO) provider"));
		}
		else if (flow != null && flow != EgainFlow.TOKEN_EXCHANGE && registrationId != null) {
			problems.add(new Problem(path + "registration-id",
					"is set, but only token-exchange clients name an identity provider",
					"Remove " + path + "registration-id, or set " + path + "flow to token-exchange"));
		}
	}

	private void checkSettings(List<Problem> problems) {
		checkAllowedOrigins(problems);
		EgainAuthProperties.TokenEndpoint tokenEndpoint = this.properties.getTokenEndpoint();
		String endpoint = PREFIX + "token-endpoint.";
		checkPositive(problems, endpoint + "connect-timeout", tokenEndpoint.getConnectTimeout());
		checkPositive(problems, endpoint + "read-timeout", tokenEndpoint.getReadTimeout());
		checkPositive(problems, endpoint + "deadline", tokenEndpoint.getDeadline());
		if (tokenEndpoint.getMaxAttempts() < 1) {
			problems.add(new Problem(endpoint + "max-attempts", "is " + tokenEndpoint.getMaxAttempts(),
					"Set " + endpoint + "max-attempts to 1 (no retries) or more"));
		}
		if (tokenEndpoint.getInitialBackoff().isNegative()) {
			problems.add(new Problem(endpoint + "initial-backoff",
					"is " + tokenEndpoint.getInitialBackoff() + ", but must not be negative",
					"Set " + endpoint + "initial-backoff to zero or more, e.g. 200ms"));
		}
		else if (tokenEndpoint.getMaxBackoff().compareTo(tokenEndpoint.getInitialBackoff()) < 0) {
			problems.add(new Problem(endpoint + "max-backoff",
					"(" + tokenEndpoint.getMaxBackoff() + ") is shorter than " + endpoint + "initial-backoff ("
							+ tokenEndpoint.getInitialBackoff() + ")",
					"Set " + endpoint + "max-backoff to at least " + endpoint + "initial-backoff"));
		}
		if (this.properties.getClockSkew().isNegative()) {
			problems.add(new Problem(PREFIX + "clock-skew", "is negative",
					"Set " + PREFIX + "clock-skew to zero or more, e.g. 60s"));
		}
		Duration defaultTokenLifetime = this.properties.getDefaultTokenLifetime();
		if (defaultTokenLifetime.getSeconds() < 1) {
			problems.add(new Problem(PREFIX + "default-token-lifetime", "is shorter than one second",
					"Set " + PREFIX + "default-token-lifetime to the lifetime of eGain's tokens, e.g. 1h"));
		}
		else if (!this.properties.getClockSkew().isNegative()
				&& defaultTokenLifetime.compareTo(this.properties.getClockSkew()) <= 0) {
			// A token is renewed once within the clock skew of its expiry: one that is
			// never outside that window would be requested again on every call.
			problems.add(new Problem(PREFIX + "default-token-lifetime",
					"(" + defaultTokenLifetime + ") does not exceed " + PREFIX + "clock-skew ("
							+ this.properties.getClockSkew() + "), so a token without expires_in would be "
							+ "requested again on every call",
					"Set " + PREFIX + "default-token-lifetime longer than " + PREFIX + "clock-skew (e.g. 1h), or set "
							+ PREFIX + "clock-skew shorter"));
		}
		if (this.properties.getCache().getMaxSubjects() < 1) {
			problems.add(new Problem(PREFIX + "cache.max-subjects", "is " + this.properties.getCache().getMaxSubjects(),
					"Set " + PREFIX + "cache.max-subjects to 1 or more (default 10000)"));
		}
		checkStore(problems);
	}

	private void checkStore(List<Problem> problems) {
		EgainAuthProperties.Store store = this.properties.getStore();
		if (store.getType() != EgainAuthProperties.StoreType.REDIS) {
			return;
		}
		String redis = PREFIX + "store.redis.";
		checkPositive(problems, redis + "retry-interval", store.getRedis().getRetryInterval());
		List<String> keys = store.getRedis().getEncryptionKey();
		if (keys.isEmpty()) {
			problems.add(new Problem(redis + "encryption-key",
					"is missing, but " + PREFIX + "store.type is redis and tokens are encrypted in Redis",
					"Set " + redis + "encryption-key to the base64 of 32 random bytes (e.g. from "
							+ "'openssl rand -base64 32'), the same on every instance, or set " + PREFIX
							+ "store.type to in-memory"));
			return;
		}
		for (int i = 0; i < keys.size(); i++) {
			String reason = encryptionKeyProblem(keys.get(i));
			if (reason != null) {
				// The key's value is a secret: never part of the message.
				problems.add(new Problem(redis + "encryption-key[" + i + "]", reason,
						"Set it to the base64 of 32 random bytes, e.g. from 'openssl rand -base64 32'"));
			}
		}
	}

	private static @Nullable String encryptionKeyProblem(@Nullable String key) {
		if (!StringUtils.hasText(key)) {
			return "is empty";
		}
		try {
			int length = Base64.getDecoder().decode(key.strip()).length;
			return (length != 32) ? "decodes to " + length + " bytes, but AES-256 needs 32" : null;
		}
		catch (IllegalArgumentException ex) {
			return "is not base64";
		}
	}

	/**
	 * Checks each allowed origin, and each host of the deprecated allowed-hosts, which is
	 * honoured until it is removed.
	 * @param problems the problems found so far, to add to
	 */
	@SuppressWarnings("deprecation")
	private void checkAllowedOrigins(List<Problem> problems) {
		for (int index = 0; index < this.properties.getAllowedOrigins().size(); index++) {
			String property = PREFIX + "allowed-origins[" + index + "]";
			String problem = originProblem(this.properties.getAllowedOrigins().get(index));
			if (problem != null) {
				problems.add(new Problem(property, problem, "Set " + property
						+ " to scheme, host and optional port only, e.g. https://api.eu.egain.cloud or "
						+ "https://api.eu.egain.cloud:8443 (plain http:// is allowed only for localhost and other "
						+ "loopback addresses)"));
			}
		}
		for (int index = 0; index < this.properties.getAllowedHosts().size(); index++) {
			String host = this.properties.getAllowedHosts().get(index);
			if (!StringUtils.hasText(host) || !host.trim().matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]")
					|| originProblem("https://" + host.trim()) != null) {
				problems.add(new Problem(PREFIX + "allowed-hosts[" + index + "]",
						"'" + host + "' is not a host name (a URL, a path or a port is not)",
						"Set " + PREFIX + "allowed-hosts[" + index + "] to a bare host name, e.g. api.ai.egain.cloud, "
								+ "or better, replace it with " + PREFIX + "allowed-origins, e.g. "
								+ "https://api.ai.egain.cloud"));
			}
		}
	}

	/**
	 * Returns what is wrong with an allowed origin, by the rule that the token
	 * interceptor and filter apply, or {@code null} if nothing is.
	 * @param origin the allowed origin
	 * @return what is wrong with it, or {@code null} if nothing is
	 */
	private static @Nullable String originProblem(@Nullable String origin) {
		try {
			EgainAllowedOrigins.of(Collections.singletonList(origin));
			return null;
		}
		catch (IllegalArgumentException ex) {
			return String.valueOf(ex.getMessage());
		}
	}

	private static void checkPositive(List<Problem> problems, String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			problems.add(new Problem(property, "is " + value + ", but must be positive",
					"Set " + property + " to a positive duration, e.g. 5s"));
		}
	}

	private static void checkUrl(List<Problem> problems, String property, @Nullable String value) {
		String action = "Set " + property + " to an absolute https:// URL (plain http:// is allowed only for "
				+ "localhost and other loopback addresses)";
		if (!StringUtils.hasText(value)) {
			problems.add(new Problem(property, "is missing", action));
			return;
		}
		URI uri;
		try {
			uri = new URI(value.trim());
		}
		catch (URISyntaxException ex) {
			problems.add(new Problem(property, "'" + value + "' is not a valid URL (" + ex.getReason() + ")", action));
			return;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!("https".equals(scheme) || "http".equals(scheme)) || !StringUtils.hasText(uri.getHost())) {
			problems.add(new Problem(property, "'" + value + "' is not an absolute http(s) URL", action));
		}
		else if ("http".equals(scheme) && !EgainAllowedOrigins.isLoopback(uri.getHost())) {
			problems.add(new Problem(property,
					"'" + value + "' uses plain http:// to a host that is not loopback, which would send "
							+ "client secrets and tokens unencrypted",
					action));
		}
	}

	private static String quoted(List<String> names) {
		return names.stream().map((name) -> "'" + name + "'").collect(Collectors.joining(", "));
	}

}
