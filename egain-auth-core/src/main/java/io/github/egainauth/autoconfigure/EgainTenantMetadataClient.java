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

import java.util.concurrent.CompletionStage;

import io.github.egainauth.client.registration.EgainTenantMetadata;

/**
 * Reads eGain's tenant metadata document, with the HTTP client of token requests: the
 * blocking stack's on the calling thread, the reactive stack's without blocking.
 *
 * @author egain-auth authors
 * @see RestClientEgainTenantMetadataClient
 * @see WebClientEgainTenantMetadataClient
 */
interface EgainTenantMetadataClient {

	/**
	 * Reads the document.
	 * @return the document, or the failure to read it: an
	 * {@code OAuth2AuthorizationException} whose description names the document's URL
	 */
	CompletionStage<EgainTenantMetadata> fetch();

}
