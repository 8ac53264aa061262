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

package io.github.egainauth.readme;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.test.AutoConfigureEgainStandIn;
import io.github.egainauth.test.EgainStandIn;
import io.github.egainauth.test.EgainStandIn.ApiRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's test ("Testing your application"), verbatim. Each test method passes
 * whichever ran before it in the cached application context;
 * {@link ArticlesTestsInEitherOrderTests} runs them in both orders.
 *
 * @author egain-auth authors
 */
@SpringBootTest
@AutoConfigureEgainStandIn
class ArticlesTests {

	@Autowired
	Articles articles;

	@Autowired
	EgainStandIn egain;

	@Test
	void forAgentThenCallsEgainOnBehalfOfTheAgent() {
		this.articles.forAgent("pa");
		assertThat(this.egain.getTokenRequests()).singleElement()
			.satisfies((request) -> assertThat(request.subject()).isEqualTo(EgainSubject.username("pa")));
	}

	@Test
	void forAgentWhenCalledAgainThenReusesTheToken() {
		this.articles.forAgent("pa");
		this.articles.forAgent("pa");
		assertThat(this.egain.getTokenRequests()).hasSize(1);
		assertThat(this.egain.getApiRequests()).hasSize(2).allMatch(ApiRequest::authorized);
	}

}
