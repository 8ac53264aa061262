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
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The hints egain-auth needs in a native image beyond those Spring Boot derives during
 * ahead-of-time processing. Boot already registers what the starter reads reflectively:
 * the binding of {@code EgainAuthProperties} (an {@code @EnableConfigurationProperties}
 * bean, whose getters the startup checks also walk) and the failure analyzers listed in
 * {@code spring.factories}. Token and tenant metadata responses are parsed into maps,
 * with no reflection. What remains is Java serialization: an
 * {@link EgainAuthorizedClient} is a Spring Security {@code OAuth2AuthorizedClient},
 * which an application's own authorized client repository may keep in an HTTP session
 * that is serialized.
 *
 * @author egain-auth authors
 */
final class EgainAuthRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.serialization()
			.registerType(EgainAuthorizedClient.class)
			.registerType(EgainSubject.class)
			.registerType(EgainSubject.Kind.class);
	}

}
