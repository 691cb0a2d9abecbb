package io.lockcron.internal.store;

import io.lockcron.AttemptInfo;
import io.lockcron.AuditEvent;
import io.lockcron.ExecutionCount;
import io.lockcron.ExecutionInfo;
import io.lockcron.ExecutionQuery;
import io.lockcron.FailoverInfo;
import io.lockcron.FencingInfo;
import io.lockcron.JobActions;
import io.lockcron.JobInfo;
import io.lockcron.JobQuery;
import io.lockcron.JobRequest;
import io.lockcron.JobRequest.Action;
import io.lockcron.LockcronException;
import io.lockcron.NodeInfo;
import io.lockcron.Outcome;
import io.lockcron.Page;
import io.lockcron.PromiseReport;
import io.lockcron.SchedulerClient;
import io.lockcron.trigger.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link SchedulerClient} on the tables. No change waits for a running fire ({@link ActionRequests}). */
final class JdbiSchedulerClient implements SchedulerClient {
    private static final int PURGE_BATCH = 500;
    private final Store store;
    private final CallerHandles writes;
    private final ActionRequests requests;

    JdbiSchedulerClient(Store store, CallerHandles writes) {
        this.store = store;
        this.writes = writes;
        this.requests = new ActionRequests(store);
    }

    @Override
    public List<JobInfo> jobs() {
        return infos(null);
    }

    @Override
    public Optional<JobInfo> job(String name) {
        return infos(name).stream().findFirst();
    }

    @Override
    public Page<JobInfo> jobs(JobQuery query) {
        return new JobSearch(store).search(query);
    }

    @Override
    public JobActions actingAs(String actor, @Nullable String via) {
        return new AuditedJobActions(store, actor, via);
    }

    private List<JobInfo> infos(@Nullable String name) {
        return store.jdbi().withHandle(h -> {
            var query = store.query(h, "list-jobs");
            if (name != null) {
                query.define("where", "WHERE j.lock_name = :name").bind("name", name);
            }
            return query.map((rs, ctx) -> info(Rows.job(rs), rs.getString("running_on")))
                    .list();
        });
    }

    static JobInfo info(JobRow row, @Nullable String runningOn) {
        String schedule;
        try {
            schedule = row.trigger().describe();
        } catch (LockcronException e) {
            schedule = "invalid: " + e.getMessage();
        }
        return new JobInfo(
                row.name(),
                row.handlerName(),
                row.status(),
                row.triggerType(),
                row.triggerValue(),
                row.zone(),
                schedule,
                row.misfirePolicy(),
                row.mode(),
                row.maxAttempts(),
                row.nextFireTime(),
                row.dueTime(),
                row.failedAttempts(),
                row.triggerRequestedAt(),
                row.lastFireTime(),
                row.lastFinishedAt(),
                row.lastOutcome(),
                runningOn,
                row.fencingToken(),
                row.scheduleSource().equals("CLIENT"),
                row.definitionVersion(),
                row.updatedAt());
    }

    @Override
    public boolean pause(String name) {
        return requests.act(name, Action.PAUSE, null, null, null).accepted();
    }

    @Override
    public boolean resume(String name) {
        return requests.act(name, Action.RESUME, null, null, null).accepted();
    }

    @Override
    public List<JobRequest> pendingRequests(String job) {
        return store.requests().pending(job);
    }

    @Override
    public Instant now() {
        return store.now();
    }

    @Override
    public void triggerNow(String name, @Nullable String requestedBy) {
        writes.write((st, h) -> {
            ClientWrites.triggerNow(st, h, name, requestedBy);
            return null;
        });
    }

    @Override
    public void reschedule(String name, Trigger trigger) {
        requests.act(name, Action.RESCHEDULE, trigger, null, null);
    }

    @Override
    public String scheduleOnce(String job, String instance, Instant at, @Nullable String payload) {
        return writes.write((st, h) -> ClientWrites.scheduleOnce(st, h, job, instance, at, payload));
    }

    @Override
    public Page<ExecutionInfo> executions(ExecutionQuery query) {
        return store.executions().query(query);
    }

    @Override
    public List<AttemptInfo> attempts(String job, Instant fireTime) {
        return store.attempts().of(job, fireTime);
    }

    @Override
    public long failedAttempts(Instant since) {
        return store.attempts().failedSince(since);
    }

    @Override
    public Optional<String> payload(String job) {
        return store.jdbi()
                .withHandle(h -> store.query(h, "job-payload")
                        .bind("name", job)
                        .mapTo(String.class)
                        .findOne());
    }

    @Override
    public PromiseReport promise(Instant from, Instant to, @Nullable String job) {
        return new PromiseAuditor(store).audit(from, to, job);
    }

    @Override
    public List<NodeInfo> nodes() {
        return store.nodes().all();
    }

    @Override
    public List<FailoverInfo> failovers(int limit) {
        return store.attempts().failovers(limit);
    }

    @Override
    public List<FencingInfo> fencings(int limit) {
        return store.nodes().fencings(limit);
    }

    @Override
    public List<ExecutionCount> executionCounts(Instant since) {
        return store.jdbi()
                .withHandle(h -> store.query(h, "execution-counts")
                        .bind("since", since)
                        .map((rs, ctx) -> new ExecutionCount(
                                Rows.requiredInstant(rs, "bucket"),
                                Outcome.valueOf(rs.getString("outcome")),
                                rs.getLong("n")))
                        .list());
    }

    @Override
    public void recordAction(String actor, String action, @Nullable String job, @Nullable String detail) {
        store.jdbi()
                .useHandle(h -> store.update(h, "insert-audit")
                        .bind("actor", actor)
                        .bind("action", action)
                        .bind("job", job)
                        .bind("detail", detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000))
                        .execute());
    }

    @Override
    public List<AuditEvent> auditLog(int limit) {
        return store.jdbi()
                .withHandle(h -> store.query(h, "list-audit")
                        .bind("limit", limit)
                        .map((rs, ctx) -> new AuditEvent(
                                rs.getLong("id"),
                                Rows.requiredInstant(rs, "at"),
                                rs.getString("actor"),
                                rs.getString("action"),
                                rs.getString("job_name"),
                                rs.getString("detail")))
                        .list());
    }

    @Override
    public int purgeHistory(Instant before) {
        return store.executions().purgeHistory(before, PURGE_BATCH);
    }
}
