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

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.ApiRequest;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SsoTokenExchangeSampleApplication}: a user signs in through the local
 * identity provider over real HTTP, following each redirect of the OIDC login with a
 * cookie-keeping client, and the sample calls eGain for them by token exchange.
 * <p>
 * The tests run the sample's own stand-in ({@code egain.stand-in.enabled=true}, a bean
 * then) on a free port, with the sample's identity provider on another, so they check the
 * sample's own wiring of the stand-in's trust and pass while the sample runs. The
 * stand-in is not reset between tests (its reset would forget that trust): each test
 * signs in a user of its own and looks only at that user's token requests.
 *
 * @author egain-auth authors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "egain.stand-in.enabled=true", "egain.stand-in.port=0", "sample.identity-provider.port=0" })
class SsoTokenExchangeSampleApplicationTests {

	private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private EgainStandIn egain;

	@Autowired
	private LocalIdentityProvider identityProvider;

	@LocalServerPort
	private int port;

	private HttpClient http;

	@BeforeEach
	void setUp() {
		// A browser: keeps cookies, and leaves redirects to the test, which checks each.
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Test
	void articlesWhenSignedInThenEgainCalledForUserByTokenExchange() throws Exception {
		URI articles = signIn("jane@example.com");
		HttpResponse<String> response = get(articles);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode call = JSON.readTree(response.body());
		assertThat(call.get("client").asString()).isEqualTo("sso-agent");
		assertThat(call.get("flow").asString()).isEqualTo("token-exchange");
		assertThat(call.get("user").asString()).isEqualTo("jane@example.com");
		JsonNode egainResponse = call.get("egainResponse");
		assertThat(egainResponse.get("path").asString()).isEqualTo("/knowledge/portalmgr/v4/articles");
		assertThat(egainResponse.get("flow").asString()).isEqualTo("token-exchange");
		assertThat(egainResponse.get("clientId").asString()).isEqualTo("sample-sso");
		assertThat(egainResponse.get("subject").asString()).isEqualTo("email:jane@example.com");
		String loginToken = loginToken("jane@example.com");
		assertThat(tokenRequests(loginToken)).singleElement().satisfies((request) -> {
			assertThat(request.flow()).isEqualTo(EgainFlow.TOKEN_EXCHANGE);
			assertThat(request.subject()).isEqualTo(EgainSubject.email("jane@example.com"));
			assertThat(request.parameters()).isEqualTo(Map.of("grant_type", TOKEN_EXCHANGE, "subject_token", loginToken,
					"subject_token_type", "urn:ietf:params:oauth:token-type:access_token", "registration_id",
					"test-sso", "client_id", "sample-sso", "client_secret", "sample-sso-secret", "scope",
					"knowledge.portalmgr.onbehalfof.read"));
			assertThat(apiRequests(request.accessToken())).singleElement()
				.satisfies((api) -> assertThat(api.authorized()).isTrue());
		});
		assertThat(this.egain.getTokenRequests())
			.filteredOn((request) -> EgainSubject.email("jane@example.com").equals(request.subject()))
			.hasSize(1);
	}

	@Test
	void articlesWhenCalledAgainThenNoSecondTokenRequest() throws Exception {
		URI articles = signIn("john@example.com");
		HttpResponse<String> first = get(articles);
		HttpResponse<String> second = get(articles);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(second.statusCode()).isEqualTo(200);
		JsonNode firstStatistics = JSON.readTree(first.body()).get("tokenStatistics");
		JsonNode secondStatistics = JSON.readTree(second.body()).get("tokenStatistics");
		assertThat(secondStatistics.get("tokenRequests").asLong())
			.isEqualTo(firstStatistics.get("tokenRequests").asLong());
		assertThat(secondStatistics.get("cacheHits").asLong()).isEqualTo(firstStatistics.get("cacheHits").asLong() + 1);
		assertThat(tokenRequests(loginToken("john@example.com"))).singleElement()
			.satisfies((request) -> assertThat(apiRequests(request.accessToken())).hasSize(2)
				.allMatch(ApiRequest::authorized));
	}

	@Test
	void articlesWhenAnonymousThenRedirectedToLoginWithoutEgainTraffic() throws Exception {
		int tokenRequests = this.egain.getTokenRequests().size();
		int apiRequests = this.egain.getApiRequests().size();
		HttpResponse<String> response = get(sample("/articles"));
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(location(response)).isEqualTo(sample("/oauth2/authorization/local-idp"));
		HttpResponse<String> login = get(location(response));
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(location(login).toString()).startsWith(this.identityProvider.getIssuer() + "/authorize?");
		assertThat(this.egain.getTokenRequests()).hasSize(tokenRequests);
		assertThat(this.egain.getApiRequests()).hasSize(apiRequests);
	}

	@Test
	void indexWhenAnonymousThenAnswered() throws Exception {
		HttpResponse<String> response = get(sample("/"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).has("GET /articles")).isTrue();
	}

	@Test
	void authorizeWhenRedirectUriNotOnLoopbackThenRefusedWithoutRedirect() throws Exception {
		HttpResponse<String> response = get(URI.create(this.identityProvider.getIssuer()
				+ "/authorize?response_type=code&client_id=sample-login&scope=openid&state=s"
				+ "&redirect_uri=https%3A%2F%2Fattacker.example%2Fcallback&login_hint=jane%40example.com"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	/**
	 * Signs a user in as a browser would, checking each hop of the OIDC login.
	 * @param user the user's email address
	 * @return where the sample sends the signed-in user: the page first asked for
	 */
	private URI signIn(String user) throws IOException, InterruptedException {
		HttpResponse<String> anonymous = get(sample("/articles"));
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(location(anonymous)).isEqualTo(sample("/oauth2/authorization/local-idp"));

		HttpResponse<String> toIssuer = get(location(anonymous));
		assertThat(toIssuer.statusCode()).isEqualTo(302);
		URI authorize = location(toIssuer);
		assertThat(authorize.toString()).startsWith(this.identityProvider.getIssuer() + "/authorize?");
		Map<String, List<String>> query = UriComponentsBuilder.fromUri(authorize).build(true).getQueryParams();
		assertThat(query.get("response_type")).containsExactly("code");
		assertThat(query.get("client_id")).containsExactly("sample-login");
		assertThat(query).containsKeys("state", "nonce");
		String state = query.get("state").get(0);
		String callback = sample("/login/oauth2/code/local-idp").toString();
		assertThat(query.get("redirect_uri")).singleElement()
			.satisfies((redirectUri) -> assertThat(URLDecoder.decode(redirectUri, StandardCharsets.UTF_8))
				.isEqualTo(callback));

		HttpResponse<String> page = get(authorize);
		assertThat(page.statusCode()).isEqualTo(200);
		String signInLink = authorize.getRawPath() + "?" + authorize.getRawQuery() + "&login_hint="
				+ URLEncoder.encode(user, StandardCharsets.UTF_8);
		assertThat(page.body()).contains("href=\"" + HtmlUtils.htmlEscape(signInLink) + "\"");

		HttpResponse<String> signedIn = get(authorize.resolve(signInLink));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		URI code = location(signedIn);
		assertThat(code.toString()).startsWith(callback + "?code=");
		assertThat(UriComponentsBuilder.fromUri(code).build(true).getQueryParams().get("state")).containsExactly(state);

		HttpResponse<String> back = get(code);
		assertThat(back.statusCode()).isEqualTo(302);
		URI articles = location(back);
		assertThat(articles.getPath()).isEqualTo("/articles");
		assertThat(articles.getPort()).isEqualTo(this.port);
		return articles;
	}

	private String loginToken(String user) {
		return assertThat(this.identityProvider.getIssuedTokens()).filteredOn((token) -> token.user().equals(user))
			.singleElement()
			.actual()
			.accessToken();
	}

	private List<TokenRequest> tokenRequests(String subjectToken) {
		return this.egain.getTokenRequests()
			.stream()
			.filter((request) -> subjectToken.equals(request.parameters().get("subject_token")))
			.toList();
	}

	private List<ApiRequest> apiRequests(String egainToken) {
		return this.egain.getApiRequests().stream().filter((request) -> egainToken.equals(request.token())).toList();
	}

	private URI sample(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static URI location(HttpResponse<String> response) {
		String location = response.headers().firstValue("Location").orElseThrow();
		return response.uri().resolve(location);
	}

}
