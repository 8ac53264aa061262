/**
 * Auto-configuration of eGain clients from egain.auth properties.
 */
@NullMarked
package io.github.egainauth.autoconfigure;

import org.jspecify.annotations.NullMarked;
