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

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainAuthorizeRequests}.
 *
 * @author egain-auth authors
 */
class EgainAuthorizeRequestsTests {

	private final ClientRegistration agent = TestEgainAuthorizedClients.registration("agent",
			EgainFlow.ON_BEHALF_OF_USER);

	@Test
	void createWhenClientNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainAuthorizeRequests.create(" ", null, null))
			.withMessage("clientName cannot be empty");
	}

	@Test
	void createWhenPrincipalThenRequestCarriesItAndSubject() {
		Authentication principal = TestEgainAuthorizedClients.principal("pa");
		OAuth2AuthorizeRequest request = EgainAuthorizeRequests.create("agent", EgainSubject.username("u1"), principal);
		assertThat(request.getClientRegistrationId()).isEqualTo("agent");
		assertThat(request.getPrincipal()).isSameAs(principal);
		assertThat(request.<EgainSubject>getAttribute(EgainSubject.ATTRIBUTE_NAME))
			.isEqualTo(EgainSubject.username("u1"));
	}

	@Test
	void createWhenNoPrincipalThenAnonymousPrincipalAndNoSubject() {
		OAuth2AuthorizeRequest request = EgainAuthorizeRequests.create("agent", null, null);
		assertThat(request.getPrincipal()).isSameAs(EgainAuthorizeRequests.ANONYMOUS_PRINCIPAL);
		assertThat(request.getAttributes()).doesNotContainKey(EgainSubject.ATTRIBUTE_NAME);
	}

	@Test
	void contextWhenAuthorizedClientThenContextCarriesIt() {
		OAuth2AuthorizedClient current = TestEgainAuthorizedClients.authorizedClient(this.agent, "username:u1",
				"token-u1");
		Authentication storagePrincipal = EgainAuthorizeRequests.storagePrincipal("username:u1");
		OAuth2AuthorizationContext context = EgainAuthorizeRequests.context(this.agent, current,
				EgainSubject.username("u1"), storagePrincipal);
		assertThat(context.getAuthorizedClient()).isSameAs(current);
		assertThat(context.getPrincipal()).isSameAs(storagePrincipal);
		assertThat(context.<EgainSubject>getAttribute(EgainSubject.ATTRIBUTE_NAME))
			.isEqualTo(EgainSubject.username("u1"));
	}

	@Test
	void contextWhenNoAuthorizedClientThenContextHasOnlyTheRegistration() {
		OAuth2AuthorizationContext context = EgainAuthorizeRequests.context(this.agent, null, null,
				EgainAuthorizeRequests.storagePrincipal(EgainAuthorizeRequests.APPLICATION_PRINCIPAL_NAME));
		assertThat(context.getClientRegistration()).isSameAs(this.agent);
		assertThat(context.getAuthorizedClient()).isNull();
		assertThat(context.getAttributes()).doesNotContainKey(EgainSubject.ATTRIBUTE_NAME);
	}

}
