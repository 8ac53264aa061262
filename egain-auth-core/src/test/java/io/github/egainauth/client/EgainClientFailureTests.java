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

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainClientFailure}.
 *
 * @author egain-auth authors
 */
class EgainClientFailureTests {

	@Test
	void constructorWhenErrorNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EgainClientFailure(null, Instant.now()))
			.withMessage("error cannot be null");
	}

	@Test
	void constructorWhenTimeNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EgainClientFailure(new OAuth2Error("invalid_client"), null))
			.withMessage("time cannot be null");
	}

}
