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

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Applies {@link AutoConfigureEgainStandIn} to a test's application context.
 *
 * @author egain-auth authors
 */
class EgainStandInContextCustomizerFactory implements ContextCustomizerFactory {

	/**
	 * The name of the stand-in's bean.
	 */
	static final String BEAN_NAME = "egainStandIn";

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureEgainStandIn annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureEgainStandIn.class);
		return (annotation != null) ? new Customizer(annotation.tenantId()) : null;
	}

	/**
	 * Starts one stand-in per application context. Equal for equal tenant ids, so
	 * contexts stay cacheable.
	 */
	private record Customizer(String tenantId) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			EgainStandIn standIn = EgainStandIn.builder().tenantId(this.tenantId).start();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("egainStandIn", EgainStandInProperties.of(standIn)));
			context.getBeanFactory().registerSingleton(BEAN_NAME, standIn);
			if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
				registry.registerDisposableBean(BEAN_NAME, standIn::close);
			}
		}

	}

	/**
	 * The properties that point {@code egain.auth} at a stand-in.
	 */
	static final class EgainStandInProperties {

		private EgainStandInProperties() {
		}

		static Map<String, Object> of(EgainStandIn standIn) {
			return Map.of("egain.auth.auth-base-url", standIn.getBaseUrl(), "egain.auth.api-base-url",
					standIn.getBaseUrl(), "egain.auth.tenant-id", standIn.getTenantId());
		}

	}

}
