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

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriUtils;

/**
 * eGain's tenant metadata document ({@code GET API/core/authmgr/v3/metadata/tenant/T}),
 * read for what egain-auth takes from it: each flow's token URL and scope prefix.
 * <ul>
 * <li>Token URLs: {@code authenticationDetails.oAuthUser[0].accessTokenURL} for the
 * on-behalf-of-user and client-credentials flows (and any other flow of eGain's user
 * realm), {@code authenticationDetails.oAuthCustomer[0].accessTokenURL} for
 * on-behalf-of-customer and
 * {@code authenticationDetails.oAuthAnonymousCustomer[0].accessTokenURL} for
 * anonymous-customer, whose {@code <DOMAIN_NAME>} placeholder stands for the tenant id.
 * <li>Scope prefixes: {@code apiMetadata.CORE.iApiPermissionPrefix} for the flows of the
 * user realm, {@code apiMetadata.CORE.eApiPermissionPrefix} for the customer flows, and
 * {@code authenticationDetails.apiPermissionPrefix} for any flow whose own prefix is
 * missing.
 * </ul>
 * The document is checked only as far as a flow needs it: a missing token URL is an error
 * when a client of that flow needs it, a missing scope prefix is not. Every error names
 * the document's URL and the field, as a JSON path.
 *
 * @author egain-auth authors
 * @see EgainClientRegistrationRepository
 */
public final class EgainTenantMetadata {

	/**
	 * The path of the document under the API base URL, followed by the tenant id.
	 */
	public static final String PATH = "/core/authmgr/v3/metadata/tenant/";

	/**
	 * The placeholder for the tenant id in the anonymous-customer token URL.
	 */
	public static final String DOMAIN_NAME_PLACEHOLDER = "<DOMAIN_NAME>";

	private static final String FALLBACK_PREFIX = "authenticationDetails.apiPermissionPrefix";

	private final String uri;

	private final String tenantId;

	private final Map<String, Object> document;

	private EgainTenantMetadata(String uri, String tenantId, Map<String, Object> document) {
		this.uri = uri;
		this.tenantId = tenantId;
		this.document = document;
	}

	/**
	 * Returns the URL of a tenant's metadata document.
	 * @param apiBaseUrl the API base URL, e.g. {@code https://api.ai.egain.cloud}
	 * @param tenantId the tenant id
	 * @return the URL, e.g.
	 * {@code https://api.ai.egain.cloud/core/authmgr/v3/metadata/tenant/TMPRODB88619984}
	 */
	public static String uri(String apiBaseUrl, String tenantId) {
		Assert.hasText(apiBaseUrl, "apiBaseUrl cannot be empty");
		Assert.hasText(tenantId, "tenantId cannot be empty");
		String base = apiBaseUrl.trim();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH
				+ UriUtils.encodePathSegment(tenantId.trim(), StandardCharsets.UTF_8);
	}

	/**
	 * Reads a tenant metadata document.
	 * @param uri the URL the document was read from, named in every error
	 * @param tenantId the tenant id, which replaces {@value #DOMAIN_NAME_PLACEHOLDER}
	 * @param json the document
	 * @return the tenant metadata
	 * @throws IllegalArgumentException if the document is not a JSON object
	 */
	public static EgainTenantMetadata parse(String uri, String tenantId, String json) {
		Assert.hasText(uri, "uri cannot be empty");
		Assert.hasText(tenantId, "tenantId cannot be empty");
		Assert.notNull(json, "json cannot be null");
		try {
			// Nimbus's parser comes with Spring Security on every Spring Boot line.
			return new EgainTenantMetadata(uri, tenantId.trim(), JSONObjectUtils.parse(json));
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("eGain's tenant metadata document at " + uri + " is not a JSON object",
					ex);
		}
	}

	/**
	 * Returns the URL the document was read from.
	 * @return the URL
	 */
	public String getUri() {
		return this.uri;
	}

	/**
	 * Returns the token URL the document gives for a flow, with the tenant id in place of
	 * {@value #DOMAIN_NAME_PLACEHOLDER}.
	 * @param flow the flow
	 * @return the token URL, an absolute {@code https://} URL ({@code http://} only to a
	 * loopback host)
	 * @throws IllegalStateException if the document has no such URL, or one that is not
	 * an absolute https URL
	 */
	public String tokenUri(EgainFlow flow) {
		Assert.notNull(flow, "flow cannot be null");
		String path = tokenUriPath(flow);
		String value = string(path);
		if (value == null) {
			throw new IllegalStateException("eGain's tenant metadata document at " + this.uri + " has no " + path
					+ ", where the token URL of " + flow.getValue() + " clients is read from");
		}
		String tokenUri = value.replace(DOMAIN_NAME_PLACEHOLDER,
				UriUtils.encode(this.tenantId, StandardCharsets.UTF_8));
		String problem = urlProblem(tokenUri);
		if (problem != null) {
			throw new IllegalStateException("eGain's tenant metadata document at " + this.uri + " gives " + path
					+ " as '" + value + "', which " + problem);
		}
		return tokenUri;
	}

	/**
	 * Returns the scope prefix the document gives for a flow: the prefix of its realm,
	 * else the fallback {@code authenticationDetails.apiPermissionPrefix}.
	 * @param flow the flow
	 * @return the scope prefix, or {@code null} if the document gives none
	 * @throws IllegalStateException if a prefix is not a string
	 */
	public @Nullable String scopePrefix(EgainFlow flow) {
		Assert.notNull(flow, "flow cannot be null");
		String prefix = string(scopePrefixPath(flow));
		return (prefix != null) ? prefix : string(FALLBACK_PREFIX);
	}

	/**
	 * Returns the JSON path of the token URL of a flow.
	 * @param flow the flow
	 * @return the path, e.g. {@code authenticationDetails.oAuthUser[0].accessTokenURL}
	 */
	public static String tokenUriPath(EgainFlow flow) {
		Assert.notNull(flow, "flow cannot be null");
		return switch (flow) {
			case ON_BEHALF_OF_CUSTOMER -> "authenticationDetails.oAuthCustomer[0].accessTokenURL";
			case ANONYMOUS_CUSTOMER -> "authenticationDetails.oAuthAnonymousCustomer[0].accessTokenURL";
			// On behalf of a user, client credentials and any other flow of the user
			// realm (T-U).
			default -> "authenticationDetails.oAuthUser[0].accessTokenURL";
		};
	}

	private static String scopePrefixPath(EgainFlow flow) {
		return switch (flow) {
			case ON_BEHALF_OF_CUSTOMER, ANONYMOUS_CUSTOMER -> "apiMetadata.CORE.eApiPermissionPrefix";
			default -> "apiMetadata.CORE.iApiPermissionPrefix";
		};
	}

	/**
	 * Returns the non-blank string at a path, or {@code null} if any step of the path is
	 * missing or the value is blank.
	 * @param path the path, names separated by dots, each optionally followed by
	 * {@code [index]}
	 * @return the string, trimmed
	 * @throws IllegalStateException if a step or the value has the wrong type
	 */
	private @Nullable String string(String path) {
		Object value = this.document;
		StringBuilder walked = new StringBuilder();
		for (String step : path.split("\\.")) {
			int bracket = step.indexOf('[');
			String name = (bracket >= 0) ? step.substring(0, bracket) : step;
			value = member(value, walked, name);
			if (value == null) {
				return null;
			}
			if (bracket >= 0) {
				int index = Integer.parseInt(step.substring(bracket + 1, step.length() - 1));
				value = element(value, walked, index);
				if (value == null) {
					return null;
				}
			}
		}
		if (!(value instanceof String text)) {
			throw malformed(walked, value, "a string");
		}
		return StringUtils.hasText(text) ? text.trim() : null;
	}

	private @Nullable Object member(Object value, StringBuilder walked, String name) {
		if (!(value instanceof Map<?, ?> object)) {
			throw malformed(walked, value, "an object");
		}
		walked.append(walked.isEmpty() ? "" : ".").append(name);
		return object.get(name);
	}

	private @Nullable Object element(Object value, StringBuilder walked, int index) {
		if (!(value instanceof List<?> array)) {
			throw malformed(walked, value, "an array");
		}
		walked.append('[').append(index).append(']');
		return (index < array.size()) ? array.get(index) : null;
	}

	private IllegalStateException malformed(CharSequence path, Object value, String expected) {
		return new IllegalStateException("eGain's tenant metadata document at " + this.uri + " is malformed: "
				+ (path.isEmpty() ? "the document" : path) + " is " + describe(value) + ", not " + expected);
	}

	private static String describe(Object value) {
		if (value instanceof Map) {
			return "an object";
		}
		if (value instanceof List) {
			return "an array";
		}
		if (value instanceof String) {
			return "a string";
		}
		if (value instanceof Boolean) {
			return "a boolean";
		}
		return "a number";
	}

	private static @Nullable String urlProblem(String value) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			return "is not a valid URL (" + ex.getReason() + ")";
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!("https".equals(scheme) || "http".equals(scheme)) || !StringUtils.hasText(uri.getHost())) {
			return "is not an absolute http(s) URL";
		}
		if ("http".equals(scheme) && !EgainAllowedOrigins.isLoopback(uri.getHost())) {
			// The client secret travels to the token URL: never unencrypted to a remote
			// host.
			return "uses plain http:// to a host that is not loopback, which would send client secrets unencrypted";
		}
		return null;
	}

	@Override
	public String toString() {
		return "EgainTenantMetadata[" + this.uri + "]";
	}

}
