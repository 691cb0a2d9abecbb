/**
 * For extensions that run their own statements on lockcron's tables, such as
 * {@code scheduler-shedlock}: the JDBI set-up lockcron's own stores use, and how to read a
 * driver's failures. Small on purpose; everything else of the core is {@code io.lockcron.internal}
 * and may change in any release.
 */
@NullMarked
package io.lockcron.spi;

import org.jspecify.annotations.NullMarked;
