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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports invalid {@code egain.auth} properties: the description names each property and
 * what is wrong with it, the action says how to fix it.
 *
 * @author egain-auth authors
 */
class EgainConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidEgainConfigurationException> {

	private static final String NEW_LINE = System.lineSeparator();

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidEgainConfigurationException cause) {
		return analysis(cause.getProblems(), cause);
	}

	/**
	 * Returns the analysis of the given problems: each property and its problem, then
	 * each fix.
	 * @param problems the problems
	 * @param cause the failure being analyzed
	 * @return the analysis
	 */
	static FailureAnalysis analysis(List<InvalidEgainConfigurationException.Problem> problems, Throwable cause) {
		String description = problems.stream()
			.map((problem) -> "    Property: " + problem.property() + NEW_LINE + "    Reason: " + problem.reason())
			.collect(Collectors.joining(NEW_LINE + NEW_LINE,
					"The eGain client configuration is invalid:" + NEW_LINE + NEW_LINE, ""));
		String action = problems.stream()
			.map((problem) -> "    - " + problem.action())
			.collect(Collectors.joining(NEW_LINE, "Update your application's configuration:" + NEW_LINE, ""));
		return new FailureAnalysis(description, action, cause);
	}

}
