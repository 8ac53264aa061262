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

package io.github.egainauth;

import io.github.egainauth.client.EgainAuthorizedClient;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EgainAuthRuntimeHints}.
 *
 * @author egain-auth authors
 */
class EgainAuthRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void registerHintsThenAuthorizedClientIsSerializable() {
		new EgainAuthRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.serialization().onType(EgainAuthorizedClient.class)).accepts(this.hints);
	}

	@Test
	void registerHintsThenSubjectIsSerializable() {
		new EgainAuthRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.serialization().onType(EgainSubject.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.serialization().onType(EgainSubject.Kind.class)).accepts(this.hints);
	}

	@Test
	void registerHintsThenNothingElse() {
		new EgainAuthRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(this.hints.serialization().javaSerializationHints()).hasSize(3);
		assertThat(this.hints.reflection().typeHints()).isEmpty();
		assertThat(this.hints.resources().resourcePatternHints()).isEmpty();
		assertThat(this.hints.proxies().jdkProxyHints()).isEmpty();
	}

	@Test
	void aotFactoriesListsRegistrar() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(EgainAuthRuntimeHints.class);
	}

}
