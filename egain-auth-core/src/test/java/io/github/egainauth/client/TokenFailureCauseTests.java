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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenFailureCause}.
 *
 * @author egain-auth authors
 */
class TokenFailureCauseTests {

	@ParameterizedTest
	@EnumSource(value = EgainFlow.class, names = { "ON_BEHALF_OF_USER", "ON_BEHALF_OF_CUSTOMER" })
	void ofWhenInvalidGrantOnFlowWithSubjectThenSubject(EgainFlow flow) {
		assertThat(TokenFailureCause.of(error("invalid_grant"), flow)).isEqualTo(TokenFailureCause.SUBJECT);
	}

	@ParameterizedTest
	@EnumSource(value = EgainFlow.class, names = { "CLIENT_CREDENTIALS", "ANONYMOUS_CUSTOMER" })
	void ofWhenInvalidGrantOnApplicationFlowThenClient(EgainFlow flow) {
		assertThat(TokenFailureCause.of(error("invalid_grant"), flow)).isEqualTo(TokenFailureCause.CLIENT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "invalid_client", "unauthorized_client", "invalid_scope", "invalid_request",
			"unsupported_grant_type", "invalid_token_response", "server_error", "temporarily_unavailable" })
	void ofWhenOtherErrorOnFlowWithSubjectThenClient(String errorCode) {
		assertThat(TokenFailureCause.of(error(errorCode), EgainFlow.ON_BEHALF_OF_USER))
			.isEqualTo(TokenFailureCause.CLIENT);
		assertThat(TokenFailureCause.of(error(errorCode), EgainFlow.ON_BEHALF_OF_CUSTOMER))
			.isEqualTo(TokenFailureCause.CLIENT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "invalid_grant", "invalid_client" })
	void ofWhenNotAnEgainFlowThenClient(String errorCode) {
		assertThat(TokenFailureCause.of(error(errorCode), null)).isEqualTo(TokenFailureCause.CLIENT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "INVALID_GRANT", "invalid_grant ", "Invalid_Grant" })
	void ofWhenErrorCodeOnlyResemblesInvalidGrantThenClient(String errorCode) {
		assertThat(TokenFailureCause.of(error(errorCode), EgainFlow.ON_BEHALF_OF_USER))
			.isEqualTo(TokenFailureCause.CLIENT);
	}

	private static OAuth2Error error(String errorCode) {
		return new OAuth2Error(errorCode, "Token request failed: eGain answered with error '" + errorCode + "'", null);
	}

}
