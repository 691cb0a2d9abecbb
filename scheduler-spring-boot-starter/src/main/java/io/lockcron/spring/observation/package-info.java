/** Micrometer Observation of fires, where the application has an {@code ObservationRegistry}. */
@NullMarked
package io.lockcron.spring.observation;

import org.jspecify.annotations.NullMarked;
