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

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * eGain's AI services as an HTTP interface. The starter's {@code EgainRestClients} turns
 * it into a client whose calls carry the token of one eGain client:
 * {@code egain.httpService("ai-services", AiServices.class)}. Spring Security 6 has no
 * {@code @ClientRegistrationId} for HTTP interfaces, so on Spring Boot 3 the client is
 * named when the proxy is created, not on its methods.
 *
 * @author egain-auth authors
 */
@HttpExchange("/core/aiservices/v4")
interface AiServices {

	/**
	 * Searches eGain's AI services.
	 * @param q the search query
	 * @return eGain's answer
	 */
	@GetExchange("/search")
	JsonNode search(@RequestParam("q") String q);

}
