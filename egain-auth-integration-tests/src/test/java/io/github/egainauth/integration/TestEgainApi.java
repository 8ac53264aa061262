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

package io.github.egainauth.integration;

import java.util.List;

import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.ApiRequest;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eGain API the applications call, as the {@link EgainStandIn} serves it: every path
 * answers {@code 401} unless called with a token the stand-in issued, and otherwise
 * echoes what the token was issued for.
 *
 * @author egain-auth authors
 */
final class TestEgainApi {

	/**
	 * The API path the applications call.
	 */
	static final String ARTICLES_PATH = "/knowledge/portalmgr/v4/articles";

	private TestEgainApi() {
	}

	/**
	 * Returns what the stand-in's API saw on the call that it has just answered with the
	 * given echo: the call must be the last one it received, and authorized.
	 * @param egain the stand-in
	 * @param echo the body of the API's answer
	 * @return the call
	 */
	static ApiCall seen(EgainStandIn egain, ApiEcho echo) {
		List<ApiRequest> apiRequests = egain.getApiRequests();
		assertThat(apiRequests).isNotEmpty();
		ApiRequest apiRequest = apiRequests.get(apiRequests.size() - 1);
		assertThat(apiRequest.authorized()).isTrue();
		assertThat(echo.method()).isEqualTo(apiRequest.method()).isEqualTo("GET");
		assertThat(echo.path()).isEqualTo(apiRequest.path()).isEqualTo(ARTICLES_PATH);
		assertThat(echo.acceptLanguage()).isEqualTo(apiRequest.acceptLanguage());
		return new ApiCall(apiRequest.token(), echo.clientId(), echo.subject(), echo.acceptLanguage());
	}

	/**
	 * The body of the stand-in API's answer to an authorized call.
	 *
	 * @param path the path called
	 * @param method the HTTP method
	 * @param clientId the client the token was issued to
	 * @param flow the flow the token was issued by, e.g. {@code on-behalf-of-user}
	 * @param subject the subject the token was issued for, e.g. {@code username:pa}, or
	 * {@code null} for an application-level token
	 * @param acceptLanguage the {@code Accept-Language} header
	 */
	record ApiEcho(String path, String method, String clientId, String flow, @Nullable String subject,
			@Nullable String acceptLanguage) {

	}

	/**
	 * What the stand-in's API saw on a call.
	 *
	 * @param token the bearer token
	 * @param clientId the client the token was issued to
	 * @param subject the subject the token was issued for, e.g. {@code username:pa}, or
	 * {@code null} for an application-level token
	 * @param acceptLanguage the {@code Accept-Language} header
	 */
	record ApiCall(@Nullable String token, String clientId, @Nullable String subject, @Nullable String acceptLanguage) {

	}

}
