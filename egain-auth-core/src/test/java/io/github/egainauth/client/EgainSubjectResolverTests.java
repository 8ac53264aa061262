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

package io.github.egainauth.client;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EgainSubjectResolver}.
 *
 * @author egain-auth authors
 */
class EgainSubjectResolverTests {

	private final ClientRegistration agent = TestEgainAuthorizedClients.registration("agent",
			EgainFlow.ON_BEHALF_OF_USER);

	private final ClientRegistration customer = TestEgainAuthorizedClients.registration("customer",
			EgainFlow.ON_BEHALF_OF_CUSTOMER);

	@Test
	void principalNameWhenNamedThenSubjectOfClientsDefaultKind() {
		Authentication principal = TestEgainAuthorizedClients.principal("pa");
		assertThat(EgainSubjectResolver.principalName().resolve(principal, this.agent))
			.isEqualTo(EgainSubject.username("pa"));
		assertThat(EgainSubjectResolver.principalName().resolve(principal, this.customer))
			.isEqualTo(EgainSubject.email("pa"));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = " ")
	void principalNameWhenNameMissingOrBlankThenNoSubject(String name) {
		Authentication principal = new TestingAuthenticationToken("user", null) {

			private static final long serialVersionUID = 1L;

			@Override
			public String getName() {
				return name;
			}

		};
		assertThat(EgainSubjectResolver.principalName().resolve(principal, this.agent)).isNull();
	}

}
