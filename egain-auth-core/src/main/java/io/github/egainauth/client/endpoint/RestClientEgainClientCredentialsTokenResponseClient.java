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

package io.github.egainauth.client.endpoint;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;

/**
 * The blocking token client for eGain's client-credentials and anonymous-customer flows,
 * built on {@link org.springframework.web.client.RestClient}. It sends {@code POST} with
 * {@code Content-Type: application/x-www-form-urlencoded} and
 * {@code Accept: application/json}, the client id and secret in the form body (never in
 * an {@code Authorization} header) and no form fields beyond eGain's.
 *
 * @author egain-auth authors
 */
public final class RestClientEgainClientCredentialsTokenResponseClient
		extends AbstractRestClientEgainTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

	/**
	 * Constructs a token client with a default {@code RestClient}.
	 */
	public RestClientEgainClientCredentialsTokenResponseClient() {
	}

}
