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

import java.net.http.HttpResponse;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.test.EgainStandIn.TokenRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutoConfigureEgainStandIn}, used as an application's test would use
 * it.
 *
 * @author egain-auth authors
 */
@SpringBootTest(classes = AutoConfigureEgainStandInTests.EmptyConfiguration.class)
@AutoConfigureEgainStandIn
class AutoConfigureEgainStandInTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private Environment environment;

	@Autowired
	private EgainStandIn egainStandIn;

	@Test
	void environmentWhenAnnotatedThenEgainAuthPointsAtStandIn() {
		assertThat(this.environment.getProperty("egain.auth.auth-base-url")).isEqualTo(this.egainStandIn.getBaseUrl());
		assertThat(this.environment.getProperty("egain.auth.api-base-url")).isEqualTo(this.egainStandIn.getBaseUrl());
		assertThat(this.environment.getProperty("egain.auth.tenant-id")).isEqualTo(EgainStandIn.DEFAULT_TENANT_ID)
			.isEqualTo(this.egainStandIn.getTenantId());
	}

	@Test
	void contextWhenAnnotatedThenStandInIsBeanNamedEgainStandIn() {
		assertThat(this.context.getBean("egainStandIn")).isSameAs(this.egainStandIn);
	}

	@Test
	void standInWhenAnnotatedThenServesTokenRequestsAtConfiguredUrls() throws Exception {
		String tokenUri = this.environment.getProperty("egain.auth.auth-base-url") + "/system/auth/"
				+ this.environment.getProperty("egain.auth.tenant-id") + "-U/oauth2/token";
		HttpResponse<String> response = TestEgainHttp.postToken(tokenUri,
				TestEgainHttp.form("grant_type", "client_credentials", "client_id", "app-client", "client_secret",
						"app-secret", "scope", "knowledge.portalmgr.read"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.egainStandIn.getTokenRequests()).extracting(TokenRequest::flow)
			.containsExactly(EgainFlow.CLIENT_CREDENTIALS);
	}

	@Nested
	@AutoConfigureEgainStandIn(tenantId = "TMPCUSTOM1")
	class CustomTenantIdTests {

		@Autowired
		private Environment environment;

		@Autowired
		private EgainStandIn egainStandIn;

		@Test
		void environmentWhenTenantIdThenEgainAuthPointsAtStandInForThatTenant() {
			assertThat(this.egainStandIn.getTenantId()).isEqualTo("TMPCUSTOM1");
			assertThat(this.environment.getProperty("egain.auth.tenant-id")).isEqualTo("TMPCUSTOM1");
			assertThat(this.environment.getProperty("egain.auth.auth-base-url"))
				.isEqualTo(this.egainStandIn.getBaseUrl());
			assertThat(this.environment.getProperty("egain.auth.api-base-url"))
				.isEqualTo(this.egainStandIn.getBaseUrl());
		}

		@Test
		void standInWhenTenantIdThenServesThatTenantsEndpoints() throws Exception {
			String tokenUri = this.egainStandIn.getBaseUrl() + "/system/auth/TMPCUSTOM1-C/oauth2/token";
			HttpResponse<String> response = TestEgainHttp.postToken(tokenUri,
					TestEgainHttp.form("grant_type", "password", "client_id", "customer-client", "client_secret",
							"customer-secret", "scope", "knowledge.portalmgr.read", "subject_email", "pa@example.com"));
			assertThat(response.statusCode()).isEqualTo(200);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
