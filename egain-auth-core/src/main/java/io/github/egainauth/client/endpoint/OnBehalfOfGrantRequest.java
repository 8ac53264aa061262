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
import org.springframework.util.Assert;

/**
 * An eGain on-behalf-of grant request: a {@code password}-style grant that names its
 * subject in a {@code subject_username}, {@code subject_userid} or {@code subject_email}
 * field instead of sending a username and password.
 *
 * @author egain-auth authors
 * @see RestClientOnBehalfOfTokenResponseClient
 * @see WebClientReactiveOnBehalfOfTokenResponseClient
 */
public class OnBehalfOfGrantRequest extends AbstractOAuth2AuthorizationGrantRequest {

	private final EgainSubject subject;

	/**
	 * Constructs an {@code OnBehalfOfGrantRequest}.
	 * @param clientRegistration the client registration, whose grant type is
	 * {@code password}
	 * @param subject whom the token is for; its kind must suit the registration's flow
	 * (username or user id for users, email for customers)
	 */
	public OnBehalfOfGrantRequest(ClientRegistration clientRegistration, EgainSubject subject) {
		super(EgainFlow.PASSWORD, clientRegistration);
		Assert.isTrue(EgainFlow.PASSWORD.equals(clientRegistration.getAuthorizationGrantType()),
				"clientRegistration.authorizationGrantType must be password");
		Assert.notNull(subject, "subject cannot be null");
		EgainFlow flow = EgainFlow.from(clientRegistration);
		Assert.isTrue(flow != null && flow.isOnBehalfOf(), () -> "Client '" + clientRegistration.getRegistrationId()
				+ "' is not an eGain on-behalf-of client; build its registration with "
				+ "EgainClientRegistrations.withRegistrationId(name, EgainFlow.ON_BEHALF_OF_USER) (or ON_BEHALF_OF_CUSTOMER)");
		Assert.isTrue(flow.supports(subject.getKind()),
				() -> "Client '" + clientRegistration.getRegistrationId() + "' uses the " + flow.getValue()
						+ " flow, which cannot issue a token for " + subject.getKind().getPrefix() + " subjects; use "
						+ expectedSubjects(flow));
		this.subject = subject;
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
		return "EgainSubject.username(...) or EgainSubject.userId(...)";
	}

}
