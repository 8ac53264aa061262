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

package io.github.egainauth.samples.webflux;

import java.util.List;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.reactive.EgainWebClients;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The sample's endpoints. Each calls eGain through a ready-made {@link WebClient} of the
 * starter and answers an {@link EgainCall}.
 *
 * @author egain-auth authors
 */
@RestController
class EgainController {

	private static final String ARTICLES = "/knowledge/portalmgr/v4/articles";

	private static final String SEARCH = "/core/aiservices/v4/search?q={q}";

	private final WebClient anonymous;

	private final WebClient customer;

	private final EgainReactiveAuthorizedClientManager tokens;

	private final String egainApi;

	EgainController(EgainWebClients egain, EgainReactiveAuthorizedClientManager tokens,
			@Value("${egain.auth.api-base-url}") String egainApi) {
		// One WebClient per eGain client under egain.auth.clients in application.yml.
		this.anonymous = egain.client("anonymous");
		this.customer = egain.client("customer");
		this.tokens = tokens;
		this.egainApi = egainApi;
	}

	/**
	 * Lists the endpoints, with a curl command for each.
	 * @return the index
	 */
	@GetMapping("/")
	Index index() {
		Endpoint anonymousSearch = new Endpoint("GET /anonymous/search?q=", EgainFlow.ANONYMOUS_CUSTOMER,
				"an anonymous customer; no login needed", "curl -s 'localhost:8081/anonymous/search?q=password+reset'");
		Endpoint customerArticles = new Endpoint("GET /customer/articles", EgainFlow.ON_BEHALF_OF_CUSTOMER,
				"the logged-in customer; a supervisor may name a customer with ?email=",
				"curl -s -u jane@example.com:jane-password localhost:8081/customer/articles");
		return new Index("egain-auth sample: WebFlux + WebClient", this.egainApi,
				List.of(anonymousSearch, customerArticles));
	}

	/**
	 * AI search as an anonymous customer: one token for every visitor, logged in or not.
	 * @param q the search query
	 * @return eGain's answer
	 */
	@GetMapping("/anonymous/search")
	Mono<EgainCall> anonymousSearch(@RequestParam String q) {
		return this.anonymous.get()
			.uri(SEARCH, q)
			.retrieve()
			.bodyToMono(JsonNode.class)
			.map((answers) -> new EgainCall("anonymous", EgainFlow.ANONYMOUS_CUSTOMER.getValue(), null, answers,
					this.tokens.getStatistics()));
	}

	/**
	 * Knowledge articles on behalf of a customer: the logged-in customer, whose login is
	 * their email address. A supervisor may name a customer.
	 * @param user the logged-in user
	 * @param email the email address of the customer to act as, or {@code null}
	 * @return eGain's answer and whom the call ran as
	 */
	@GetMapping("/customer/articles")
	Mono<EgainCall> customerArticles(Authentication user, @RequestParam(required = false) @Nullable String email) {
		EgainSubject subject = OnBehalfOf.subject(user, EgainSubject.email(user.getName()),
				(email != null) ? EgainSubject.email(email) : null);
		// Naming the subject is optional: a call that names none runs as the logged-in
		// user of the reactive security context. The sample names it so that it can
		// show it.
		return this.customer.get()
			.uri(ARTICLES)
			.attributes(EgainRequestAttributes.subject(subject))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.map((articles) -> new EgainCall("customer", EgainFlow.ON_BEHALF_OF_CUSTOMER.getValue(), subject.toString(),
					articles, this.tokens.getStatistics()));
	}

	/**
	 * A request naming an empty subject.
	 * @param ex the failure
	 * @return the problem, with status {@code 400}
	 */
	@ExceptionHandler
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/**
	 * A token eGain would not issue: the caller gets eGain's error code, the log the
	 * rest.
	 * @param ex the failure
	 * @return the problem, with eGain's error code
	 */
	@ExceptionHandler
	ProblemDetail tokenFailed(OAuth2AuthorizationException ex) {
		return EgainProblems.tokenRefused(ex);
	}

	/**
	 * An eGain API call that failed even with a fresh token: the caller gets eGain's
	 * status and error code, the log the rest.
	 * @param ex the failure
	 * @return the problem, with eGain's status and error code
	 */
	@ExceptionHandler
	ProblemDetail callFailed(WebClientResponseException ex) {
		return EgainProblems.callRefused(ex.getStatusCode(), ex.getResponseBodyAsString());
	}

	/**
	 * The sample's index.
	 *
	 * @param sample which sample this is
	 * @param egainApi the eGain API base URL the sample calls
	 * @param endpoints the sample's endpoints
	 */
	record Index(String sample, String egainApi, List<Endpoint> endpoints) {

	}

	/**
	 * One endpoint of the sample.
	 *
	 * @param request the method and path
	 * @param flow the eGain flow it uses
	 * @param runsAs whom its eGain call runs as
	 * @param curl a command that calls it
	 */
	record Endpoint(String request, String flow, String runsAs, String curl) {

		Endpoint(String request, EgainFlow flow, String runsAs, String curl) {
			this(request, flow.getValue(), runsAs, curl);
		}

	}

}
