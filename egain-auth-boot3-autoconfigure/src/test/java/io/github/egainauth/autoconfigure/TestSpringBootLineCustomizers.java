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

package io.github.egainauth.autoconfigure;

import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.boot.web.reactive.function.client.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application's customizers of Spring Boot's {@code RestClient.Builder} and
 * {@code WebClient.Builder}, in this Spring Boot line's types, for the tests that every
 * line runs.
 *
 * @author egain-auth authors
 */
@Configuration(proxyBeanMethods = false)
class TestSpringBootLineCustomizers {

	@Bean
	RestClientCustomizer applicationRestClientCustomizer() {
		return (builder) -> builder.defaultHeader("X-Application", "rest-client-customizer");
	}

	@Bean
	WebClientCustomizer applicationWebClientCustomizer() {
		return (builder) -> builder.defaultHeader("X-Application", "web-client-customizer");
	}

}
