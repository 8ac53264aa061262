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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the token requests a {@code MockWebServer} received, for tests that assert what
 * went over the wire.
 *
 * @author egain-auth authors
 */
public final class TestEgainTokenRequests {

	private TestEgainTokenRequests() {
	}

	/**
	 * Asserts the request line and headers every eGain token request has: {@code POST} to
	 * the given path and query, a form body, a JSON answer expected and no
	 * {@code Authorization} header.
	 * @param request the recorded request
	 * @param path the expected encoded path
	 * @param query the expected query, or {@code null} for none
	 */
	public static void assertTokenRequest(RecordedRequest request, String path, @Nullable String query) {
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo(path);
		assertThat(request.getUrl().query()).isEqualTo(query);
		assertThat(request.getHeaders().values(HttpHeaders.CONTENT_TYPE))
			.containsExactly("application/x-www-form-urlencoded");
		assertThat(request.getHeaders().values(HttpHeaders.ACCEPT)).containsExactly("application/json");
		assertThat(request.getHeaders().values(HttpHeaders.AUTHORIZATION)).isEmpty();
	}

	/**
	 * Decodes the request's {@code application/x-www-form-urlencoded} body, in order,
	 * asserting that no field occurs twice.
	 * @param request the recorded request
	 * @return the form fields and their values
	 */
	public static Map<String, String> form(RecordedRequest request) {
		ByteString body = request.getBody();
		assertThat(body).isNotNull();
		Map<String, String> form = new LinkedHashMap<>();
		for (String field : body.utf8().split("&")) {
			int separator = field.indexOf('=');
			assertThat(separator).as("separator in form field '%s'", field).isPositive();
			String name = decode(field.substring(0, separator));
			assertThat(form).as("form fields").doesNotContainKey(name);
			form.put(name, decode(field.substring(separator + 1)));
		}
		return form;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
