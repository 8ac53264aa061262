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

package io.github.egainauth.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts an {@link EgainStandIn} for a Spring test's application context and points
 * {@code egain.auth.auth-base-url}, {@code egain.auth.api-base-url} and
 * {@code egain.auth.tenant-id} at it. The stand-in is a bean, so the test can inject it
 * to see what it received; it stops when the context closes.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureEgainStandIn
 * class ArticlesTests {
 *
 *     &#64;Autowired
 *     EgainStandIn egain;
 *
 * }
 * </pre>
 *
 * @author egain-auth authors
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureEgainStandIn {

	/**
	 * The tenant id the stand-in serves.
	 * @return the tenant id
	 */
	String tenantId() default EgainStandIn.DEFAULT_TENANT_ID;

}
