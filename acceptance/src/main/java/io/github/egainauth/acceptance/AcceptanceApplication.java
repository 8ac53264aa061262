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

package io.github.egainauth.acceptance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A fresh Spring Boot application, as start.spring.io makes one, whose only addition is
 * the egain-auth starter of its Spring Boot line and four eGain clients in
 * {@code application.yml}. Built on Spring Boot 3.5 by {@code acceptance/boot35} and on
 * Spring Boot 4.0 by {@code acceptance/boot40}.
 *
 * @author egain-auth authors
 */
@SpringBootApplication
public class AcceptanceApplication {

	/**
	 * Starts the application.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(AcceptanceApplication.class, args);
	}

}
