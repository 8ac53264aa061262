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

import java.util.HashMap;
import java.util.Map;

import io.github.egainauth.EgainSubject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainRequestAttributes}.
 *
 * @author egain-auth authors
 */
class EgainRequestAttributesTests {

	@Test
	void clientWhenNameEmptyThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainRequestAttributes.client(" "))
			.withMessage("clientName cannot be empty");
	}

	@Test
	void subjectWhenNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainRequestAttributes.subject(null))
			.withMessage("subject cannot be null");
	}

	@Test
	void resolveClientNameWhenAttributesNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainRequestAttributes.resolveClientName(null, "only"))
			.withMessage("attributes cannot be null");
	}

	@Test
	void resolveSubjectWhenAttributesNullThenThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainRequestAttributes.resolveSubject(null))
			.withMessage("attributes cannot be null");
	}

	@Test
	void resolveWhenAttributesNameClientAndSubjectThenThose() {
		Map<String, Object> attributes = new HashMap<>();
		EgainRequestAttributes.client("agent-assist")
			.andThen(EgainRequestAttributes.subject(EgainSubject.email("c@x")))
			.accept(attributes);
		assertThat(EgainRequestAttributes.resolveClientName(attributes, "other")).isEqualTo("agent-assist");
		assertThat(EgainRequestAttributes.resolveSubject(attributes)).isEqualTo(EgainSubject.email("c@x"));
	}

}
