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

package io.github.egainauth.client.web;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The hosts that may receive eGain access tokens. The token interceptor and filter
 * refuse, before any token is obtained, a request for any other host: a token for eGain's
 * API must never reach a third party, even through a misconfigured base URL or an
 * absolute URL in a call.
 *
 * @author egain-auth authors
 */
public final class EgainAllowedHosts {

	private static final EgainAllowedHosts ANY = new EgainAllowedHosts(null);

	private final @Nullable Set<String> hosts;

	private EgainAllowedHosts(@Nullable Set<String> hosts) {
		this.hosts = hosts;
	}

	/**
	 * Returns an allow-list of the given hosts (case-insensitive).
	 * @param hosts the host names, at least one
	 * @return the allow-list
	 */
	public static EgainAllowedHosts of(Collection<String> hosts) {
		Assert.notEmpty(hosts, "hosts cannot be empty");
		return new EgainAllowedHosts(
				hosts.stream().map((host) -> host.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
	}

	/**
	 * Returns an allow-list that allows every host, for tokens used with a client whose
	 * requests the application fully controls.
	 * @return the allow-list
	 */
	public static EgainAllowedHosts any() {
		return ANY;
	}

	/**
	 * Checks that a request may carry the named client's token.
	 * @param uri the request URI
	 * @param clientName the eGain client whose token the request would carry
	 * @throws IllegalArgumentException if the request's host is not allowed
	 */
	public void check(URI uri, String clientName) {
		if (this.hosts == null) {
			return;
		}
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : null;
		if (host == null || !this.hosts.contains(host)) {
			throw new IllegalArgumentException(
					"Refusing to send the token of eGain client '" + clientName + "' to host '" + host + "': only "
							+ this.hosts.stream().sorted().toList() + " may receive eGain tokens. "
							+ "If this host serves eGain's API, add it to egain.auth.allowed-hosts");
		}
	}

	@Override
	public String toString() {
		return (this.hosts != null) ? "EgainAllowedHosts" + this.hosts.stream().sorted().toList()
				: "EgainAllowedHosts[any]";
	}

}
