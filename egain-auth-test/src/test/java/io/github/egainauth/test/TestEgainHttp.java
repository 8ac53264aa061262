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

package io.github.egainauth.test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Raw HTTP for tests of the stand-in: requests are built header by header and form field
 * by form field with the JDK's {@link HttpClient}, so every byte on the wire is the
 * test's choice.
 *
 * @author egain-auth authors
 */
final class TestEgainHttp {

	/**
	 * The only content type eGain's token endpoints take.
	 */
	static final String FORM = "application/x-www-form-urlencoded";

	/**
	 * The headers of a token request that obeys eGain's wire rules.
	 */
	static final String[] TOKEN_HEADERS = { "Content-Type", FORM, "Accept", "application/json" };

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private TestEgainHttp() {
	}

	/**
	 * Sends a {@code POST} with exactly the given headers and body.
	 * @param uri the URI
	 * @param body the body
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	static HttpResponse<String> post(String uri, String body, String... headers)
			throws IOException, InterruptedException {
		return send(request(uri, headers).POST(BodyPublishers.ofString(body)));
	}

	/**
	 * Sends a token request that obeys eGain's wire rules in its method and headers.
	 * @param uri the token endpoint
	 * @param form the form body
	 * @return the response
	 */
	static HttpResponse<String> postToken(String uri, String form) throws IOException, InterruptedException {
		return post(uri, form, TOKEN_HEADERS);
	}

	/**
	 * Sends a {@code GET} with exactly the given headers.
	 * @param uri the URI
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	static HttpResponse<String> get(String uri, String... headers) throws IOException, InterruptedException {
		return send(request(uri, headers).GET());
	}

	/**
	 * Returns a form body, {@code application/x-www-form-urlencoded}, of the given fields
	 * in the given order.
	 * @param namesAndValues field names and values, alternating
	 * @return the form body
	 */
	static String form(String... namesAndValues) {
		List<String> pairs = new ArrayList<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			pairs.add(encode(namesAndValues[i]) + "=" + encode(namesAndValues[i + 1]));
		}
		return String.join("&", pairs);
	}

	/**
	 * Reads a JSON object body.
	 * @param response the response
	 * @return the object's members, in order
	 */
	static Map<String, Object> json(HttpResponse<String> response) {
		try {
			return JSONObjectUtils.parse(response.body());
		}
		catch (ParseException ex) {
			throw new AssertionError("Not a JSON object: " + response.body(), ex);
		}
	}

	private static HttpRequest.Builder request(String uri, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request;
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return client.send(request.build(), BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
