/**
 * Values shared by every part of egain-auth: whom a token is for and which eGain flow
 * issues it.
 */
@NullMarked
package io.github.egainauth;

import org.jspecify.annotations.NullMarked;
