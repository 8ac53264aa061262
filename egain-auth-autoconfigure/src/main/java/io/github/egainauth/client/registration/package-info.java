/**
 * Building Spring Security client registrations for eGain clients.
 */
@NullMarked
package io.github.egainauth.client.registration;

import org.jspecify.annotations.NullMarked;
