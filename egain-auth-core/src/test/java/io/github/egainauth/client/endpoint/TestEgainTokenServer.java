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

import java.io.IOException;
import java.util.function.Function;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Starts {@code MockWebServer}s that stand in for eGain's token endpoints.
 *
 * @author egain-auth authors
 */
public final class TestEgainTokenServer {

	private TestEgainTokenServer() {
	}

	/**
	 * Starts a server that answers each request with the next enqueued response, and a
	 * request nothing was enqueued for at once with {@code 500}, so a test that sends an
	 * unexpected request fails instead of waiting forever.
	 * @return the started server
	 * @throws IOException if the server cannot start
	 */
	public static MockWebServer start() throws IOException {
		QueueDispatcher dispatcher = new QueueDispatcher();
		dispatcher.setFailFast(new MockResponse.Builder().code(500)
			.setHeader(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_PLAIN_VALUE)
			.body("No response enqueued for this request")
			.build());
		MockWebServer server = new MockWebServer();
		server.setDispatcher(dispatcher);
		server.start();
		return server;
	}

	/**
	 * Returns a dispatcher that answers every request with what the function makes of it,
	 * e.g. a token that names the request's subject.
	 * @param answer the answer to each request
	 * @return the dispatcher
	 */
	public static Dispatcher answering(Function<RecordedRequest, MockResponse> answer) {
		return new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return answer.apply(request);
			}

		};
	}

	/**
	 * Returns the base URL of a server that has been closed, so that connections to it
	 * are refused.
	 * @return the base URL, ending with {@code /}
	 * @throws IOException if the server cannot start
	 */
	public static String closedServerUrl() throws IOException {
		MockWebServer server = new MockWebServer();
		server.start();
		String url = server.url("/").toString();
		server.close();
		return url;
	}

}
