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

import java.util.Map;

/**
 * The token-request forms the clients of {@code application.yml} must send, field for
 * field, as eGain's wire rules require.
 *
 * @author egain-auth authors
 */
final class TestEgainClients {

	private TestEgainClients() {
	}

	/**
	 * Returns the form of the {@code agent} client (on behalf of a user).
	 * @param subjectField {@code subject_username} or {@code subject_userid}
	 * @param subject the username or user id
	 * @return the form
	 */
	static Map<String, String> agentForm(String subjectField, String subject) {
		return Map.of("grant_type", "password", "client_id", "agent-client", "client_secret", "agent-secret", "scope",
				"knowledge.portalmgr.onbehalfof.read", subjectField, subject);
	}

	/**
	 * Returns the form of the {@code agent-by-id} client (on behalf of a user, by id).
	 * @param userId the user id
	 * @return the form
	 */
	static Map<String, String> agentByIdForm(String userId) {
		return Map.of("grant_type", "password", "client_id", "agent-by-id-client", "client_secret",
				"agent-by-id-secret", "scope", "knowledge.portalmgr.onbehalfof.read", "subject_userid", userId);
	}

	/**
	 * Returns the form of the {@code customer} client (on behalf of a customer).
	 * @param email the customer's email
	 * @return the form
	 */
	static Map<String, String> customerForm(String email) {
		return Map.of("grant_type", "password", "client_id", "customer-client", "client_secret", "customer-secret",
				"scope", "knowledge.portalmgr.onbehalfof.customer.read", "subject_email", email);
	}

	/**
	 * Returns the form of the {@code app} client (client credentials).
	 * @return the form
	 */
	static Map<String, String> appForm() {
		return Map.of("grant_type", "client_credentials", "client_id", "app-client", "client_secret", "app-secret",
				"scope", "knowledge.portalmgr.read core.aiservices.read");
	}

	/**
	 * Returns the form of the {@code anon} client (anonymous customer), whose scopes
	 * carry the default prefix: the API base URL followed by {@code /auth/}.
	 * @param apiBaseUrl the API base URL
	 * @return the form
	 */
	static Map<String, String> anonForm(String apiBaseUrl) {
		return Map.of("grant_type", "client_credentials", "client_id", "anon-client", "client_secret", "anon-secret",
				"scope", apiBaseUrl + "/auth/knowledge.portalmgr.read " + apiBaseUrl + "/auth/core.aiservices.read");
	}

}
