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

package io.github.egainauth.client.web;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.egainauth.EgainSubject;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Request attributes that name the eGain client and subject of a {@code RestClient} or
 * {@code WebClient} call:
 *
 * <pre class="code">
 * restClient.get()
 *     .uri("/knowledge/portalmgr/v4/portals")
 *     .attributes(EgainRequestAttributes.client("agent-assist"))
 *     .attributes(EgainRequestAttributes.subject(EgainSubject.username("pa")))
 *     .retrieve();
 * </pre>
 *
 * The client attribute is Spring Security's own, so {@code @ClientRegistrationId} on an
 * HTTP interface method names an eGain client too.
 *
 * @author egain-auth authors
 */
public final class EgainRequestAttributes {

	private static final String CLIENT_ATTRIBUTE_NAME = EgainRequestAttributes.class.getName() + ".client";

	/**
	 * Where a call may name its client: egain-auth's own attribute, then the ones Spring
	 * Security's own helpers set ({@code ClientAttributes.clientRegistrationId(..)} and
	 * {@code @ClientRegistrationId} in Security 7, and
	 * {@code RequestAttributeClientRegistrationIdResolver.clientRegistrationId(..)} in
	 * Security 6), so a client named either way is found on every Spring Boot line.
	 */
	private static final List<String> CLIENT_ATTRIBUTE_NAMES = List.of(CLIENT_ATTRIBUTE_NAME,
			"org.springframework.security.oauth2.client.registration.ClientRegistration.CLIENT_REGISTRATION_ID",
			"org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver"
					+ ".clientRegistrationId");

	private EgainRequestAttributes() {
	}

	/**
	 * Names the eGain client whose token the call carries. May be omitted when only one
	 * eGain client is configured.
	 * @param clientName the client's name under {@code egain.auth.clients}
	 * @return a consumer that adds the attribute
	 */
	public static Consumer<Map<String, Object>> client(String clientName) {
		Assert.hasText(clientName, "clientName cannot be empty");
		return (attributes) -> attributes.put(CLIENT_ATTRIBUTE_NAME, clientName);
	}

	/**
	 * Names whom an on-behalf-of call is for. Without it the subject is derived from the
	 * authenticated principal.
	 * @param subject the subject
	 * @return a consumer that adds the attribute
	 */
	public static Consumer<Map<String, Object>> subject(EgainSubject subject) {
		Assert.notNull(subject, "subject cannot be null");
		return (attributes) -> attributes.put(EgainSubject.ATTRIBUTE_NAME, subject);
	}

	/**
	 * Returns the client a call's attributes name, or the default client.
	 * @param attributes the request attributes
	 * @param defaultClientName the client to use when none is named, or {@code null}
	 * @return the client's name
	 * @throws IllegalArgumentException if no client is named and there is no default
	 */
	public static String resolveClientName(Map<String, Object> attributes, @Nullable String defaultClientName) {
		Assert.notNull(attributes, "attributes cannot be null");
		for (String name : CLIENT_ATTRIBUTE_NAMES) {
			if (attributes.get(name) instanceof String clientName) {
				return clientName;
			}
		}
		if (defaultClientName != null) {
			return defaultClientName;
		}
		throw new IllegalArgumentException("The call names no eGain client; add "
				+ "EgainRequestAttributes.client(name) to its attributes (it may be left out only when exactly "
				+ "one eGain client is configured)");
	}

	/**
	 * Returns the subject a call's attributes name.
	 * @param attributes the request attributes
	 * @return the subject, or {@code null} if the call names none
	 */
	public static @Nullable EgainSubject resolveSubject(Map<String, Object> attributes) {
		Assert.notNull(attributes, "attributes cannot be null");
		Object subject = attributes.get(EgainSubject.ATTRIBUTE_NAME);
		return (subject instanceof EgainSubject egainSubject) ? egainSubject : null;
	}

}
