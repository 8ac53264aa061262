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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EgainSubject}.
 *
 * @author egain-auth authors
 */
class EgainSubjectTests {

	@Test
	void usernameWhenValueThenUsernameSubject() {
		EgainSubject subject = EgainSubject.username("pa");
		assertThat(subject.getKind()).isEqualTo(EgainSubject.Kind.USERNAME);
		assertThat(subject.getValue()).isEqualTo("pa");
		assertThat(subject).hasToString("username:pa");
	}

	@Test
	void userIdWhenValueThenUserIdSubject() {
		EgainSubject subject = EgainSubject.userId("77");
		assertThat(subject.getKind()).isEqualTo(EgainSubject.Kind.USER_ID);
		assertThat(subject.getValue()).isEqualTo("77");
		assertThat(subject).hasToString("userid:77");
	}

	@Test
	void emailWhenValueThenEmailSubject() {
		EgainSubject subject = EgainSubject.email("pa@example.com");
		assertThat(subject.getKind()).isEqualTo(EgainSubject.Kind.EMAIL);
		assertThat(subject.getValue()).isEqualTo("pa@example.com");
		assertThat(subject).hasToString("email:pa@example.com");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = " ")
	void usernameWhenEmptyThenThrowsIllegalArgumentException(String username) {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainSubject.username(username))
			.withMessage("username cannot be empty");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = " ")
	void userIdWhenEmptyThenThrowsIllegalArgumentException(String userId) {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainSubject.userId(userId))
			.withMessage("userId cannot be empty");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = " ")
	void emailWhenEmptyThenThrowsIllegalArgumentException(String email) {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainSubject.email(email))
			.withMessage("email cannot be empty");
	}

	@Test
	void equalsWhenSameKindAndValueThenEqual() {
		assertThat(EgainSubject.username("pa")).isEqualTo(EgainSubject.username("pa"))
			.hasSameHashCodeAs(EgainSubject.username("pa"));
		assertThat(EgainSubject.userId("77")).isEqualTo(EgainSubject.userId("77"))
			.hasSameHashCodeAs(EgainSubject.userId("77"));
	}

	@Test
	void equalsWhenSameValueButOtherKindThenNotEqual() {
		assertThat(EgainSubject.username("77")).isNotEqualTo(EgainSubject.userId("77"));
		assertThat(EgainSubject.userId("77")).isNotEqualTo(EgainSubject.username("77"));
		assertThat(EgainSubject.username("pa@example.com")).isNotEqualTo(EgainSubject.email("pa@example.com"));
		assertThat(Set.of(EgainSubject.username("77"), EgainSubject.userId("77"))).hasSize(2);
	}

	@Test
	void hashCodeWhenOtherKindOrValueThenDiffers() {
		// Subjects key the token store: ones that differ should spread over its buckets.
		assertThat(EgainSubject.username("x").hashCode()).isNotEqualTo(EgainSubject.userId("x").hashCode());
		assertThat(EgainSubject.username("pa").hashCode()).isNotEqualTo(EgainSubject.username("pb").hashCode());
	}

	@Test
	void equalsWhenSameKindButOtherValueThenNotEqual() {
		assertThat(EgainSubject.username("pa")).isNotEqualTo(EgainSubject.username("PA"))
			.isNotEqualTo(EgainSubject.username("pb"))
			.isNotEqualTo(null)
			.isNotEqualTo("username:pa");
	}

	@Test
	void serializeWhenDeserializedThenEqual() throws Exception {
		EgainSubject subject = EgainSubject.userId("77");
		assertThat(serializeAndDeserialize(subject)).isEqualTo(subject);
	}

	@Test
	void kindWhenAnyThenNamesItsFormFieldAndPrefix() {
		assertThat(EgainSubject.Kind.USERNAME.getParameterName()).isEqualTo("subject_username");
		assertThat(EgainSubject.Kind.USER_ID.getParameterName()).isEqualTo("subject_userid");
		assertThat(EgainSubject.Kind.EMAIL.getParameterName()).isEqualTo("subject_email");
		assertThat(EgainSubject.Kind.USERNAME.getPrefix()).isEqualTo("username");
		assertThat(EgainSubject.Kind.USER_ID.getPrefix()).isEqualTo("userid");
		assertThat(EgainSubject.Kind.EMAIL.getPrefix()).isEqualTo("email");
	}

	@Test
	void attributeNameWhenReadThenClassName() {
		assertThat(EgainSubject.ATTRIBUTE_NAME).isEqualTo("io.github.egainauth.EgainSubject");
	}

	private static Object serializeAndDeserialize(Object object) throws IOException, ClassNotFoundException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(object);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			return in.readObject();
		}
	}

	@Test
	void externalTokenWhenValueThenExternalTokenSubjectNamedByDigest() throws Exception {
		String token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJqYW5lIn0.";
		EgainSubject subject = EgainSubject.externalToken(token);
		assertThat(subject.getKind()).isEqualTo(EgainSubject.Kind.EXTERNAL_TOKEN);
		assertThat(subject.getValue()).isEqualTo(token);
		String digest = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		assertThat(subject).hasToString("token:" + digest);
		assertThat(subject.toString()).doesNotContain(token).doesNotContain("eyJ");
		assertThat(subject.getKind().getParameterName()).isEqualTo("subject_token");
	}

	@Test
	void externalTokenWhenSameTokenThenEqualAndOtherTokenNot() {
		assertThat(EgainSubject.externalToken("idp-token-1")).isEqualTo(EgainSubject.externalToken("idp-token-1"))
			.hasSameHashCodeAs(EgainSubject.externalToken("idp-token-1"))
			.isNotEqualTo(EgainSubject.externalToken("idp-token-2"))
			.isNotEqualTo(EgainSubject.username("idp-token-1"));
		assertThat(EgainSubject.externalToken("idp-token-1").toString())
			.isNotEqualTo(EgainSubject.externalToken("idp-token-2").toString());
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = " ")
	void externalTokenWhenNoTokenThenThrowsIllegalArgumentException(String token) {
		assertThatIllegalArgumentException().isThrownBy(() -> EgainSubject.externalToken(token))
			.withMessage("accessToken cannot be empty");
	}

	@Test
	void getExpiresAtWhenJwtWithExpThenExp() {
		Instant exp = Instant.parse("2030-01-01T10:00:00Z");
		String jwt = new PlainJWT(new JWTClaimsSet.Builder().subject("jane").expirationTime(Date.from(exp)).build())
			.serialize();
		assertThat(EgainSubject.externalToken(jwt).getExpiresAt()).isEqualTo(exp);
	}

	@Test
	void getExpiresAtWhenJwtWithoutExpOrNotJwtOrNotExternalTokenThenNull() {
		String noExp = new PlainJWT(new JWTClaimsSet.Builder().subject("jane").build()).serialize();
		assertThat(EgainSubject.externalToken(noExp).getExpiresAt()).isNull();
		assertThat(EgainSubject.externalToken("opaque-token").getExpiresAt()).isNull();
		assertThat(EgainSubject.username("eyJhbGciOiJub25lIn0.eyJleHAiOjF9.").getExpiresAt()).isNull();
	}

	@Test
	void externalTokenWhenSerializedThenSameSubjectAndExpiry() throws Exception {
		Instant exp = Instant.parse("2030-01-01T10:00:00Z");
		EgainSubject subject = EgainSubject
			.externalToken(new PlainJWT(new JWTClaimsSet.Builder().expirationTime(Date.from(exp)).build()).serialize());
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(subject);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			EgainSubject read = (EgainSubject) in.readObject();
			assertThat(read).isEqualTo(subject).hasToString(subject.toString());
			assertThat(read.getExpiresAt()).isEqualTo(exp);
		}
	}

}
