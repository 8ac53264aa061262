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

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Masks eGain client secrets (and the Redis store's encryption keys) in {@code /env} and
 * {@code /configprops}, even when an application chooses to show values there. A value is
 * masked when its key names a client secret
 * ({@code egain.auth.clients.agent.client-secret}, {@code EGAIN_CLIENT_SECRET}, ...), or
 * when it contains the secret of a configured eGain client, whatever its key or property
 * source: the {@code sun.java.command} system property of an application started with
 * {@code --egain.auth.clients.agent.client-secret=...}, {@code JAVA_TOOL_OPTIONS}, or a
 * property that copies the secret.
 * <p>
 * Every configured secret counts, however short: a secret of one character masks every
 * value containing that character. Masking too much is the safe side, and it makes such a
 * secret hard to miss. Blank secrets mask nothing (startup fails on them). A secret that
 * appears only encoded (URL-encoded, Base64, ...) is not recognized.
 * <p>
 * The secrets are read from the bound {@link EgainAuthProperties} each time, never
 * copied, so this function holds nothing that its {@code toString()} or a heap of copies
 * could show.
 *
 * @author egain-auth authors
 */
final class EgainSecretSanitizingFunction implements SanitizingFunction {

	private final EgainAuthProperties properties;

	EgainSecretSanitizingFunction(EgainAuthProperties properties) {
		Assert.notNull(properties, "properties cannot be null");
		this.properties = properties;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		Object value = data.getValue();
		if (value == null) {
			return data;
		}
		return (namesClientSecret(data.getKey()) || containsClientSecret(value.toString())) ? data.withSanitizedValue()
				: data;
	}

	/**
	 * Whether the key is a client secret's, in any of the forms Boot binds:
	 * {@code client-secret}, {@code clientSecret}, {@code CLIENT_SECRET}.
	 * @param key the key
	 * @return whether it names a client secret
	 */
	private static boolean namesClientSecret(String key) {
		String name = key.replace("-", "").replace("_", "").replaceAll("\\[\\d+\\]$", "").toLowerCase(Locale.ROOT);
		return name.endsWith("clientsecret") || name.endsWith("encryptionkey");
	}

	private boolean containsClientSecret(String value) {
		for (EgainAuthProperties.Client client : this.properties.getClients().values()) {
			String secret = client.getClientSecret();
			if (StringUtils.hasText(secret) && value.contains(secret)) {
				return true;
			}
		}
		for (String key : this.properties.getStore().getRedis().getEncryptionKey()) {
			if (StringUtils.hasText(key) && value.contains(key.strip())) {
				return true;
			}
		}
		return false;
	}

}
