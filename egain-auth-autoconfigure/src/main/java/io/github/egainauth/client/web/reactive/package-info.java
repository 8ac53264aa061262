/**
 * Attaching eGain tokens to WebClient calls.
 */
@NullMarked
package io.github.egainauth.client.web.reactive;

import org.jspecify.annotations.NullMarked;
