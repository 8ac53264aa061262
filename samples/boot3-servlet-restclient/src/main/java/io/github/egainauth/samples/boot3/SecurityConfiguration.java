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

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sample's own login: HTTP Basic for curl, a login form for browsers, and three
 * users. The starter does not need any of this; the sample has it so that on-behalf-of
 * calls have a logged-in user to act for, and only for that user (see
 * {@link OnBehalfOf}).
 *
 * @author egain-auth authors
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	// Spring Security 6's HttpSecurity.build() declares Exception; Spring Security 7's
	// does not.
	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> {
			requests.requestMatchers("/", "/error").permitAll();
			requests.requestMatchers("/articles").hasRole("AGENT");
			requests.requestMatchers("/customer/**").hasAnyRole("CUSTOMER", "SUPERVISOR");
			requests.anyRequest().authenticated();
		});
		http.httpBasic(Customizer.withDefaults());
		http.formLogin(Customizer.withDefaults());
		return http.build();
	}

	/**
	 * An agent whose login is also their eGain username, a customer whose login is their
	 * email address (the subjects their calls run as), and a supervisor: an agent who may
	 * also act as other users and customers.
	 * @return the users
	 */
	@Bean
	UserDetailsService users() {
		// {noop}: plain-text passwords, acceptable in a sample only.
		return new InMemoryUserDetailsManager(
				User.withUsername("pa").password("{noop}pa-password").roles("AGENT").build(),
				User.withUsername("sam").password("{noop}sam-password").roles("AGENT", "SUPERVISOR").build(),
				User.withUsername("jane@example.com").password("{noop}jane-password").roles("CUSTOMER").build());
	}

}
