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

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.egainauth.autoconfigure.InvalidEgainConfigurationException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;

/**
 * Finds the string values of {@link EgainAuthProperties} that still hold a {@code ${...}}
 * placeholder once bound. Spring Boot leaves a placeholder it cannot resolve (e.g.
 * {@code ${EGAIN_CLIENT_SECRET}} with no such environment variable) as literal text,
 * which would otherwise be sent to eGain as a secret, used as a URL, and so on. A
 * placeholder with a default ({@code ${X:default}}) resolves, so it is never found here.
 * Every string value is checked, in nested settings, lists and clients alike.
 *
 * @author egain-auth authors
 */
final class UnresolvedPlaceholders {

	private static final String PLACEHOLDER_PREFIX = "${";

	private UnresolvedPlaceholders() {
	}

	/**
	 * Returns a problem for each value holding an unresolved placeholder. A problem
	 * quotes the placeholder only, never the rest of the value, which may be a secret.
	 * @param path the properties' prefix, e.g. {@code egain.auth}
	 * @param properties the bound properties
	 * @return the problems, by property
	 */
	static List<Problem> find(String path, EgainAuthProperties properties) {
		List<Problem> problems = new ArrayList<>();
		visit(path, properties, problems);
		return problems;
	}

	/**
	 * Returns the problem of one value that holds an unresolved placeholder, such as a
	 * value Boot could not bind for that reason.
	 * @param property the property
	 * @param value its value
	 * @return the problem, or {@code null} if the value holds no placeholder
	 */
	static @Nullable Problem find(String property, String value) {
		List<Problem> problems = new ArrayList<>(1);
		check(property, value, problems);
		return problems.isEmpty() ? null : problems.get(0);
	}

	private static void visit(String path, @Nullable Object value, List<Problem> problems) {
		if (value instanceof CharSequence text) {
			check(path, text.toString(), problems);
		}
		else if (value instanceof List<?> list) {
			for (int index = 0; index < list.size(); index++) {
				visit(path + "[" + index + "]", list.get(index), problems);
			}
		}
		else if (value instanceof Map<?, ?> map) {
			map.forEach((key, entry) -> visit(path + "." + key, entry, problems));
		}
		else if (value != null && isSettings(value)) {
			BeanWrapper settings = new BeanWrapperImpl(value);
			for (PropertyDescriptor property : settings.getPropertyDescriptors()) {
				if (property.getReadMethod() != null && !"class".equals(property.getName())) {
					visit(path + "." + kebabCase(property.getName()), settings.getPropertyValue(property.getName()),
							problems);
				}
			}
		}
	}

	/**
	 * Whether a value is {@link EgainAuthProperties} or one of its nested settings
	 * classes, whose properties are walked too.
	 * @param value the value
	 * @return whether its properties are walked too
	 */
	private static boolean isSettings(Object value) {
		for (Class<?> type = value.getClass(); type != null; type = type.getDeclaringClass()) {
			if (type == EgainAuthProperties.class) {
				return true;
			}
		}
		return false;
	}

	private static void check(String property, String value, List<Problem> problems) {
		int start = value.indexOf(PLACEHOLDER_PREFIX);
		if (start < 0) {
			return;
		}
		for (int next = start; next >= 0; next = value.indexOf(PLACEHOLDER_PREFIX, next + 1)) {
			String name = name(value, next + PLACEHOLDER_PREFIX.length());
			if (!name.isEmpty()) {
				String environmentVariable = name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
				problems.add(new Problem(property, "refers to ${" + name + "}, which is not set",
						"Set the environment variable " + environmentVariable + " or the property " + name));
				return;
			}
		}
		problems.add(new Problem(property, "holds a ${...} placeholder that names nothing",
				"Set " + property + " to a value, or to a placeholder that names an environment variable or property"));
	}

	/**
	 * Returns a placeholder's name: what follows <code>${</code> up to its default or its
	 * end.
	 * @param value the value
	 * @param start the index just after the placeholder's <code>${</code>
	 * @return the name, trimmed; empty if the placeholder names nothing
	 */
	private static String name(String value, int start) {
		int end = start;
		while (end < value.length() && value.charAt(end) != '}' && value.charAt(end) != ':'
				&& !value.startsWith(PLACEHOLDER_PREFIX, end)) {
			end++;
		}
		return value.substring(start, end).trim();
	}

	private static String kebabCase(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}
