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

import java.util.Collections;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one client is configured under {@code egain.auth.clients}.
 *
 * @author egain-auth authors
 */
class EgainClientsConfiguredCondition extends SpringBootCondition {

	private static final Bindable<Map<String, EgainAuthProperties.Client>> CLIENTS = Bindable.mapOf(String.class,
			EgainAuthProperties.Client.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("eGain clients configured");
		Map<String, EgainAuthProperties.Client> clients = Binder.get(context.getEnvironment())
			.bind("egain.auth.clients", CLIENTS)
			.orElse(Collections.emptyMap());
		if (!clients.isEmpty()) {
			return ConditionOutcome.match(message.foundExactly("eGain clients " + clients.keySet()));
		}
		return ConditionOutcome.noMatch(message.notAvailable("egain.auth.clients"));
	}

}
