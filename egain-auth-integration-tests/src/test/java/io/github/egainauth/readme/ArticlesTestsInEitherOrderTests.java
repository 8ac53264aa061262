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

import java.util.Comparator;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs the README's {@link ArticlesTests} in one application context twice, its methods
 * in name order and then in reverse name order, so each runs both first and after the
 * other.
 *
 * @author egain-auth authors
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ArticlesTestsInEitherOrderTests {

	@Nested
	@Order(1)
	@TestMethodOrder(MethodOrderer.MethodName.class)
	class InNameOrderTests extends ArticlesTests {

	}

	@Nested
	@Order(2)
	@TestMethodOrder(ReverseMethodName.class)
	class InReverseNameOrderTests extends ArticlesTests {

	}

	/**
	 * Runs test methods in the reverse order of their names.
	 */
	static class ReverseMethodName implements MethodOrderer {

		@Override
		public void orderMethods(MethodOrdererContext context) {
			context.getMethodDescriptors()
				.sort(Comparator.<MethodDescriptor, String>comparing((method) -> method.getMethod().getName())
					.reversed());
		}

	}

}
