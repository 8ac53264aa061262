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

package io.github.egainauth.samples.boot3;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.client.EgainRestClients;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The sample's endpoints. Each calls eGain through a ready-made {@link RestClient} of the
 * starter, or an HTTP interface client over one, and answers an {@link EgainCall}.
 *
 * @author egain-auth authors
 */
@RestController
class EgainController {

	private static final String ARTICLES = "/knowledge/portalmgr/v4/articles";

	private final RestClient agent;

	private final RestClient customer;

	private final AiServices aiServices;

	private final EgainAuthorizedClientManager tokens;

	private final String egainApi;

	EgainController(EgainRestClients egain, EgainAuthorizedClientManager tokens,
			@Value("${egain.auth.api-base-url}") String egainApi) {
		// One RestClient per eGain client under egain.auth.clients in application.yml.
		this.agent = egain.client("agent");
		this.customer = egain.client("customer");
		// An HTTP interface client whose calls carry the ai-services client's token.
		this.aiServices = egain.httpService("ai-services", AiServices.class);
		this.tokens = tokens;
		this.egainApi = egainApi;
	}

	/**
	 * Lists the endpoints, with a curl command for each.
	 * @return the index
	 */
	@GetMapping("/")
	Index index() {
		Endpoint articles = new Endpoint("GET /articles", EgainFlow.ON_BEHALF_OF_USER,
				"the logged-in agent; a supervisor may name another user with ?username= or ?userId=",
				"curl -s -u pa:pa-password localhost:8082/articles");
		Endpoint customerArticles = new Endpoint("GET /customer/articles", EgainFlow.ON_BEHALF_OF_CUSTOMER,
				"the logged-in customer; a supervisor may name a customer with ?email=",
				"curl -s -u jane@example.com:jane-password localhost:8082/customer/articles");
		Endpoint search = new Endpoint("GET /search?q=", EgainFlow.CLIENT_CREDENTIALS, "the application",
				"curl -s -u pa:pa-password 'localhost:8082/search?q=password+reset'");
		return new Index("egain-auth sample: Spring Boot 3 servlet + RestClient", this.egainApi,
				List.of(articles, customerArticles, search));
	}

	/**
	 * Knowledge articles on behalf of an eGain user: the logged-in agent, whose login is
	 * their eGain username. A supervisor may name another user; the sample cannot tell
	 * whose user id is whose, so naming a user id takes a supervisor too.
	 * @param user the logged-in user
	 * @param username the eGain username of the user to act as, or {@code null}
	 * @param userId the eGain user id of the user to act as, or {@code null}
	 * @return eGain's answer and whom the call ran as
	 */
	@GetMapping("/articles")
	EgainCall articles(Authentication user, @RequestParam(required = false) @Nullable String username,
			@RequestParam(required = false) @Nullable String userId) {
		EgainSubject requested = (userId != null) ? EgainSubject.userId(userId)
				: (username != null) ? EgainSubject.username(username) : null;
		EgainSubject subject = OnBehalfOf.subject(user, EgainSubject.username(user.getName()), requested);
		// Naming the subject is optional: a call that names none runs as the logged-in
		// user. The sample names it so that it can show it.
		JsonNode articles = this.agent.get()
			.uri(ARTICLES)
			.attributes(EgainRequestAttributes.subject(subject))
			.retrieve()
			.body(JsonNode.class);
		return new EgainCall("agent", EgainFlow.ON_BEHALF_OF_USER.getValue(), subject.toString(), articles,
				this.tokens.getStatistics());
	}

	/**
	 * Knowledge articles on behalf of a customer: the logged-in customer, whose login is
	 * their email address. A supervisor may name a customer.
	 * @param user the logged-in user
	 * @param email the email address of the customer to act as, or {@code null}
	 * @return eGain's answer and whom the call ran as
	 */
	@GetMapping("/customer/articles")
	EgainCall customerArticles(Authentication user, @RequestParam(required = false) @Nullable String email) {
		EgainSubject subject = OnBehalfOf.subject(user, EgainSubject.email(user.getName()),
				(email != null) ? EgainSubject.email(email) : null);
		JsonNode articles = this.customer.get()
			.uri(ARTICLES)
			.attributes(EgainRequestAttributes.subject(subject))
			.retrieve()
			.body(JsonNode.class);
		return new EgainCall("customer", EgainFlow.ON_BEHALF_OF_CUSTOMER.getValue(), subject.toString(), articles,
				this.tokens.getStatistics());
	}

	/**
	 * AI search as the application itself, through the {@link AiServices} HTTP interface:
	 * one token for every caller.
	 * @param q the search query
	 * @return eGain's answer
	 */
	@GetMapping("/search")
	EgainCall search(@RequestParam String q) {
		JsonNode answers = this.aiServices.search(q);
		return new EgainCall("ai-services", EgainFlow.CLIENT_CREDENTIALS.getValue(), null, answers,
				this.tokens.getStatistics());
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
	 * A request naming an empty subject.
	 * @param ex the failure
	 * @return the problem, with status {@code 400}
	 */
	@ExceptionHandler
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/**
	 * An eGain API call that failed even with a fresh token: the caller gets eGain's
	 * status and error code, the log the rest.
	 * @param ex the failure
	 * @return the problem, with eGain's status and error code
	 */
	@ExceptionHandler
	ProblemDetail callFailed(RestClientResponseException ex) {
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
