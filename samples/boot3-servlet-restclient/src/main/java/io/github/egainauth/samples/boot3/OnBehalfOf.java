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

package io.github.egainauth.samples.boot3;

import io.github.egainauth.EgainSubject;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Whom an on-behalf-of call may run as. In eGain's on-behalf-of flows eGain trusts the
 * application's word about who the user is: the token request names a subject and no
 * password, and the token lets its holder act as that subject. So the application must
 * assert only identities it has authenticated. A signed-in user acts as themselves;
 * acting as anyone else takes the {@value #SUPERVISOR} authority.
 *
 * @author egain-auth authors
 */
final class OnBehalfOf {

	/**
	 * The authority that lets a user act as another user.
	 */
	static final String SUPERVISOR = "ROLE_SUPERVISOR";

	private OnBehalfOf() {
	}

	/**
	 * Returns the subject a call runs as: the signed-in user's own, unless the request
	 * names someone else and the user may act as others.
	 * @param user the signed-in user
	 * @param self the user's own subject
	 * @param requested the subject the request names, or {@code null}
	 * @return the subject to run as
	 * @throws AccessDeniedException if the request names someone else and the user is no
	 * supervisor
	 */
	static EgainSubject subject(Authentication user, EgainSubject self, @Nullable EgainSubject requested) {
		if (requested == null || requested.equals(self)) {
			return self;
		}
		if (!AuthorityUtils.authorityListToSet(user.getAuthorities()).contains(SUPERVISOR)) {
			throw new AccessDeniedException("Only a supervisor may act as another user");
		}
		return requested;
	}

}
