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

/**
 * A Spring Boot 3.5 servlet sample application that calls eGain through the Spring Boot 3
 * starter's {@code RestClient}s and an HTTP interface client: on behalf of the logged-in
 * agent or customer, and as the application itself.
 */
@NullMarked
package io.github.egainauth.samples.boot3;

import org.jspecify.annotations.NullMarked;
