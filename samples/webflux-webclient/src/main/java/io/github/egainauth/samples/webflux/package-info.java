/**
 * A WebFlux sample application that calls eGain through the starter's {@code WebClient}s:
 * as an anonymous customer, and on behalf of the logged-in customer.
 */
@NullMarked
package io.github.egainauth.samples.webflux;

import org.jspecify.annotations.NullMarked;
