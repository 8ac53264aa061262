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

package io.github.egainauth.client;

/**
 * Where a manager keeps its tokens, and whether that store is answering.
 *
 * @author egain-auth authors
 * @see EgainTokenStatus#getStoreStatus()
 */
public enum EgainTokenStoreStatus {

	/**
	 * In a store of this instance's own (the bounded in-memory cache, or one the
	 * application defined).
	 */
	LOCAL,

	/**
	 * In a store that all instances share, which answered its latest call.
	 */
	SHARED,

	/**
	 * In a store that all instances share, which failed its latest call: each instance
	 * serves tokens from its own cache and requests the ones it lacks itself, and calls
	 * still succeed.
	 */
	SHARED_UNAVAILABLE

}
