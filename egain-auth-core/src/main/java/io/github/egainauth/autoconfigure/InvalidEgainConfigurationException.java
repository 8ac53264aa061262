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

package io.github.egainauth.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.util.Assert;

/**
 * Thrown at startup when the {@code egain.auth} properties are invalid. Each
 * {@link Problem} names the property, what is wrong and how to fix it; none ever quotes a
 * secret.
 *
 * @author egain-auth authors
 * @see EgainConfigurationFailureAnalyzer
 */
class InvalidEgainConfigurationException extends RuntimeException {

	/**
	 * The problems found, at least one.
	 */
	private final List<Problem> problems;

	/**
	 * Constructs an {@code InvalidEgainConfigurationException}.
	 * @param problems the problems found, at least one
	 */
	InvalidEgainConfigurationException(List<Problem> problems) {
		super(describe(problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the problems found.
	 * @return the problems
	 */
	List<Problem> getProblems() {
		return this.problems;
	}

	private static String describe(List<Problem> problems) {
		Assert.notEmpty(problems, "problems cannot be empty");
		return "Invalid eGain configuration: " + problems.stream()
			.map((problem) -> problem.property() + ": " + problem.reason())
			.collect(Collectors.joining("; "));
	}

	/**
	 * A problem with one property.
	 *
	 * @param property the full property path, e.g.
	 * {@code egain.auth.clients.agent-assist.client-id}
	 * @param reason what is wrong
	 * @param action how to fix it
	 */
	public record Problem(String property, String reason, String action) {

	}

}
