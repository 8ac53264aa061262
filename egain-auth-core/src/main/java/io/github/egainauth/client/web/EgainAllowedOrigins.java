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

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The origins (scheme, host and port) that may receive eGain access tokens. The token
 * interceptor and filter refuse, before any token is obtained, a request for any other
 * origin: a token for eGain's API must never reach a third party, even through a
 * misconfigured base URL or an absolute URL in a call. Whatever the list, a token never
 * travels over plain {@code http://} to a host that is not loopback.
 * <p>
 * Origins compare as browsers compare them: scheme and host ignoring case, a missing port
 * as the scheme's default (443 for https, 80 for http), and IPv6 literals by address, so
 * {@code https://[::1]} and {@code https://[0:0:0:0:0:0:0:1]:443} are the same origin.
 *
 * @author egain-auth authors
 */
public final class EgainAllowedOrigins {

	private static final EgainAllowedOrigins ANY = new EgainAllowedOrigins(null);

	private final @Nullable Set<Origin> origins;

	private EgainAllowedOrigins(@Nullable Set<Origin> origins) {
		this.origins = origins;
	}

	/**
	 * Returns an allow-list of the given origins, each {@code https://host} or
	 * {@code https://host:port}; {@code http://} only for loopback hosts.
	 * @param origins the origins, at least one
	 * @return the allow-list
	 * @throws IllegalArgumentException if an origin is not an http(s) URL with a host, or
	 * has a path, query, fragment or user info, or is plain {@code http://} to a host
	 * that is not loopback
	 */
	public static EgainAllowedOrigins of(Collection<String> origins) {
		Assert.notEmpty(origins, "origins cannot be empty");
		Set<Origin> parsed = new TreeSet<>(Comparator.comparing(Origin::toString));
		for (String origin : origins) {
			parsed.add(Origin.parse(origin));
		}
		return new EgainAllowedOrigins(parsed);
	}

	/**
	 * Returns an allow-list that allows every origin, for tokens used with a client whose
	 * requests the application fully controls. Plain {@code http://} to a host that is
	 * not loopback is still refused.
	 * @return the allow-list
	 */
	public static EgainAllowedOrigins any() {
		return ANY;
	}

	/**
	 * Checks that a request may carry the named client's token. A refusal names the
	 * request's origin, never its path or query, which may hold data.
	 * @param uri the request URI
	 * @param clientName the eGain client whose token the request would carry
	 * @throws IllegalArgumentException if the request's origin is not allowed, or is
	 * plain {@code http://} to a host that is not loopback
	 */
	public void check(URI uri, String clientName) {
		Assert.notNull(uri, "uri cannot be null");
		Assert.hasText(clientName, "clientName cannot be empty");
		Origin origin = Origin.of(uri);
		if (origin != null && origin.isPlainHttpToRemoteHost()) {
			Origin secure = origin.secure();
			throw new IllegalArgumentException("Refusing to send the token of eGain client '" + clientName + "' to "
					+ origin + ": eGain tokens travel over plain http:// only to loopback hosts. Use " + secure
					+ " instead"
					+ (isAllowed(secure) ? "" : ", and add it to egain.auth.allowed-origins if it serves eGain's API"));
		}
		if (!isAllowed(origin)) {
			throw new IllegalArgumentException("Refusing to send the token of eGain client '" + clientName + "' to "
					+ ((origin != null) ? origin : "a URL without scheme and host") + ": only " + this.origins
					+ " may receive eGain tokens. Fix the URL, or, if that origin serves eGain's API, "
					+ "add it to egain.auth.allowed-origins");
		}
	}

	private boolean isAllowed(@Nullable Origin origin) {
		return this.origins == null || (origin != null && this.origins.contains(origin));
	}

	/**
	 * Returns whether a host is {@code localhost} or a literal loopback address (IPv4
	 * {@code 127.0.0.0/8} or IPv6 {@code ::1}, with or without brackets). A host name is
	 * never looked up.
	 * @param host the host
	 * @return whether the host is loopback
	 */
	public static boolean isLoopback(String host) {
		Assert.notNull(host, "host cannot be null");
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if ("localhost".equalsIgnoreCase(bare)) {
			return true;
		}
		// Only literal addresses are checked: a host name is never looked up here.
		// InetAddress would look up whatever it cannot parse (e.g. "cafe", "999.0.0.1"),
		// so IPv4 is matched here and only IPv6 literals, which it never looks up, go to
		// it.
		if (bare.matches("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
			return true;
		}
		InetAddress address = ipv6Literal(bare);
		return address != null && address.isLoopbackAddress();
	}

	private static @Nullable InetAddress ipv6Literal(String bare) {
		if (!bare.matches("(?=.*:)[0-9a-fA-F:][0-9a-fA-F:.]*")) {
			return null;
		}
		try {
			return InetAddress.getByName(bare);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return "EgainAllowedOrigins" + ((this.origins != null) ? this.origins : "[any]");
	}

	/**
	 * An origin: lower-case scheme and host, and the port, the scheme's default if the
	 * URL names none. IPv6 hosts are in brackets, in the form {@link InetAddress} gives.
	 */
	private record Origin(String scheme, String host, int port) {

		static Origin parse(@Nullable String value) {
			Assert.notNull(value, "origin cannot be null");
			URI uri;
			try {
				uri = new URI(value.trim());
			}
			catch (URISyntaxException ex) {
				throw new IllegalArgumentException("'" + value + "' is not a valid URL (" + ex.getReason() + ")");
			}
			Origin origin = of(uri);
			if (origin == null || !(origin.scheme.equals("https") || origin.scheme.equals("http"))) {
				throw new IllegalArgumentException("'" + value + "' is not an http(s) origin");
			}
			if (uri.getRawUserInfo() != null) {
				// The user info may hold a password: it is never repeated.
				throw new IllegalArgumentException("'" + value.trim().replace(uri.getRawUserInfo(), "******")
						+ "' has user info, but an origin is only scheme, host and port");
			}
			if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
				throw new IllegalArgumentException(
						"'" + value + "' has a path, query or fragment, but an origin is only scheme, host and port");
			}
			if (origin.isPlainHttpToRemoteHost()) {
				throw new IllegalArgumentException("'" + value + "' uses plain http:// to a host that is not "
						+ "loopback, which would send tokens unencrypted");
			}
			return origin;
		}

		static @Nullable Origin of(URI uri) {
			if (uri.getScheme() == null || uri.getHost() == null) {
				return null;
			}
			String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
			return new Origin(scheme, host(uri.getHost()), (uri.getPort() != -1) ? uri.getPort() : defaultPort(scheme));
		}

		private static String host(String host) {
			String lowerCase = host.toLowerCase(Locale.ROOT);
			if (!lowerCase.startsWith("[")) {
				return lowerCase;
			}
			InetAddress address = ipv6Literal(lowerCase.substring(1, lowerCase.length() - 1));
			if (address == null) {
				return lowerCase;
			}
			// An IPv4-mapped IPv6 address is the IPv4 address it maps.
			return (address instanceof Inet6Address) ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
		}

		private static int defaultPort(String scheme) {
			return switch (scheme) {
				case "https" -> 443;
				case "http" -> 80;
				default -> -1;
			};
		}

		boolean isPlainHttpToRemoteHost() {
			return this.scheme.equals("http") && !isLoopback(this.host);
		}

		Origin secure() {
			return new Origin("https", this.host, (this.port == 80) ? 443 : this.port);
		}

		@Override
		public String toString() {
			return this.scheme + "://" + this.host
					+ ((this.port == defaultPort(this.scheme) || this.port == -1) ? "" : ":" + this.port);
		}

	}

}
