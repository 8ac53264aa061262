/**
 * Request attributes that name the eGain client and subject of an outgoing call.
 */
@NullMarked
package io.github.egainauth.client.web;

import org.jspecify.annotations.NullMarked;
