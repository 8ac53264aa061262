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

package io.github.egainauth.samples.boot3;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An agent desktop on Spring Boot 3.5 that calls eGain with {@code RestClient}: knowledge
 * articles on behalf of the logged-in agent or customer, and AI search as the application
 * through an HTTP interface. Run it with
 * {@code ./mvnw -pl samples/boot3-servlet-restclient -am spring-boot:run}; by default it
 * talks to an embedded eGain stand-in.
 *
 * @author egain-auth authors
 */
@SpringBootApplication
public class Boot3ServletRestClientSampleApplication {

	/**
	 * Starts the sample.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(Boot3ServletRestClientSampleApplication.class, args);
	}

}
