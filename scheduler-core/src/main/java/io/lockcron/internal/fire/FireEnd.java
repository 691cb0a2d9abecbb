package io.lockcron.internal.fire;

import io.lockcron.Outcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** How a claimed fire ended, as its commit recorded it. */
record FireEnd(
        Outcome outcome,
        Instant finished,
        @Nullable Throwable failure,
        @Nullable String error) {}
