package io.lockcron;

import io.lockcron.internal.store.StoreFactory;
import io.lockcron.trigger.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads and steers the cluster through its tables. Works with or without a running node in this
 * process; changes take effect on every node within one poll interval and survive restarts.
 */
public interface SchedulerClient {

    static SchedulerClient create(DataSource dataSource) {
        return create(dataSource, "");
    }

    static SchedulerClient create(DataSource dataSource, String tablePrefix) {
        return StoreFactory.create(dataSource, tablePrefix).client();
    }

    /** A client whose {@link #scheduleOnce} and {@link #triggerNow} join the transaction {@code callers} finds. */
    static SchedulerClient create(DataSource dataSource, String tablePrefix, CallerTransactions callers) {
        return StoreFactory.create(dataSource, tablePrefix).client(callers);
    }

    List<JobInfo> jobs();

    Optional<JobInfo> job(String name);

    /** Jobs matching {@code query}, by name, one page. */
    Page<JobInfo> jobs(JobQuery query);

    /**
     * Actions taken by {@code actor}, each audited in the same transaction as its change;
     * {@code via} (e.g. "from the console") is added to each audit entry's detail.
     */
    JobActions actingAs(String actor, @Nullable String via);

    /**
     * Stops the job firing, on every node, until {@link #resume}. A running fire finishes first:
     * pause, resume, trigger and reschedule never wait for it, they are recorded and applied when
     * it ends ({@link JobActions} says how, and answers which of the two happened).
     *
     * @return false if the job was paused already; true once paused or the pause is pending
     */
    boolean pause(String name);

    /** @return false if the job was not paused; true once resumed or the resume is pending */
    boolean resume(String name);

    /** Pause, resume, trigger and reschedule requests of {@code job} that wait for its running fire to end. */
    List<JobRequest> pendingRequests(String job);

    /** The database's current time: the clock every due decision is made by. */
    Instant now();

    /** Runs the job once as soon as a node can, besides its schedule. */
    void triggerNow(String name, @Nullable String requestedBy);

    default void triggerNow(String name) {
        triggerNow(name, null);
    }

    /**
     * Gives the job a new schedule. It is kept across restarts: nodes starting with the schedule
     * from their code do not overwrite it, until that code's schedule changes.
     */
    void reschedule(String name, Trigger trigger);

    /**
     * Schedules one run of the registered job {@code job} at {@code at}, as its own entry named
     * {@code job:instance}, carrying {@code payload}. Any node that has the job runs it.
     *
     * @return the entry's name
     * @throws InvalidJobException if the payload is longer than 4,000 characters (what the
     *     schema's column holds) or the entry exists already
     */
    String scheduleOnce(String job, String instance, Instant at, @Nullable String payload);

    Page<ExecutionInfo> executions(ExecutionQuery query);

    /** Every attempt at the fire of {@code job} scheduled at {@code fireTime}, in order. */
    List<AttemptInfo> attempts(String job, Instant fireTime);

    /** Attempts that failed since {@code since}, including those a later retry made good. */
    long failedAttempts(Instant since);

    /** The payload the job's row carries (one-shot entries made by scheduleOnce), if any. */
    Optional<String> payload(String job);

    /**
     * The promise audited over {@code [from, to)}: per job (or only {@code job}), the fires its
     * schedule asked for beside the executions recorded, each gap explained or flagged as
     * unexplained, and fires recorded twice. Bounded: a range asking for more than
     * {@link PromiseReport#MAX_EXPECTED_FIRES} expected fires is refused with the fix.
     */
    PromiseReport promise(Instant from, Instant to, @Nullable String job);

    List<NodeInfo> nodes();

    List<FailoverInfo> failovers(int limit);

    /** The latest fencings of hung nodes, newest first. */
    List<FencingInfo> fencings(int limit);

    /** Executions started since {@code since}, counted per minute and outcome, oldest first. */
    List<ExecutionCount> executionCounts(Instant since);

    /** Deletes executions, attempts and failovers that started before {@code before}. */
    int purgeHistory(Instant before);

    /**
     * Notes in {@code audit_event} that {@code actor} did {@code action} (e.g. PAUSE) to
     * {@code job}. The console records each of its actions this way.
     */
    void recordAction(String actor, String action, @Nullable String job, @Nullable String detail);

    /** The latest recorded actions, newest first. */
    List<AuditEvent> auditLog(int limit);
}
