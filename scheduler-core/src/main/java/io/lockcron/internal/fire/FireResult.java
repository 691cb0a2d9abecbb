package io.lockcron.internal.fire;

import io.lockcron.Outcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** How a try at a job's row ended, and when the job is next worth looking at (database time). */
public sealed interface FireResult {

    /** Another node holds the row: it is running this job. */
    record Busy() implements FireResult {}

    /** The row was free but nothing was due. */
    record NotDue(@Nullable Instant dueAt, Instant dbNow) implements FireResult {}

    /** A fire ran and committed ({@code outcome}), or missed fires were skipped (no outcome). */
    record Done(
            @Nullable Instant dueAt,
            Instant dbNow,
            @Nullable Outcome outcome) implements FireResult {}
}
