/**
 * An embedded eGain stand-in for tests and samples, and the Spring test support that
 * points {@code egain.auth} at it.
 */
@NullMarked
package io.github.egainauth.test;

import org.jspecify.annotations.NullMarked;
