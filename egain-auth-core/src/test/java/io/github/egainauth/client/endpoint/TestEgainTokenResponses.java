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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * eGain token endpoint answers for {@code MockWebServer}, and the assertion for the token
 * a client makes of them.
 *
 * @author egain-auth authors
 */
public final class TestEgainTokenResponses {

	private TestEgainTokenResponses() {
	}

	/**
	 * Returns a successful token response.
	 * @param tokenValue the access token
	 * @param expiresIn the {@code expires_in} value, in seconds
	 * @return the response
	 */
	public static MockResponse accessToken(String tokenValue, long expiresIn) {
		return json(200,
				"{\"access_token\":\"" + tokenValue + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
	}

	/**
	 * Returns a successful token response without {@code expires_in}.
	 * @param tokenValue the access token
	 * @return the response
	 */
	public static MockResponse accessTokenWithoutExpiresIn(String tokenValue) {
		return json(200, "{\"access_token\":\"" + tokenValue + "\",\"token_type\":\"Bearer\"}");
	}

	/**
	 * Returns an RFC 6749 error response.
	 * @param code the status code
	 * @param error the {@code error} value
	 * @param description the {@code error_description} value
	 * @return the response
	 */
	public static MockResponse error(int code, String error, String description) {
		return json(code, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
	}

	/**
	 * Returns the response sent only after the given delay, as a slow or hanging eGain
	 * would.
	 * @param response the response
	 * @param delay how long the server waits before sending the headers
	 * @return the delayed response
	 */
	public static MockResponse delayed(MockResponse response, Duration delay) {
		return response.newBuilder().headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS).build();
	}

	public static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code)
			.setHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.body(body)
			.build();
	}

	public static MockResponse html(int code) {
		return new MockResponse.Builder().code(code)
			.setHeader(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_HTML_VALUE)
			.body("<html><body><h1>Maintenance</h1></body></html>")
			.build();
	}

	/**
	 * Returns an HTML page larger than {@code WebClient}'s default in-memory buffer limit
	 * (256 KB), as a proxy in front of eGain might send.
	 * @param code the status code
	 * @return the response
	 */
	public static MockResponse largeHtml(int code) {
		return new MockResponse.Builder().code(code)
			.setHeader(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_HTML_VALUE)
			.body("<html><body>" + "x".repeat(300 * 1024) + "</body></html>")
			.build();
	}

	public static MockResponse empty() {
		return new MockResponse.Builder().code(200)
			.setHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.build();
	}

	/**
	 * Asserts that a token response holds the given Bearer token with the given lifetime
	 * ({@code expiresAt - issuedAt}).
	 * @param response the token response
	 * @param tokenValue the expected access token
	 * @param lifetime the expected lifetime
	 */
	public static void assertBearerToken(OAuth2AccessTokenResponse response, String tokenValue, Duration lifetime) {
		OAuth2AccessToken accessToken = response.getAccessToken();
		assertThat(accessToken.getTokenValue()).isEqualTo(tokenValue);
		assertThat(accessToken.getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.BEARER);
		assertThat(accessToken.getIssuedAt()).isNotNull();
		assertThat(accessToken.getExpiresAt()).isNotNull();
		assertThat(Duration.between(accessToken.getIssuedAt(), accessToken.getExpiresAt())).isEqualTo(lifetime);
	}

}
