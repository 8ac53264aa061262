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
import io.github.egainauth.client.EgainTokenStatistics;
import org.jspecify.annotations.Nullable;

/**
 * What the sample answers for each eGain call: eGain's response, whom the call ran as,
 * and how the starter came by its token.
 *
 * @param client the eGain client that made the call, as named under
 * {@code egain.auth.clients}
 * @param flow the client's flow, e.g. {@code on-behalf-of-user}
 * @param subject whom the token was for, e.g. {@code username:pa}; {@code null} for the
 * application-level flows
 * @param egainResponse the body eGain answered
 * @param tokenStatistics the token manager's counts after the call: token requests made
 * and calls served from the cache, over all clients since the sample started
 * @author egain-auth authors
 */
record EgainCall(String client, String flow, @Nullable String subject, @Nullable JsonNode egainResponse,
		EgainTokenStatistics tokenStatistics) {

}
