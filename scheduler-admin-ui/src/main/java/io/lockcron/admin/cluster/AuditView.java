package io.lockcron.admin.cluster;

import io.lockcron.AuditEvent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Something a person or script did to the cluster, and when (database time). */
public record AuditView(
        long id,
        Instant at,
        String actor,
        String action,
        @Nullable String job,
        @Nullable String detail) {

    static AuditView of(AuditEvent e) {
        return new AuditView(e.id(), e.at(), e.actor(), e.action(), e.jobName(), e.detail());
    }
}
