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

package io.github.egainauth.client.endpoint;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.registration.EgainClientRegistrations;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;

/**
 * Writes eGain token requests: the headers and the exact form body of every flow.
 *
 * @author egain-auth authors
 */
final class EgainTokenRequests {

	/**
	 * The {@code subject_token_type} of token exchange: an OAuth 2.0 access token.
	 */
	static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	/**
	 * eGain's form field that names the identity provider, by the id eGain's console
	 * shows for it.
	 */
	static final String REGISTRATION_ID = "registration_id";

	private EgainTokenRequests() {
	}

	static URI tokenUri(AbstractOAuth2AuthorizationGrantRequest grantRequest) {
		return URI.create(grantRequest.getClientRegistration().getProviderDetails().getTokenUri());
	}

	/**
	 * eGain takes {@code application/x-www-form-urlencoded} and answers
	 * {@code application/json}; the client never authenticates with a header, so none is
	 * added.
	 * @param headers the headers of the token request, to set
	 */
	static void headers(HttpHeaders headers) {
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
	}

	/**
	 * The form fields eGain expects: the grant type, the client credentials in the body,
	 * the space-separated scopes and, for on-behalf-of grants, the one {@code subject_*}
	 * field; for token exchange, the identity provider's token as {@code subject_token},
	 * its type and eGain's {@code registration_id} of the identity provider. Nothing else
	 * is sent.
	 * @param grantRequest the grant request
	 * @return the form fields
	 */
	static MultiValueMap<String, String> parameters(AbstractOAuth2AuthorizationGrantRequest grantRequest) {
		ClientRegistration clientRegistration = grantRequest.getClientRegistration();
		MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
		parameters.add(OAuth2ParameterNames.GRANT_TYPE, grantRequest.getGrantType().getValue());
		if (grantRequest instanceof OnBehalfOfGrantRequest onBehalfOf
				&& onBehalfOf.getSubject().getKind() == EgainSubject.Kind.EXTERNAL_TOKEN) {
			parameters.add(OAuth2ParameterNames.SUBJECT_TOKEN, onBehalfOf.getSubject().getValue());
			parameters.add(OAuth2ParameterNames.SUBJECT_TOKEN_TYPE, ACCESS_TOKEN_TYPE);
			parameters.add(REGISTRATION_ID, EgainClientRegistrations.ssoRegistrationId(clientRegistration));
		}
		parameters.add(OAuth2ParameterNames.CLIENT_ID, clientRegistration.getClientId());
		parameters.add(OAuth2ParameterNames.CLIENT_SECRET, clientRegistration.getClientSecret());
		// A registration built without scopes has none at all (null), not an empty set.
		if (!CollectionUtils.isEmpty(clientRegistration.getScopes())) {
			parameters.add(OAuth2ParameterNames.SCOPE,
					StringUtils.collectionToDelimitedString(clientRegistration.getScopes(), " "));
		}
		if (grantRequest instanceof OnBehalfOfGrantRequest onBehalfOf
				&& onBehalfOf.getSubject().getKind() != EgainSubject.Kind.EXTERNAL_TOKEN) {
			EgainSubject subject = onBehalfOf.getSubject();
			parameters.add(subject.getKind().getParameterName(), subject.getValue());
		}
		return parameters;
	}

	/**
	 * Encodes the form as UTF-8, which is the only encoding
	 * {@code application/x-www-form-urlencoded} has, so the content type needs no charset
	 * parameter.
	 * @param parameters the form fields
	 * @return the form body
	 */
	static byte[] body(MultiValueMap<String, String> parameters) {
		StringBuilder body = new StringBuilder();
		parameters.forEach((name, values) -> values.forEach((value) -> {
			if (!body.isEmpty()) {
				body.append('&');
			}
			body.append(encode(name)).append('=').append(encode(value));
		}));
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
