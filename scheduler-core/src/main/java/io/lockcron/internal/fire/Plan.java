package io.lockcron.internal.fire;

import io.lockcron.job.FireKind;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What a node does with a job row it has locked. */
sealed interface Plan {

    /** Run the fire scheduled at {@code fireTime}; {@code retry} when an earlier attempt failed. */
    record Run(Instant fireTime, FireKind kind, boolean retry) implements Plan {}

    /** Run nothing, but move the schedule (missed fires skipped by policy). */
    record Advance(@Nullable Instant next) implements Plan {}

    /** Nothing to do before {@code dueAt} (null: not until something changes). */
    record NotDue(@Nullable Instant dueAt) implements Plan {}
}
