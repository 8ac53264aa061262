/**
 * Authorized-client providers for eGain's grants.
 */
@NullMarked
package io.github.egainauth.client;

import org.jspecify.annotations.NullMarked;
