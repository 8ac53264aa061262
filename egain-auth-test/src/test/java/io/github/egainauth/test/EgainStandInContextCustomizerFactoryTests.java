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

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link EgainStandInContextCustomizerFactory}.
 *
 * @author egain-auth authors
 */
class EgainStandInContextCustomizerFactoryTests {

	private static final String FORM = TestEgainHttp.form("grant_type", "client_credentials", "client_id", "app-client",
			"client_secret", "app-secret", "scope", "knowledge.portalmgr.read");

	private final EgainStandInContextCustomizerFactory factory = new EgainStandInContextCustomizerFactory();

	@Test
	void createContextCustomizerWhenNotAnnotatedThenNull() {
		assertThat(this.factory.createContextCustomizer(NotAnnotated.class, List.of())).isNull();
	}

	@Test
	void createContextCustomizerWhenSuperclassAnnotatedThenCustomizer() {
		assertThat(this.factory.createContextCustomizer(AnnotatedSubclass.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(Annotated.class, List.of()));
	}

	@Test
	void createContextCustomizerWhenSameTenantIdThenEqualSoContextIsCached() {
		ContextCustomizer customizer = this.factory.createContextCustomizer(Annotated.class, List.of());
		ContextCustomizer other = this.factory.createContextCustomizer(OtherAnnotated.class, List.of());
		assertThat(customizer).isEqualTo(other).hasSameHashCodeAs(other);
	}

	@Test
	void createContextCustomizerWhenOtherTenantIdThenNotEqual() {
		assertThat(this.factory.createContextCustomizer(Annotated.class, List.of()))
			.isNotEqualTo(this.factory.createContextCustomizer(CustomTenant.class, List.of()));
	}

	@Test
	void customizeContextWhenTenantIdThenEgainAuthPointsAtStandInBean() {
		GenericApplicationContext context = customizedContext(CustomTenant.class);
		EgainStandIn standIn = context.getBean("egainStandIn", EgainStandIn.class);
		assertThat(standIn.getTenantId()).isEqualTo("TMPCUSTOM1");
		assertThat(context.getEnvironment().getProperty("egain.auth.tenant-id")).isEqualTo("TMPCUSTOM1");
		assertThat(context.getEnvironment().getProperty("egain.auth.auth-base-url")).isEqualTo(standIn.getBaseUrl());
		assertThat(context.getEnvironment().getProperty("egain.auth.api-base-url")).isEqualTo(standIn.getBaseUrl());
		context.close();
	}

	@Test
	void customizeContextWhenContextClosedThenStandInClosed() throws Exception {
		GenericApplicationContext context = customizedContext(Annotated.class);
		EgainStandIn standIn = context.getBean(EgainStandIn.class);
		String tokenUri = standIn.getBaseUrl() + "/system/auth/" + standIn.getTenantId() + "-U/oauth2/token";
		HttpResponse<String> whileOpen = TestEgainHttp.postToken(tokenUri, FORM);
		context.close();
		assertThat(whileOpen.statusCode()).isEqualTo(200);
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> TestEgainHttp.postToken(tokenUri, FORM));
	}

	private GenericApplicationContext customizedContext(Class<?> testClass) {
		ContextCustomizer customizer = this.factory.createContextCustomizer(testClass, List.of());
		assertThat(customizer).isNotNull();
		GenericApplicationContext context = new GenericApplicationContext();
		customizer.customizeContext(context, mock(MergedContextConfiguration.class));
		context.refresh();
		return context;
	}

	static class NotAnnotated {

	}

	@AutoConfigureEgainStandIn
	static class Annotated {

	}

	@AutoConfigureEgainStandIn
	static class OtherAnnotated {

	}

	static class AnnotatedSubclass extends Annotated {

	}

	@AutoConfigureEgainStandIn(tenantId = "TMPCUSTOM1")
	static class CustomTenant {

	}

}
