/**
 * Attaching eGain tokens to RestClient calls.
 */
@NullMarked
package io.github.egainauth.client.web.client;

import org.jspecify.annotations.NullMarked;
