package io.lockcron.internal.fire;

import io.lockcron.job.ExecutionMode;
import io.lockcron.job.FireKind;
import io.lockcron.job.JobContext;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** A transactional fire as its job sees it; the fencing token puts the attempt on record ({@link FireAttempt}). */
record FireContext(
        String jobName,
        Instant scheduledFireTime,
        FireKind fireKind,
        FireAttempt fireAttempt,
        String nodeId,
        @Nullable String payloadValue,
        JobTransaction transaction)
        implements JobContext {

    @Override
    public int attempt() {
        return fireAttempt.number();
    }

    @Override
    public long fencingToken() {
        long token = fireAttempt.record();
        org.slf4j.MDC.put(FireMdc.FENCING_TOKEN, Long.toString(token)); // the job's next log lines carry it
        return token;
    }

    @Override
    public Handle handle() {
        return transaction.handle();
    }

    @Override
    public Connection connection() {
        return transaction.connection();
    }

    @Override
    public ExecutionMode mode() {
        return ExecutionMode.TRANSACTIONAL;
    }

    @Override
    public Optional<String> payload() {
        return Optional.ofNullable(payloadValue);
    }
}
