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

package io.github.egainauth.samples.sso;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application whose users sign in with OAuth2/OIDC login and that calls eGain for them
 * by token exchange: eGain trades the login's access token for an eGain token for the
 * same user. Run it with
 * {@code ./mvnw -pl samples/sso-token-exchange -am spring-boot:run}; it signs users in at
 * a local identity provider and talks to an embedded eGain stand-in, offline.
 *
 * @author egain-auth authors
 */
@SpringBootApplication
public class SsoTokenExchangeSampleApplication {

	/**
	 * Starts the sample.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SsoTokenExchangeSampleApplication.class, args);
	}

}
