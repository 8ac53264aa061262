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

package io.github.egainauth.samples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A customer portal that calls eGain with {@code WebClient}: AI search for anonymous
 * visitors, and knowledge articles on behalf of the logged-in customer. Run it with
 * {@code ./mvnw -pl samples/webflux-webclient -am spring-boot:run}; by default it talks
 * to an embedded eGain stand-in.
 *
 * @author egain-auth authors
 */
@SpringBootApplication
public class WebFluxWebClientSampleApplication {

	/**
	 * Starts the sample.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(WebFluxWebClientSampleApplication.class, args);
	}

}
