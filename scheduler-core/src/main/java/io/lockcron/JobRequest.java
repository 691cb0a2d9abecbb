package io.lockcron;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A pause, resume, trigger or reschedule made while a fire held the job's row, from {@code
 * job_request}: applied, in arrival order, when that fire ends. {@code appliedAt} is null while
 * it is pending.
 */
public record JobRequest(
        long id,
        String job,
        Action action,
        @Nullable String detail,
        @Nullable String requestedBy,
        Instant requestedAt,
        @Nullable Instant appliedAt,
        @Nullable String result) {

    /** What was asked. */
    public enum Action {
        PAUSE,
        RESUME,
        TRIGGER,
        RESCHEDULE
    }
}
