package io.lockcron.internal.fire;

import io.lockcron.job.ExecutionMode;
import io.lockcron.job.FireKind;
import io.lockcron.job.JobContext;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

record FireContext(
        String jobName,
        Instant scheduledFireTime,
        FireKind fireKind,
        int attempt,
        long fencingToken,
        String nodeId,
        @Nullable String payloadValue,
        Handle handle,
        Connection connection)
        implements JobContext {

    @Override
    public ExecutionMode mode() {
        return ExecutionMode.TRANSACTIONAL;
    }

    @Override
    public Optional<String> payload() {
        return Optional.ofNullable(payloadValue);
    }
}
