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
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * An answer far longer than any token response, written only as fast as the client reads
 * it, that counts what it wrote. It is larger than socket buffers can hold (loopback
 * buffers reach tens of MiB), so a client that stops reading and goes away leaves most of
 * it unwritten, while one that reads it all, however it discards it, gets every byte.
 *
 * @author egain-auth authors
 */
final class TestEgainHugeBody implements MockResponseBody {

	/**
	 * The length of the body: 1 GiB.
	 */
	static final long SIZE = 1024L * 1024 * 1024;

	private static final byte[] CHUNK = "x".repeat(8 * 1024).getBytes(StandardCharsets.US_ASCII);

	private final CompletableFuture<Long> written = new CompletableFuture<>();

	/**
	 * Returns a response with this body.
	 * @param code the status code
	 * @return the response
	 */
	MockResponse response(int code) {
		return new MockResponse.Builder().code(code)
			.setHeader(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_HTML_VALUE)
			.body(this)
			.build();
	}

	@Override
	public long getContentLength() {
		return SIZE;
	}

	@Override
	public void writeTo(BufferedSink sink) throws IOException {
		long count = 0;
		try {
			while (count < SIZE) {
				sink.write(CHUNK);
				count += CHUNK.length;
			}
			sink.flush();
		}
		finally {
			this.written.complete(count);
		}
	}

	/**
	 * Waits until writing has stopped, because every byte was written or the client went
	 * away, and returns how many bytes were written.
	 * @return the number of bytes written
	 * @throws Exception if writing does not stop
	 */
	long awaitWritten() throws Exception {
		return this.written.get(60, TimeUnit.SECONDS);
	}

}
