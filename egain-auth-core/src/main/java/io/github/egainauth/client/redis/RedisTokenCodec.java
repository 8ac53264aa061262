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

package io.github.egainauth.client.redis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.util.Assert;

/**
 * How tokens are laid out in Redis. A token is stored under
 * {@code <prefix>token:<client>:<digest>}, where the digest is the SHA-256 (base64url) of
 * the client's id, token URL and scopes and of the subject's storage name: no raw
 * username or email appears in a key, and two applications whose clients share a name but
 * not their eGain settings never share a key. Its value is the token encrypted with
 * AES-256-GCM under the first encryption key, with the key itself as associated data, so
 * that a value copied to another key does not decrypt; reading tries every key, which
 * lets keys rotate. The lock of a token request is
 * {@code <prefix>lock:<client>:<digest>}.
 *
 * @author egain-auth authors
 */
final class RedisTokenCodec {

	private static final byte VERSION = 1;

	private static final String CIPHER = "AES/GCM/NoPadding";

	private static final int IV_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final int KEY_LENGTH = 32;

	private final String keyPrefix;

	private final List<SecretKey> keys;

	private final SecureRandom random = new SecureRandom();

	/**
	 * Constructs a codec.
	 * @param keyPrefix the prefix of every key
	 * @param encryptionKeys the AES-256 keys, 32 bytes each: the first encrypts, every
	 * one decrypts
	 */
	RedisTokenCodec(String keyPrefix, List<byte[]> encryptionKeys) {
		Assert.notNull(keyPrefix, "keyPrefix cannot be null");
		Assert.notEmpty(encryptionKeys, "encryptionKeys cannot be empty");
		List<SecretKey> keys = new ArrayList<>();
		for (byte[] key : encryptionKeys) {
			Assert.isTrue(key != null && key.length == KEY_LENGTH, "Each encryption key must have 32 bytes");
			keys.add(new SecretKeySpec(key, "AES"));
		}
		this.keyPrefix = keyPrefix;
		this.keys = List.copyOf(keys);
	}

	String tokenKey(ClientRegistration clientRegistration, String principalName) {
		return this.keyPrefix + "token:" + clientRegistration.getRegistrationId() + ":"
				+ digest(clientRegistration, principalName);
	}

	String lockKey(ClientRegistration clientRegistration, String principalName) {
		return this.keyPrefix + "lock:" + clientRegistration.getRegistrationId() + ":"
				+ digest(clientRegistration, principalName);
	}

	private static String digest(ClientRegistration clientRegistration, String principalName) {
		Set<String> scopes = (clientRegistration.getScopes() != null) ? new TreeSet<>(clientRegistration.getScopes())
				: Set.of();
		String identity = String.join("\n", clientRegistration.getClientId(),
				clientRegistration.getProviderDetails().getTokenUri(), String.join(" ", scopes), principalName);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Returns the value that stores a token under a key.
	 * @param key the key it is stored under
	 * @param authorizedClient the authorized client
	 * @param principalName the name it is stored under
	 * @return the encrypted value
	 */
	String encode(String key, OAuth2AuthorizedClient authorizedClient, String principalName) {
		byte[] plain = serialize(authorizedClient, principalName);
		byte[] iv = new byte[IV_LENGTH];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance(CIPHER);
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(0), new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(key.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plain);
			byte[] value = new byte[1 + IV_LENGTH + sealed.length];
			value[0] = VERSION;
			System.arraycopy(iv, 0, value, 1, IV_LENGTH);
			System.arraycopy(sealed, 0, value, 1 + IV_LENGTH, sealed.length);
			return Base64.getEncoder().encodeToString(value);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/**
	 * Returns the token a value stores under a key, if one of the keys decrypts it and it
	 * belongs to the given client and principal.
	 * @param key the key it was read from
	 * @param value the value
	 * @param clientRegistration the client's registration
	 * @param principalName the name it is stored under
	 * @return the authorized client, or {@code null} if the value cannot be read
	 */
	@Nullable OAuth2AuthorizedClient decode(String key, String value, ClientRegistration clientRegistration,
			String principalName) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (bytes.length <= 1 + IV_LENGTH || bytes[0] != VERSION) {
			return null;
		}
		for (SecretKey secretKey : this.keys) {
			byte[] plain = decrypt(secretKey, key, bytes);
			if (plain != null) {
				return deserialize(plain, clientRegistration, principalName);
			}
		}
		return null;
	}

	private static byte @Nullable [] decrypt(SecretKey secretKey, String key, byte[] value) {
		try {
			Cipher cipher = Cipher.getInstance(CIPHER);
			cipher.init(Cipher.DECRYPT_MODE, secretKey, new GCMParameterSpec(TAG_BITS, value, 1, IV_LENGTH));
			cipher.updateAAD(key.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(value, 1 + IV_LENGTH, value.length - 1 - IV_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			// Another key, another Redis key, or tampered with.
			return null;
		}
	}

	private static byte[] serialize(OAuth2AuthorizedClient authorizedClient, String principalName) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			OAuth2AccessToken accessToken = authorizedClient.getAccessToken();
			writeString(out, authorizedClient.getClientRegistration().getRegistrationId());
			writeString(out, principalName);
			writeString(out, accessToken.getTokenValue());
			writeInstant(out, accessToken.getIssuedAt());
			writeInstant(out, accessToken.getExpiresAt());
			out.writeInt(accessToken.getScopes().size());
			for (String scope : accessToken.getScopes()) {
				writeString(out, scope);
			}
			OAuth2RefreshToken refreshToken = authorizedClient.getRefreshToken();
			out.writeBoolean(refreshToken != null);
			if (refreshToken != null) {
				writeString(out, refreshToken.getTokenValue());
				writeInstant(out, refreshToken.getIssuedAt());
				writeInstant(out, refreshToken.getExpiresAt());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static @Nullable OAuth2AuthorizedClient deserialize(byte[] plain, ClientRegistration clientRegistration,
			String principalName) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
			String registrationId = readString(in);
			String storedPrincipalName = readString(in);
			if (!registrationId.equals(clientRegistration.getRegistrationId())
					|| !storedPrincipalName.equals(principalName)) {
				return null;
			}
			String tokenValue = readString(in);
			Instant issuedAt = readInstant(in);
			Instant expiresAt = readInstant(in);
			int scopeCount = in.readInt();
			Set<String> scopes = new LinkedHashSet<>();
			for (int i = 0; i < scopeCount; i++) {
				scopes.add(readString(in));
			}
			OAuth2RefreshToken refreshToken = null;
			if (in.readBoolean()) {
				String refreshTokenValue = readString(in);
				Instant refreshIssuedAt = readInstant(in);
				Instant refreshExpiresAt = readInstant(in);
				refreshToken = new OAuth2RefreshToken(refreshTokenValue, refreshIssuedAt, refreshExpiresAt);
			}
			OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, tokenValue,
					issuedAt, expiresAt, scopes);
			return new OAuth2AuthorizedClient(clientRegistration, principalName, accessToken, refreshToken);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static String readString(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0 || length > in.available()) {
			throw new IOException("Malformed token value");
		}
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	private static void writeInstant(DataOutputStream out, @Nullable Instant instant) throws IOException {
		out.writeBoolean(instant != null);
		if (instant != null) {
			out.writeLong(instant.toEpochMilli());
		}
	}

	private static @Nullable Instant readInstant(DataInputStream in) throws IOException {
		return in.readBoolean() ? Instant.ofEpochMilli(in.readLong()) : null;
	}

}
