package io.lockcron.internal.store;

import io.lockcron.ExecutionInfo;
import io.lockcron.ExecutionQuery;
import io.lockcron.Outcome;
import io.lockcron.Page;
import io.lockcron.job.FireKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/** The {@code job_execution} table: one row per fire, unique on (job, scheduled fire time). */
public final class ExecutionStore {
    private final Store store;

    ExecutionStore(Store store) {
        this.store = store;
    }

    /** Who runs a fire, under which attempt and token, since when. */
    public record Start(
            String job, Instant fireTime, FireKind kind, int attempt, String node, long token, Instant startedAt) {}

    /**
     * Records the start of a fire inside its locked transaction. False when the fire already has a
     * final execution: the idempotency guard held, and the body must not run.
     */
    public boolean start(Handle handle, Start start) {
        if (bind(store.update(handle, "insert-execution"), start)
                        .bind("kind", start.kind().name())
                        .execute()
                == 1) {
            return true;
        }
        // The row exists: a retry (RETRYING), or a lease claim that never finished (RUNNING: a
        // hand-back at shutdown or a lease taken over). This transaction holds the job's lock.
        return bind(store.update(handle, "retry-execution"), start).execute() == 1;
    }

    /**
     * Binds who runs the fire by name, one value at a time: a fire writes its execution once or
     * twice, and JDBI's {@code bindMethods} looks each accessor up reflectively on every statement.
     */
    private static Update bind(Update update, Start start) {
        return update.bind("job", start.job())
                .bind("fireTime", start.fireTime())
                .bind("attempt", start.attempt())
                .bind("node", start.node())
                .bind("token", start.token())
                .bind("startedAt", start.startedAt());
    }

    /**
     * Records the outcome of the execution that attempt {@code token} started.
     *
     * @throws FireRecordMismatchException if that execution is not there, still running, to record
     */
    /** A fire's outcome, written by the attempt whose token it carries. */
    public record Finish(
            String job,
            Instant fireTime,
            long token,
            Outcome outcome,
            Instant finishedAt,
            @Nullable String error) {

        /** The same, with another error text (one that can be stored). */
        public Finish withError(@Nullable String other) {
            return new Finish(job, fireTime, token, outcome, finishedAt, other);
        }
    }

    public void finish(Handle handle, Finish f) {
        int updated = store.update(handle, "finish-execution")
                .bind("job", f.job())
                .bind("fireTime", f.fireTime())
                .bind("token", f.token())
                .bind("outcome", f.outcome().name())
                .bind("finishedAt", f.finishedAt())
                .bind("error", f.error())
                .execute();
        if (updated != 1) {
            throw new FireRecordMismatchException("Job '" + f.job() + "' fire " + f.fireTime() + ": finishing the"
                    + " execution of attempt token " + f.token() + " changed " + updated + " rows instead of 1;"
                    + " another attempt holds the record, so nothing of this one is committed.");
        }
    }

    /**
     * Records a fire whose execution was not started before it ran (its job never touched the
     * fire's transaction): one row, with its outcome, in the transaction that commits the fire.
     *
     * @throws FireRecordMismatchException if the fire has an execution already
     */
    public void record(Handle handle, Start start, Finish f) {
        int inserted = bind(store.update(handle, "insert-finished-execution"), start)
                .bind("kind", start.kind().name())
                .bind("outcome", f.outcome().name())
                .bind("finishedAt", f.finishedAt())
                .bind("error", f.error())
                .execute();
        if (inserted != 1) {
            throw new FireRecordMismatchException("Job '" + f.job() + "' fire " + f.fireTime() + ": an execution of"
                    + " this fire is on record already; nothing of this attempt is committed.");
        }
    }

    /** The execution of a fire as committed or as this transaction sees it: who wrote it last, and its outcome. */
    public record Recorded(long token, Outcome outcome) {}

    public java.util.Optional<Recorded> find(Handle handle, String job, Instant fireTime) {
        return store.query(handle, "find-execution")
                .bind("job", job)
                .bind("fireTime", fireTime)
                .map((rs, ctx) -> new Recorded(rs.getLong("fencing_token"), Outcome.valueOf(rs.getString("outcome"))))
                .findOne();
    }

    public Page<ExecutionInfo> query(ExecutionQuery q) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        filter(conditions, values, "job_name = :job", "job", q.job());
        filter(conditions, values, "node_id = :node", "node", q.node());
        filter(
                conditions,
                values,
                "outcome = :outcome",
                "outcome",
                q.outcome() == null ? null : q.outcome().name());
        filter(conditions, values, "fire_time >= :from", "from", q.from());
        filter(conditions, values, "fire_time < :to", "to", q.to());
        String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
        return store.jdbi().withHandle(h -> {
            long total = store.query(h, "count-executions")
                    .define("where", where)
                    .bindMap(values)
                    .mapTo(Long.class)
                    .one();
            List<ExecutionInfo> items = store.query(h, "list-executions")
                    .define("where", where)
                    .bindMap(values)
                    .bind("limit", q.size())
                    .bind("offset", q.page() * q.size())
                    .map((rs, ctx) -> Rows.execution(rs))
                    .list();
            return new Page<>(items, q.page(), q.size(), total);
        });
    }

    private static void filter(
            List<String> conditions,
            Map<String, Object> values,
            String condition,
            String name,
            @Nullable Object value) {
        if (value != null) {
            conditions.add(condition);
            values.put(name, value);
        }
    }

    /** Deletes rows of {@code table} older than {@code before}, batch by batch. */
    int purge(String table, String timeColumn, Instant before, int batch) {
        int total = 0;
        int deleted;
        do {
            deleted = store.jdbi()
                    .withHandle(h -> store.update(h, "purge")
                            .define("table", table)
                            .define("time_column", timeColumn)
                            .bind("before", before)
                            .bind("batch", batch)
                            .execute());
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    /**
     * Deletes executions, attempts and failover records older than {@code before}, and the
     * one-shot entries (made by {@code scheduleOnce}) that completed before it: without this,
     * every one-shot ever scheduled would stay in {@code lock_cron}.
     */
    public int purgeHistory(Instant before, int batch) {
        int executions = purge("job_execution", "started_at", before, batch);
        purge("fire_attempt", "started_at", before, batch);
        purge("failover_event", "detected_at", before, batch);
        purge("job_request", "applied_at", before, batch); // pending ones (applied_at NULL) stay
        int deleted;
        do {
            deleted = store.jdbi()
                    .withHandle(h -> store.update(h, "purge-one-shots")
                            .bind("before", before)
                            .bind("batch", batch)
                            .execute());
        } while (deleted == batch);
        return executions;
    }
}
