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

package io.github.egainauth.autoconfigure;

import java.net.URI;
import java.util.concurrent.CompletionStage;

import io.github.egainauth.client.registration.EgainTenantMetadata;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Reads eGain's tenant metadata document with a {@link WebClient}, never blocking: the
 * returned stage completes on the HTTP client's thread.
 *
 * @author egain-auth authors
 * @see RestClientEgainTenantMetadataClient
 */
final class WebClientEgainTenantMetadataClient implements EgainTenantMetadataClient {

	private static final byte[] EMPTY = new byte[0];

	private final WebClient webClient;

	private final String uri;

	private final String tenantId;

	/**
	 * Constructs a client of a tenant's metadata document.
	 * @param webClient the web client of token requests, which never follows redirects
	 * @param apiBaseUrl the API base URL
	 * @param tenantId the tenant id
	 */
	WebClientEgainTenantMetadataClient(WebClient webClient, String apiBaseUrl, String tenantId) {
		this.webClient = webClient;
		this.uri = EgainTenantMetadata.uri(apiBaseUrl, tenantId);
		this.tenantId = tenantId;
	}

	@Override
	public CompletionStage<EgainTenantMetadata> fetch() {
		// @formatter:off
		return this.webClient.get()
			.uri(URI.create(this.uri))
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> readBody(response)
				.defaultIfEmpty(EMPTY)
				.map((body) -> EgainTenantMetadataResponses.read(this.uri, this.tenantId, response.statusCode(), body))
				.onErrorMap(DataBufferLimitException.class,
						(ex) -> EgainTenantMetadataResponses.tooLarge(this.uri, response.statusCode())))
			.onErrorMap(WebClientException.class, (ex) -> EgainTenantMetadataResponses.unreachable(this.uri, ex))
			.toFuture();
		// @formatter:on
	}

	private static Mono<byte[]> readBody(ClientResponse response) {
		return DataBufferUtils
			.join(response.bodyToFlux(DataBuffer.class), EgainTenantMetadataResponses.MAX_RESPONSE_SIZE)
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			});
	}

}
