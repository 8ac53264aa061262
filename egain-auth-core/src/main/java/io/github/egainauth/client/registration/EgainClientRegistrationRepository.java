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

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.util.Assert;

/**
 * The eGain client registrations, by name. It deliberately does not implement
 * {@link ClientRegistrationRepository}, so that it never displaces the application's own
 * repository (e.g. Spring Boot's, holding a login provider); use
 * {@code repository::findByRegistrationId} where one is needed.
 *
 * @author egain-auth authors
 */
public final class EgainClientRegistrationRepository implements Iterable<ClientRegistration> {

	private final Map<String, ClientRegistration> registrations;

	/**
	 * Constructs a repository of the given registrations.
	 * @param registrations the registrations, with distinct ids
	 */
	public EgainClientRegistrationRepository(Collection<ClientRegistration> registrations) {
		Assert.notNull(registrations, "registrations cannot be null");
		Map<String, ClientRegistration> byId = new LinkedHashMap<>();
		for (ClientRegistration registration : registrations) {
			Assert.state(byId.put(registration.getRegistrationId(), registration) == null,
					() -> "Duplicate registration id '" + registration.getRegistrationId() + "'");
		}
		this.registrations = Collections.unmodifiableMap(byId);
	}

	/**
	 * Returns the registration with the given id, which is the eGain client's name.
	 * @param registrationId the registration id
	 * @return the registration, or {@code null} if there is none
	 */
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		Assert.hasText(registrationId, "registrationId cannot be empty");
		return this.registrations.get(registrationId);
	}

	/**
	 * Returns the names of the eGain clients, in configuration order.
	 * @return the names
	 */
	public Set<String> getNames() {
		return this.registrations.keySet();
	}

	@Override
	public Iterator<ClientRegistration> iterator() {
		return this.registrations.values().iterator();
	}

}
