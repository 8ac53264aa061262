/**
 * A servlet sample application that calls eGain through the starter's
 * {@code RestClient}s: on behalf of the logged-in agent or customer, and as the
 * application itself.
 */
@NullMarked
package io.github.egainauth.samples.servlet;

import org.jspecify.annotations.NullMarked;
