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

import java.util.List;

import io.github.egainauth.EgainFlow;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link EgainClientRegistrationRepository}.
 *
 * @author egain-auth authors
 */
class EgainClientRegistrationRepositoryTests {

	@Test
	void constructorWhenRegistrationsNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EgainClientRegistrationRepository(null))
			.withMessage("registrations cannot be null");
	}

	@Test
	void constructorWhenRegistrationIdsRepeatThenThrowsIllegalStateException() {
		List<ClientRegistration> registrations = List.of(registration("knowledge-sync"),
				registration("knowledge-sync"));
		assertThatIllegalStateException().isThrownBy(() -> new EgainClientRegistrationRepository(registrations))
			.withMessage("Duplicate registration id 'knowledge-sync'");
	}

	@Test
	void findByRegistrationIdWhenEmptyThenThrowsIllegalArgumentException() {
		EgainClientRegistrationRepository repository = new EgainClientRegistrationRepository(List.of());
		assertThatIllegalArgumentException().isThrownBy(() -> repository.findByRegistrationId(""))
			.withMessage("registrationId cannot be empty");
	}

	@Test
	void findByRegistrationIdWhenKnownThenRegistration() {
		ClientRegistration registration = registration("knowledge-sync");
		EgainClientRegistrationRepository repository = new EgainClientRegistrationRepository(List.of(registration));
		assertThat(repository.findByRegistrationId("knowledge-sync")).isSameAs(registration);
		assertThat(repository.findByRegistrationId("other")).isNull();
		assertThat(repository.getNames()).containsExactly("knowledge-sync");
	}

	private static ClientRegistration registration(String registrationId) {
		return EgainClientRegistrations.withRegistrationId(registrationId, EgainFlow.CLIENT_CREDENTIALS)
			.clientId("client-id")
			.clientSecret("client-secret")
			.scope("knowledge.portalmgr.read")
			.tokenUri("https://ai.egain.cloud/system/auth/TENANT-U/oauth2/token")
			.build();
	}

}
