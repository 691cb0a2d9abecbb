package io.lockcron.internal.fire;

import io.lockcron.AttemptOutcome;
import io.lockcron.ExecutionInfo;
import io.lockcron.Outcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What follows a committed fire in either mode: the log line and the listeners told. */
final class Finisher {
    private static final Logger log = LoggerFactory.getLogger(Finisher.class);
    private final NodeView node;
    private final Listeners listeners;

    Finisher(NodeView node, Listeners listeners) {
        this.node = node;
        this.listeners = listeners;
    }

    /** How a fire's attempt closes, in the transaction that commits the fire's result. */
    static AttemptOutcome attemptOutcome(@Nullable Throwable failure) {
        return failure == null ? AttemptOutcome.COMMITTED : AttemptOutcome.FAILED;
    }

    /** Logs and tells the listeners, once the fire's result (and its attempt's close) is committed. */
    void finished(Claim claim, FireEnd end) {
        String job = claim.row().name();
        Instant fireTime = claim.run().fireTime();
        int number = claim.attempt().number();
        Throwable failure = end.failure();
        if (failure != null && end.outcome() == Outcome.RETRYING) {
            // One line per retried failure: a flaky job must not bury the log; the trace is at debug.
            log.warn("Job '{}' fire {} attempt {} failed, will retry: {}", job, fireTime, number, failure.toString());
            log.debug("Job '{}' fire {} attempt {} failed", job, fireTime, number, failure);
        } else if (failure != null) {
            log.warn("Job '{}' fire {} attempt {} failed ({})", job, fireTime, number, end.outcome(), failure);
        }
        var execution = new ExecutionInfo(
                0,
                job,
                fireTime,
                claim.run().kind(),
                number,
                node.nodeId(),
                claim.attempt().id(),
                claim.started(),
                end.finished(),
                end.outcome(),
                end.error());
        listeners.each(l -> l.executionFinished(execution));
    }
}
