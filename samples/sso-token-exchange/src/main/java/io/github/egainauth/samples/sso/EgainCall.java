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

import io.github.egainauth.client.EgainTokenStatistics;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the sample answers for an eGain call: who signed in, eGain's response, and how the
 * starter came by its token.
 *
 * @param client the eGain client that made the call, as named under
 * {@code egain.auth.clients}
 * @param flow the client's flow, {@code token-exchange}
 * @param user the signed-in user, as the identity provider names them (their email
 * address)
 * @param egainResponse the body eGain answered
 * @param tokenStatistics the token manager's counts after the call, over all clients
 * since the sample started
 * @author egain-auth authors
 */
record EgainCall(String client, String flow, String user, @Nullable JsonNode egainResponse,
		EgainTokenStatistics tokenStatistics) {

}
