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

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;

import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.util.Assert;

/**
 * An eGain grant request on behalf of a subject: the {@code password}-style grant that
 * names its subject in a {@code subject_username}, {@code subject_userid} or
 * {@code subject_email} field instead of sending a username and password, or, for a
 * {@code token-exchange} client, the token-exchange grant that sends an identity
 * provider's access token as {@code subject_token} (see
 * {@link io.github.egainauth.EgainSubject#externalToken(String)}).
 *
 * @author egain-auth authors
 * @see RestClientOnBehalfOfTokenResponseClient
 * @see WebClientReactiveOnBehalfOfTokenResponseClient
 */
public class OnBehalfOfGrantRequest extends AbstractOAuth2AuthorizationGrantRequest {

	private final EgainSubject subject;

	/**
	 * Constructs an {@code OnBehalfOfGrantRequest}.
	 * @param clientRegistration the client registration of an eGain on-behalf-of or
	 * token-exchange client, whose grant type is its flow's ({@code password}, or
	 * {@code urn:ietf:params:oauth:grant-type:token-exchange})
	 * @param subject whom the token is for; its kind must suit the registration's flow
	 * (username or user id for users, email for customers, an identity provider's token
	 * for token exchange)
	 */
	public OnBehalfOfGrantRequest(ClientRegistration clientRegistration, EgainSubject subject) {
		super(grantType(clientRegistration), clientRegistration);
		Assert.notNull(subject, "subject cannot be null");
		EgainFlow flow = EgainFlow.from(clientRegistration);
		Assert.state(flow != null, "flow checked by grantType");
		Assert.isTrue(flow.supports(subject.getKind()),
				() -> "Client '" + clientRegistration.getRegistrationId() + "' uses the " + flow.getValue()
						+ " flow, which cannot issue a token for " + subject.getKind().getPrefix() + " subjects; use "
						+ expectedSubjects(flow));
		this.subject = subject;
	}

	private static AuthorizationGrantType grantType(ClientRegistration clientRegistration) {
		Assert.notNull(clientRegistration, "clientRegistration cannot be null");
		EgainFlow flow = EgainFlow.from(clientRegistration);
		AuthorizationGrantType expected = (flow != null && flow.isOnBehalfOf()) ? flow.getAuthorizationGrantType()
				: EgainFlow.PASSWORD;
		Assert.isTrue(expected.equals(clientRegistration.getAuthorizationGrantType()),
				() -> "clientRegistration.authorizationGrantType must be " + expected.getValue());
		Assert.isTrue(flow != null && flow.isOnBehalfOf(), () -> "Client '" + clientRegistration.getRegistrationId()
				+ "' is not an eGain on-behalf-of client; build its registration with "
				+ "EgainClientRegistrations.withRegistrationId(name, EgainFlow.ON_BEHALF_OF_USER) (or ON_BEHALF_OF_CUSTOMER, TOKEN_EXCHANGE)");
		return expected;
	}

	/**
	 * Returns whom the token is for.
	 * @return the subject
	 */
	public EgainSubject getSubject() {
		return this.subject;
	}

	private static String expectedSubjects(EgainFlow flow) {
		if (flow == EgainFlow.ON_BEHALF_OF_CUSTOMER) {
			return "EgainSubject.email(...)";
		}
		if (flow == EgainFlow.TOKEN_EXCHANGE) {
			return "EgainSubject.externalToken(...)";
		}
		return "EgainSubject.username(...) or EgainSubject.userId(...)";
	}

}
