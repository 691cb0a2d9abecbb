package io.lockcron.internal.fire;

import io.lockcron.job.ExecutionMode;
import io.lockcron.job.FireKind;
import io.lockcron.job.JobContext;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** A lease-mode fire: it runs outside any lockcron transaction. */
record LeaseContext(
        String jobName,
        Instant scheduledFireTime,
        FireKind fireKind,
        int attempt,
        long fencingToken,
        String nodeId,
        @Nullable String payloadValue)
        implements JobContext {

    @Override
    public ExecutionMode mode() {
        return ExecutionMode.LEASE;
    }

    @Override
    public Optional<String> payload() {
        return Optional.ofNullable(payloadValue);
    }

    @Override
    public Handle handle() {
        throw outsideTransaction();
    }

    @Override
    public Connection connection() {
        throw outsideTransaction();
    }

    private IllegalStateException outsideTransaction() {
        return new IllegalStateException("Job '" + jobName + "' runs in lease mode, outside any lockcron"
                + " transaction: use your own transaction, and pass fencingToken() and idempotencyKey() to what"
                + " you write to, or switch the job to ExecutionMode.TRANSACTIONAL.");
    }
}
