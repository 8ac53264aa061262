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
import io.github.egainauth.client.web.EgainRequestAttributes;
import io.github.egainauth.client.web.client.EgainRestClients;

import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/**
 * The README's service ("Add it to your application"), verbatim.
 *
 * @author egain-auth authors
 */
@Service
class Articles {

	private final RestClient egain;

	Articles(EgainRestClients egainRestClients) {
		this.egain = egainRestClients.client("agent-assist");
	}

	String forAgent(String username) {
		return this.egain.get()
			.uri("/knowledge/portalmgr/v4/articles")
			.attributes(EgainRequestAttributes.subject(EgainSubject.username(username)))
			.retrieve()
			.body(String.class);
	}

}
