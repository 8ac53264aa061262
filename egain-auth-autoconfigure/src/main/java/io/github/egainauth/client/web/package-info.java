/**
 * Request attributes that name the eGain client and subject of an outgoing call, and the
 * origins that may receive eGain tokens.
 */
@NullMarked
package io.github.egainauth.client.web;

import org.jspecify.annotations.NullMarked;
