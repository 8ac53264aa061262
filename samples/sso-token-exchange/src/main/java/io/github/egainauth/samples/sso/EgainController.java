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

package io.github.egainauth.samples.sso;

import java.util.Map;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.web.client.EgainRestClients;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The sample's endpoints. {@code /articles} calls eGain for the signed-in user through
 * the starter's {@link RestClient} of the token-exchange client {@code sso-agent}.
 *
 * @author egain-auth authors
 */
@RestController
class EgainController {

	private static final String ARTICLES = "/knowledge/portalmgr/v4/articles";

	private final RestClient ssoAgent;

	private final EgainAuthorizedClientManager tokens;

	EgainController(EgainRestClients egain, EgainAuthorizedClientManager tokens) {
		this.ssoAgent = egain.client("sso-agent");
		this.tokens = tokens;
	}

	/**
	 * Says what the sample does.
	 * @return the index
	 */
	@GetMapping("/")
	Map<String, String> index() {
		return Map.of("sample", "egain-auth sample: OAuth2 login and token exchange", "GET /articles",
				"sign in at the local identity provider, then eGain's knowledge articles for you, "
						+ "by token exchange of your login's access token");
	}

	/**
	 * Knowledge articles for the signed-in user. The call names no subject: the starter
	 * trades the access token of the user's OAuth2 login for an eGain token for the same
	 * user.
	 * @param user the signed-in user
	 * @return eGain's answer and who signed in
	 */
	@GetMapping("/articles")
	EgainCall articles(@AuthenticationPrincipal OidcUser user) {
		JsonNode articles = this.ssoAgent.get().uri(ARTICLES).retrieve().body(JsonNode.class);
		return new EgainCall("sso-agent", EgainFlow.TOKEN_EXCHANGE.getValue(), user.getName(), articles,
				this.tokens.getStatistics());
	}

	/**
	 * A token eGain would not issue, e.g. for a login token it does not trust: the caller
	 * gets eGain's error code, the log the rest.
	 * @param ex the failure
	 * @return the problem, with status {@code 502} and eGain's error code
	 */
	@ExceptionHandler
	ProblemDetail tokenFailed(OAuth2AuthorizationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "eGain did not issue a token");
		problem.setProperty("egainCode", ex.getError().getErrorCode());
		return problem;
	}

	/**
	 * An eGain API call that failed even with a fresh token.
	 * @param ex the failure
	 * @return the problem, with status {@code 502} and eGain's status
	 */
	@ExceptionHandler
	ProblemDetail callFailed(RestClientResponseException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "eGain refused the call");
		problem.setProperty("egainStatus", ex.getStatusCode().value());
		return problem;
	}

}
