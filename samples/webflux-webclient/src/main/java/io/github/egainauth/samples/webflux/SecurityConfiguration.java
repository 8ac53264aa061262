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

package io.github.egainauth.samples.webflux;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The sample's own login: HTTP Basic for curl, a login form for browsers, two customers
 * and a supervisor. Anonymous search needs no login. The starter does not need any of
 * this; the sample has it so that on-behalf-of calls have a logged-in customer to act
 * for, and only for that customer (see {@link OnBehalfOf}).
 *
 * @author egain-auth authors
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		http.authorizeExchange((exchanges) -> {
			exchanges.pathMatchers("/", "/anonymous/**").permitAll();
			exchanges.pathMatchers("/customer/**").hasAnyRole("CUSTOMER", "SUPERVISOR");
			exchanges.anyExchange().authenticated();
		});
		http.httpBasic(Customizer.withDefaults());
		http.formLogin(Customizer.withDefaults());
		return http.build();
	}

	/**
	 * Customers whose login is their email address: the subject their calls run as; and a
	 * support supervisor who may also act as any customer.
	 * @return the users
	 */
	@Bean
	MapReactiveUserDetailsService users() {
		// {noop}: plain-text passwords, acceptable in a sample only.
		return new MapReactiveUserDetailsService(
				User.withUsername("jane@example.com").password("{noop}jane-password").roles("CUSTOMER").build(),
				User.withUsername("john@example.com").password("{noop}john-password").roles("CUSTOMER").build(),
				User.withUsername("support@example.com")
					.password("{noop}support-password")
					.roles("CUSTOMER", "SUPERVISOR")
					.build());
	}

}
