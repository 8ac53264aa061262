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

import org.apache.commons.logging.Log;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts an {@link EgainStandIn} when an application sets
 * {@code egain.stand-in.enabled=true}, and points {@code egain.auth} at it, so a sample
 * or a local run works with no eGain account. {@code egain.stand-in.port} picks its port
 * (default: a free one). Set {@code egain.stand-in.enabled=false} to use a real tenant.
 * <p>
 * The stand-in is also a bean, {@code egainStandIn}, so the application can tell it what
 * a local run needs, such as an identity provider to
 * {@linkplain EgainStandIn#trustIdentityProvider(String, TestIdentityProvider) trust}.
 * <p>
 * Spring Boot 3's {@code EnvironmentPostProcessor}, which Spring Boot 4 still runs, so
 * that one stand-in serves every Spring Boot line. It is not started while the
 * application is processed ahead of time, only when the processed application runs.
 *
 * @author egain-auth authors
 */
class EgainStandInEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "egainStandIn";

	/**
	 * Set while Spring processes the application ahead of time (e.g. Spring Boot's
	 * {@code process-aot} goal), which prepares the environment but never runs or closes
	 * the application.
	 */
	private static final String AOT_PROCESSING = "spring.aot.processing";

	private final Log logger;

	/**
	 * Logging is not set up yet while the environment is prepared: a deferred log keeps
	 * the stand-in's address for the application's log.
	 * @param logFactory the factory of deferred logs
	 */
	EgainStandInEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(EgainStandInEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("egain.stand-in.enabled", Boolean.class, false)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		if (environment.getProperty(AOT_PROCESSING, Boolean.class, false)) {
			// Nothing of the stand-in is processed ahead of time: it starts when the
			// processed application runs. Started now, it would never be closed, and its
			// server thread would keep the processing JVM from exiting.
			this.logger.info("Not starting the eGain stand-in while the application is processed ahead of time");
			return;
		}
		EgainStandIn standIn = EgainStandIn.builder()
			.tenantId(environment.getProperty("egain.stand-in.tenant-id", EgainStandIn.DEFAULT_TENANT_ID))
			.port(environment.getProperty("egain.stand-in.port", Integer.class, 0))
			.start();
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
					EgainStandInContextCustomizerFactory.EgainStandInProperties.of(standIn)));
		// A bean, unless a test's @AutoConfigureEgainStandIn has made its own one.
		application.addInitializers((context) -> {
			if (!context.getBeanFactory().containsSingleton(EgainStandInContextCustomizerFactory.BEAN_NAME)) {
				context.getBeanFactory().registerSingleton(EgainStandInContextCustomizerFactory.BEAN_NAME, standIn);
			}
		});
		// The stand-in lives as long as the application: it stops when the context
		// closes or fails to start.
		application.addListeners((ApplicationEvent event) -> {
			if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
				standIn.close();
			}
		});
		this.logger.info("Started the eGain stand-in at " + standIn.getBaseUrl() + " for tenant "
				+ standIn.getTenantId() + "; set egain.stand-in.enabled=false to call a real eGain tenant");
	}

}
