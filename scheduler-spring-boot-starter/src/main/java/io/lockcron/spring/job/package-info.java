/** Turns {@code @ClusteredJob} methods into lockcron job definitions. */
@NullMarked
package io.lockcron.spring.job;

import org.jspecify.annotations.NullMarked;
