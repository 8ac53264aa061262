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

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.egainauth.client.registration.EgainTenantMetadata;

import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads eGain's tenant metadata document with a {@link RestClient}, on the calling
 * thread.
 *
 * @author egain-auth authors
 * @see WebClientEgainTenantMetadataClient
 */
final class RestClientEgainTenantMetadataClient implements EgainTenantMetadataClient {

	private final RestClient restClient;

	private final String uri;

	private final String tenantId;

	/**
	 * Constructs a client of a tenant's metadata document.
	 * @param restClient the rest client of token requests, which never follows redirects
	 * @param apiBaseUrl the API base URL
	 * @param tenantId the tenant id
	 */
	RestClientEgainTenantMetadataClient(RestClient restClient, String apiBaseUrl, String tenantId) {
		this.restClient = restClient;
		this.uri = EgainTenantMetadata.uri(apiBaseUrl, tenantId);
		this.tenantId = tenantId;
	}

	@Override
	public CompletionStage<EgainTenantMetadata> fetch() {
		try {
			return CompletableFuture.completedFuture(read());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private EgainTenantMetadata read() {
		try {
			// @formatter:off
			return this.restClient.get()
				.uri(URI.create(this.uri))
				.accept(MediaType.APPLICATION_JSON)
				.exchange((request, response) -> EgainTenantMetadataResponses.read(this.uri, this.tenantId,
						response.getStatusCode(), readBody(response)));
			// @formatter:on
		}
		catch (RestClientException ex) {
			throw EgainTenantMetadataResponses.unreachable(this.uri, ex);
		}
	}

	private byte[] readBody(ClientHttpResponse response) throws IOException {
		InputStream body = response.getBody();
		byte[] bytes = body.readNBytes(EgainTenantMetadataResponses.MAX_RESPONSE_SIZE + 1);
		if (bytes.length > EgainTenantMetadataResponses.MAX_RESPONSE_SIZE) {
			// Closing the body first abandons the connection rather than reading the
			// rest of it.
			body.close();
			throw EgainTenantMetadataResponses.tooLarge(this.uri, response.getStatusCode());
		}
		return bytes;
	}

}
