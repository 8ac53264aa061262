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

import java.nio.charset.StandardCharsets;

import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.registration.EgainTenantMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Reads eGain's answers to requests for the tenant metadata document, and turns every way
 * such a request can fail into an {@link OAuth2AuthorizationException} whose description
 * names the document's URL and what went wrong.
 *
 * @author egain-auth authors
 */
final class EgainTenantMetadataResponses {

	/**
	 * The most of an answer either client reads: 1 MiB. The document takes a few KiB;
	 * anything longer is no tenant metadata document, and is never buffered whole.
	 */
	static final int MAX_RESPONSE_SIZE = 1024 * 1024;

	private EgainTenantMetadataResponses() {
	}

	/**
	 * Returns the document in a {@code 2xx} answer, or throws the failure an answer
	 * describes.
	 * @param uri the document's URL
	 * @param tenantId the tenant id
	 * @param status the answer's status
	 * @param body the answer's body
	 * @return the document
	 */
	static EgainTenantMetadata read(String uri, String tenantId, HttpStatusCode status, byte[] body) {
		if (!status.is2xxSuccessful()) {
			throw failure("eGain answered " + describe(status) + " instead of the tenant metadata document at " + uri,
					null);
		}
		try {
			return EgainTenantMetadata.parse(uri, tenantId, new String(body, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			throw failure(String.valueOf(ex.getMessage()), ex);
		}
	}

	/**
	 * Returns the failure of a request that got no answer (refused, reset, timed out).
	 * @param uri the document's URL
	 * @param ex why there was no answer
	 * @return the failure
	 */
	static OAuth2AuthorizationException unreachable(String uri, Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String reason = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return failure("could not read eGain's tenant metadata document at " + uri + " (" + reason + ")", ex);
	}

	/**
	 * Returns the failure of an answer too large to be the document.
	 * @param uri the document's URL
	 * @param status the answer's status
	 * @return the failure
	 */
	static OAuth2AuthorizationException tooLarge(String uri, HttpStatusCode status) {
		return failure("eGain answered " + describe(status) + " with a body too large to be the tenant metadata "
				+ "document at " + uri, null);
	}

	private static OAuth2AuthorizationException failure(String description, @Nullable Throwable cause) {
		OAuth2Error error = new OAuth2Error(EgainClientRegistrationRepository.INVALID_TENANT_METADATA_ERROR_CODE,
				description, null);
		return (cause != null) ? new OAuth2AuthorizationException(error, cause)
				: new OAuth2AuthorizationException(error);
	}

	private static String describe(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return "HTTP " + status.value() + ((known != null) ? " " + known.getReasonPhrase() : "");
	}

}
