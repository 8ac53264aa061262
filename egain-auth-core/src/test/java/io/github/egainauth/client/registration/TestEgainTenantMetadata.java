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

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

/**
 * Tenant metadata documents for tests, laid out as eGain's: each flow's token URL and
 * scope prefix under a given base URL, so that every value can be told apart.
 *
 * @author egain-auth authors
 */
public final class TestEgainTenantMetadata {

	public static final String TENANT_ID = TestEgainClientRegistrations.TENANT_ID;

	public static final String USER_TOKEN_PATH = "/login/user/oauth2/v2.0/token";

	public static final String CUSTOMER_TOKEN_PATH = "/login/customer/oauth2/v2.0/token";

	public static final String ANONYMOUS_TOKEN_PATH = "/anonymous/token";

	public static final String ANONYMOUS_TOKEN_QUERY = "?user_type=customer&domain_hint=";

	public static final String USER_PREFIX_PATH = "/auth/internal/";

	public static final String CUSTOMER_PREFIX_PATH = "/auth/external/";

	public static final String FALLBACK_PREFIX_PATH = "/auth/";

	private TestEgainTenantMetadata() {
	}

	/**
	 * Returns a document whose token URLs and prefixes are under the given base URL:
	 * {@link #USER_TOKEN_PATH}, {@link #CUSTOMER_TOKEN_PATH},
	 * {@link #ANONYMOUS_TOKEN_PATH} with {@link #ANONYMOUS_TOKEN_QUERY} and eGain's
	 * {@code <DOMAIN_NAME>} placeholder, and the prefixes {@link #USER_PREFIX_PATH},
	 * {@link #CUSTOMER_PREFIX_PATH} and (fallback) {@link #FALLBACK_PREFIX_PATH}, besides
	 * fields egain-auth does not read.
	 * @param baseUrl the base URL, e.g. a {@code MockWebServer}'s without trailing slash
	 * @return the document
	 */
	public static Map<String, Object> document(String baseUrl) {
		Map<String, Object> authenticationDetails = new LinkedHashMap<>();
		authenticationDetails.put("oAuthUser", List.of(Map.of("authURL", baseUrl + "/login/user/oauth2/v2.0/authorize",
				"accessTokenURL", baseUrl + USER_TOKEN_PATH)));
		authenticationDetails.put("oAuthCustomer", List.of(Map.of("accessTokenURL", baseUrl + CUSTOMER_TOKEN_PATH)));
		authenticationDetails.put("oAuthAnonymousCustomer", List.of(Map.of("accessTokenURL",
				baseUrl + ANONYMOUS_TOKEN_PATH + ANONYMOUS_TOKEN_QUERY + EgainTenantMetadata.DOMAIN_NAME_PLACEHOLDER)));
		authenticationDetails.put("apiPermissionPrefix", baseUrl + FALLBACK_PREFIX_PATH);
		Map<String, Object> core = new LinkedHashMap<>();
		core.put("iApiPermissionPrefix", baseUrl + USER_PREFIX_PATH);
		core.put("eApiPermissionPrefix", baseUrl + CUSTOMER_PREFIX_PATH);
		core.put("apiVersion", "v3");
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("tenantId", TENANT_ID);
		document.put("authenticationDetails", authenticationDetails);
		document.put("apiMetadata", Map.of("CORE", core));
		return document;
	}

	/**
	 * Returns a copy of a document with the value at a path replaced, or removed.
	 * @param document the document
	 * @param path the path, names separated by dots, e.g.
	 * {@code authenticationDetails.oAuthUser} or
	 * {@code apiMetadata.CORE.eApiPermissionPrefix}
	 * @param value the new value, or {@code null} to remove it
	 * @return the copy
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> with(Map<String, Object> document, String path, @Nullable Object value) {
		Map<String, Object> copy = parse(json(document));
		String[] names = path.split("\\.");
		Map<String, Object> parent = copy;
		for (int i = 0; i < names.length - 1; i++) {
			parent = (Map<String, Object>) parent.get(names[i]);
		}
		if (value != null) {
			parent.put(names[names.length - 1], value);
		}
		else {
			parent.remove(names[names.length - 1]);
		}
		return copy;
	}

	/**
	 * Returns a document as JSON.
	 * @param document the document
	 * @return the JSON
	 */
	public static String json(Map<String, Object> document) {
		return JSONObjectUtils.toJSONString(document);
	}

	/**
	 * Reads the document as egain-auth does, as if from {@code uri}.
	 * @param uri the URL named in errors
	 * @param document the document
	 * @return the tenant metadata
	 */
	public static EgainTenantMetadata metadata(String uri, Map<String, Object> document) {
		return EgainTenantMetadata.parse(uri, TENANT_ID, json(document));
	}

	private static Map<String, Object> parse(String json) {
		try {
			return JSONObjectUtils.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
