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

package io.github.egainauth;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Whom an on-behalf-of token is for: an eGain user named by username or user id, a
 * customer named by email, or, for the {@code token-exchange} flow, the user an identity
 * provider's access token was issued to. Two subjects are equal only when both their kind
 * and value are, so {@code username:77} and {@code userid:77} never share a token.
 * <p>
 * An identity provider's token is a credential: {@link #toString()}, the key tokens are
 * cached under, logs and metrics name it by a SHA-256 digest, never by the token itself.
 *
 * @author egain-auth authors
 */
public final class EgainSubject implements Serializable {

	/**
	 * The name of the authorization-context (and authorize-request) attribute that holds
	 * the {@link EgainSubject} of an on-behalf-of request.
	 */
	public static final String ATTRIBUTE_NAME = EgainSubject.class.getName();

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * How eGain identifies the subject: by username, user id or email.
	 */
	private final Kind kind;

	/**
	 * The username, user id or email itself.
	 */
	private final String value;

	/**
	 * {@code kind:value} ({@code token:digest} for an identity provider's token),
	 * computed once: it is the key tokens are cached under, read on every call.
	 */
	private transient @Nullable String key;

	/**
	 * When an identity provider's token expires, if it says so: read once, on first use.
	 */
	private transient @Nullable Instant expiresAt;

	private transient boolean expiresAtRead;

	private EgainSubject(Kind kind, String value) {
		this.kind = kind;
		this.value = value;
	}

	/**
	 * Returns the eGain user with the given username (eGain's recommended identifier).
	 * @param username the username
	 * @return the subject
	 */
	public static EgainSubject username(String username) {
		Assert.hasText(username, "username cannot be empty");
		return new EgainSubject(Kind.USERNAME, username);
	}

	/**
	 * Returns the eGain user with the given user id.
	 * @param userId the user id
	 * @return the subject
	 */
	public static EgainSubject userId(String userId) {
		Assert.hasText(userId, "userId cannot be empty");
		return new EgainSubject(Kind.USER_ID, userId);
	}

	/**
	 * Returns the eGain customer with the given email address.
	 * @param email the email address
	 * @return the subject
	 */
	public static EgainSubject email(String email) {
		Assert.hasText(email, "email cannot be empty");
		return new EgainSubject(Kind.EMAIL, email);
	}

	/**
	 * Returns the user to whom an identity provider (Okta, Entra ID, Ping, ...) issued
	 * the given access token, for eGain's {@code token-exchange} flow: eGain trades the
	 * token for one of its own for that same user. The token itself never appears in
	 * {@link #toString()}; a digest stands in for it.
	 * @param accessToken the identity provider's access token, usually a JWT
	 * @return the subject
	 */
	public static EgainSubject externalToken(String accessToken) {
		Assert.hasText(accessToken, "accessToken cannot be empty");
		return new EgainSubject(Kind.EXTERNAL_TOKEN, accessToken);
	}

	/**
	 * Returns how this subject is identified.
	 * @return the kind
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * Returns the username, user id or email, or the identity provider's access token
	 * itself, which is a credential: never log it.
	 * @return the value
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Returns when the identity provider's access token of an
	 * {@link #externalToken(String) external-token} subject expires: its JWT {@code exp}
	 * claim, read without verifying the token (eGain verifies it). An eGain token issued
	 * for this subject is not used past this instant.
	 * @return the expiry, or {@code null} for other subjects and for tokens that are not
	 * JWTs or carry no {@code exp}
	 */
	public @Nullable Instant getExpiresAt() {
		if (!this.expiresAtRead) {
			this.expiresAt = (this.kind == Kind.EXTERNAL_TOKEN) ? readExpiry(this.value) : null;
			this.expiresAtRead = true;
		}
		return this.expiresAt;
	}

	private static @Nullable Instant readExpiry(String token) {
		try {
			JWT jwt = JWTParser.parse(token);
			Date expiration = jwt.getJWTClaimsSet().getExpirationTime();
			return (expiration != null) ? expiration.toInstant() : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (!(obj instanceof EgainSubject other)) {
			return false;
		}
		return this.kind == other.kind && this.value.equals(other.value);
	}

	@Override
	public int hashCode() {
		return 31 * this.kind.hashCode() + this.value.hashCode();
	}

	/**
	 * Returns {@code kind:value}, e.g. {@code username:pa} or {@code userid:77}; for an
	 * identity provider's token {@code token:} and the unpadded base64url SHA-256 digest
	 * of the token.
	 */
	@Override
	public String toString() {
		String key = this.key;
		if (key == null) {
			key = this.kind.getPrefix() + ":" + ((this.kind == Kind.EXTERNAL_TOKEN) ? digest(this.value) : this.value);
			this.key = key;
		}
		return key;
	}

	private static String digest(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * The ways eGain identifies the subject of an on-behalf-of token request.
	 */
	public enum Kind {

		/**
		 * An eGain user identified by username ({@code subject_username}).
		 */
		USERNAME("username", "subject_username"),

		/**
		 * An eGain user identified by user id ({@code subject_userid}).
		 */
		USER_ID("userid", "subject_userid"),

		/**
		 * A customer identified by email address ({@code subject_email}).
		 */
		EMAIL("email", "subject_email"),

		/**
		 * The user of an identity provider's access token ({@code subject_token}), for
		 * the {@code token-exchange} flow.
		 */
		EXTERNAL_TOKEN("token", "subject_token");

		private final String prefix;

		private final String parameterName;

		Kind(String prefix, String parameterName) {
			this.prefix = prefix;
			this.parameterName = parameterName;
		}

		/**
		 * Returns the short name used in {@link EgainSubject#toString()}.
		 * @return the prefix, e.g. {@code username}
		 */
		public String getPrefix() {
			return this.prefix;
		}

		/**
		 * Returns the token-request form field that carries a subject of this kind.
		 * @return the parameter name, e.g. {@code subject_username}
		 */
		public String getParameterName() {
			return this.parameterName;
		}

	}

}
