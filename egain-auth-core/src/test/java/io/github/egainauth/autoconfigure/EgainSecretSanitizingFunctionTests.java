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
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainSecretSanitizingFunction}.
 *
 * @author egain-auth authors
 */
class EgainSecretSanitizingFunctionTests {

	private static final String SECRET = TestEgainProperties.CLIENT_SECRET;

	private static final String OTHER_SECRET = "An0ther-S3cret-4a5b6c";

	private final EgainAuthProperties properties = properties(SECRET, OTHER_SECRET);

	private final EgainSecretSanitizingFunction function = new EgainSecretSanitizingFunction(this.properties);

	@Test
	void constructorWhenPropertiesNullThenException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EgainSecretSanitizingFunction(null))
			.withMessage("properties cannot be null");
	}

	@ParameterizedTest
	@ValueSource(strings = { "egain.auth.clients.x.client-secret", "egain.auth.clients.x.clientSecret", "clientSecret",
			"EGAIN_AUTH_CLIENTS_X_CLIENTSECRET", "EGAIN_AUTH_CLIENTS_X_CLIENT_SECRET", "EGAIN_CLIENT_SECRET" })
	void applyWhenKeyNamesClientSecretThenMasked(String key) {
		assertThat(sanitize(key, "not-a-configured-secret")).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void applyWhenCommandLineContainsSecretThenMasked() {
		assertThat(sanitize("sun.java.command",
				"com.example.App --server.port=8080 --egain.auth.clients.agent.client-secret=" + SECRET))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void applyWhenOtherKeyHoldsSecretThenMasked() {
		assertThat(sanitize("my.copy", SECRET)).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void applyWhenValueContainsSecondClientsSecretThenMasked() {
		assertThat(sanitize("JAVA_TOOL_OPTIONS", "-Dportal.secret=" + OTHER_SECRET + " -Xmx512m"))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void applyWhenEnvironmentVariableContainsSecretThenMasked() {
		SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource("systemEnvironment",
				Map.of("DEPLOY_ARGS", "--secret " + SECRET));
		SanitizableData data = new SanitizableData(source, "DEPLOY_ARGS", "--secret " + SECRET);
		assertThat(this.function.apply(data).getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void applyWhenNonStringValueContainsSecretThenMasked() {
		assertThat(sanitize("my.list", List.of("a", SECRET))).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void applyWhenValueHoldsPartOfSecretThenLeftAlone() {
		String part = SECRET.substring(0, SECRET.length() - 1);
		assertThat(sanitize("my.value", part)).isEqualTo(part);
	}

	@Test
	void applyWhenValueUnrelatedThenLeftAlone() {
		assertThat(sanitize("sun.java.command", "com.example.App --server.port=8080"))
			.isEqualTo("com.example.App --server.port=8080");
		assertThat(sanitize("egain.auth.clients.x.client-id", "agent-assist-id")).isEqualTo("agent-assist-id");
		assertThat(sanitize("server.port", 8080)).isEqualTo(8080);
	}

	@Test
	void applyWhenValueNullThenNull() {
		assertThat(sanitize("my.value", null)).isNull();
	}

	@Test
	void applyWhenSecretVeryShortThenEveryValueContainingItMasked() {
		EgainSecretSanitizingFunction function = new EgainSecretSanitizingFunction(properties("x"));
		assertThat(function.apply(data("java.vendor", "Oracle")).getValue()).isEqualTo("Oracle");
		assertThat(function.apply(data("os.name", "Linux x86")).getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(function.apply(data("my.value", "x")).getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void applyWhenSecretBlankOrMissingThenOnlyKeysMasked() {
		EgainSecretSanitizingFunction function = new EgainSecretSanitizingFunction(properties("", " ", null));
		assertThat(function.apply(data("my.value", "a value with spaces")).getValue()).isEqualTo("a value with spaces");
		assertThat(function.apply(data("egain.auth.clients.a.client-secret", " ")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void applyWhenSecretChangedAfterCreationThenMasksCurrentSecret() {
		String rotated = "R0tated-S3cret-1d2e3f";
		this.properties.getClients().get("client-0").setClientSecret(rotated);
		assertThat(sanitize("my.copy", rotated)).isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(sanitize("my.copy", SECRET)).isEqualTo(SECRET);
	}

	@Test
	void toStringWhenSecretsConfiguredThenContainsNoSecret() {
		assertThat(this.function.toString()).doesNotContain(SECRET, OTHER_SECRET);
	}

	private @Nullable Object sanitize(String key, @Nullable Object value) {
		return this.function.apply(data(key, value)).getValue();
	}

	private static SanitizableData data(String key, @Nullable Object value) {
		return new SanitizableData(new MapPropertySource("test", Map.of()), key, value);
	}

	private static EgainAuthProperties properties(@Nullable String... secrets) {
		EgainAuthProperties properties = new EgainAuthProperties();
		for (int i = 0; i < secrets.length; i++) {
			EgainAuthProperties.Client client = new EgainAuthProperties.Client();
			client.setClientSecret(secrets[i]);
			properties.getClients().put("client-" + i, client);
		}
		return properties;
	}

}
