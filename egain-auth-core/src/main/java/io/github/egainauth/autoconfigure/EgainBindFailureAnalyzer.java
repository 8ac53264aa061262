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

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.autoconfigure.InvalidEgainConfigurationException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports an {@code egain.auth} value that is not one of its choices (a {@code flow} or
 * {@code user-identifier} Boot cannot bind), or that is an unresolved placeholder, the
 * way every other eGain configuration problem is reported: the property, the value, and
 * the values it takes, as they are written in {@code application.yml}. Ordered before
 * Spring Boot's own bind failure analysis, which would list the enum constants instead.
 *
 * @author egain-auth authors
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class EgainBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String FLOWS = Arrays.stream(EgainFlow.values())
		.map(EgainFlow::getValue)
		.collect(Collectors.joining(", "));

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String property = cause.getName().toString();
		Class<?> type = cause.getTarget().getType().resolve();
		if (!property.startsWith("egain.auth.") || type == null) {
			return null;
		}
		if (type != EgainFlow.class && type != EgainAuthProperties.UserIdentifier.class) {
			return null;
		}
		ConfigurationProperty bound = cause.getProperty();
		String text = (bound != null) ? String.valueOf(bound.getValue()) : "";
		Problem unresolved = UnresolvedPlaceholders.find(property, text);
		if (unresolved != null) {
			return analysis(unresolved, cause);
		}
		String value = "'" + text + "'";
		if (type == EgainFlow.class) {
			return analysis(
					new Problem(property, value + " is not an eGain flow", "Set " + property + " to one of " + FLOWS),
					cause);
		}
		return analysis(new Problem(property, value + " is not a user identifier",
				"Set " + property + " to username (recommended by eGain) or user-id"), cause);
	}

	private static FailureAnalysis analysis(Problem problem, BindException cause) {
		return EgainConfigurationFailureAnalyzer.analysis(List.of(problem), cause);
	}

}
