/** Actuator health indicator and endpoint, and Micrometer metrics, for a lockcron node. */
@NullMarked
package io.lockcron.spring.actuate;

import org.jspecify.annotations.NullMarked;
