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

package io.github.egainauth.test;

import io.github.egainauth.autoconfigure.EgainAuthAutoConfiguration;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainReactiveAuthorizedClientManager;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;
import org.springframework.util.ClassUtils;

/**
 * Starts each test method of a test class annotated with
 * {@link AutoConfigureEgainStandIn} afresh, however many test classes share its cached
 * application context and in whatever order they run: the context's stand-in forgets what
 * earlier tests did ({@link EgainStandIn#reset()}) and every token it issued, the
 * starter's registrations forget eGain's tenant metadata document
 * ({@link EgainClientRegistrationRepository#reset()}), and its managers forget their
 * tokens, token requests in flight, statistics and failing clients
 * ({@link EgainAuthorizedClientManager#reset()},
 * {@link EgainReactiveAuthorizedClientManager#reset()}).
 * <p>
 * An application that stores eGain tokens in an {@code egainAuthorizedClientService} bean
 * of its own (e.g. JDBC) keeps them there: its managers are then left alone. A context
 * that is not loaded yet is not loaded for this: once loaded, it starts afresh anyway.
 * <p>
 * It runs after dependency injection, so the context is the one the test uses, and before
 * the {@code BeforeTestMethodEvent} and JUnit's {@code @BeforeEach} methods, so that what
 * they tell the stand-in holds for the test.
 *
 * @author egain-auth authors
 */
class EgainStandInTestExecutionListener extends AbstractTestExecutionListener {

	/**
	 * The order: after {@link DependencyInjectionTestExecutionListener}, before Spring's
	 * test event publishing ({@code 10000}).
	 */
	static final int ORDER = DependencyInjectionTestExecutionListener.ORDER + 100;

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			EgainStandInTestExecutionListener.class.getClassLoader());

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureEgainStandIn.class)
				|| !testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.containsBean(EgainStandInContextCustomizerFactory.BEAN_NAME)) {
			context.getBean(EgainStandInContextCustomizerFactory.BEAN_NAME, EgainStandIn.class).resetForTest();
		}
		context.getBeanProvider(EgainClientRegistrationRepository.class)
			.forEach(EgainClientRegistrationRepository::reset);
		if (context.containsBean(EgainAuthAutoConfiguration.AUTHORIZED_CLIENT_SERVICE_BEAN_NAME)) {
			return;
		}
		context.getBeanProvider(EgainAuthorizedClientManager.class).forEach(EgainAuthorizedClientManager::reset);
		if (REACTOR_PRESENT) {
			ReactiveManagers.reset(context);
		}
	}

	/**
	 * Kept apart so that applications without Reactor never load the reactive manager.
	 */
	private static final class ReactiveManagers {

		static void reset(ApplicationContext context) {
			context.getBeanProvider(EgainReactiveAuthorizedClientManager.class)
				.forEach(EgainReactiveAuthorizedClientManager::reset);
		}

	}

}
