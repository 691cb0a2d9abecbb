package io.lockcron;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A change someone made through the client or the console, from {@code audit_event}. */
public record AuditEvent(
        long id,
        Instant at,
        String actor,
        String action,
        @Nullable String jobName,
        @Nullable String detail) {}
