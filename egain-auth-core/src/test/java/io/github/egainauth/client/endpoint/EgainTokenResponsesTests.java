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

import java.net.ConnectException;

import io.github.egainauth.client.registration.TestEgainClientRegistrations;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EgainTokenResponses} where the token clients' own tests cannot choose
 * the failure: why eGain could not be reached.
 *
 * @author egain-auth authors
 */
class EgainTokenResponsesTests {

	private static final String TOKEN_URI = "https://ai.egain.cloud/system/auth/TMPRODB88619984-U/oauth2/token";

	private final OAuth2ClientCredentialsGrantRequest grantRequest = new OAuth2ClientCredentialsGrantRequest(
			TestEgainClientRegistrations.clientCredentials(TOKEN_URI).build());

	@Test
	void unreachableWhenCauseHasMessageThenDescriptionNamesIt() {
		RetryableTokenRequestException failure = EgainTokenResponses.unreachable(this.grantRequest,
				new ResourceAccessException("I/O error", new ConnectException("Connection refused")));
		assertThat(failure.getError()).returns("invalid_token_response", OAuth2Error::getErrorCode)
			.returns(
					"Token request for eGain client 'knowledge-sync' (client-credentials flow) failed: "
							+ "could not reach eGain at " + TOKEN_URI + " (Connection refused)",
					OAuth2Error::getDescription);
	}

	@Test
	void unreachableWhenCauseHasNoMessageThenDescriptionNamesItsType() {
		RetryableTokenRequestException failure = EgainTokenResponses.unreachable(this.grantRequest,
				new ResourceAccessException("I/O error", new ConnectException()));
		assertThat(failure.getError().getDescription()).endsWith(" (ConnectException)");
	}

}
