/**
 * Grant requests and the token clients that send them to eGain's token endpoints.
 */
@NullMarked
package io.github.egainauth.client.endpoint;

import org.jspecify.annotations.NullMarked;
