package io.lockcron.internal.store;

import io.lockcron.JobStatus;
import io.lockcron.job.JobDefinition;
import io.lockcron.trigger.Trigger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** The {@code lock_cron} table: one row per job, and the lock each fire competes for. */
public final class JobStore {
    private final Store store;

    JobStore(Store store) {
        this.store = store;
    }

    /**
     * A job row this transaction now holds the lock of, with the database time at locking, and
     * whether requests made while a fire held it are waiting ({@link JobRequests}), and whether
     * a fire of it from its next one on has an attempt or an execution on record already ({@code
     * fireOnRecord}: a retry, a takeover, a fire recorded elsewhere, a misfire another node began).
     */
    public record Locked(JobRow row, Instant dbNow, String sessionId, boolean requestsPending, boolean fireOnRecord) {}

    /** A job that may be due, as the poller sees it. */
    public record DueRow(
            String name,
            String handlerName,
            JobStatus status,
            @Nullable Instant dueTime,
            @Nullable Instant requestedAt,
            boolean requestsPending) {

        /** Due by its schedule (not a request or a held lease): a drain of the due list claims it. */
        public boolean scheduled() {
            return status == JobStatus.IDLE
                    && dueTime != null
                    && (requestedAt == null || !requestedAt.isBefore(dueTime));
        }
    }

    /**
     * tryLock: locks the job's row, or returns empty at once if another transaction holds it.
     * Must run inside a transaction on {@code handle}.
     */
    public Optional<Locked> tryLock(Handle handle, String name) {
        return store.query(handle, "lock-job")
                .bind("name", name)
                .map((rs, ctx) -> new Locked(
                        Rows.job(rs),
                        Rows.requiredInstant(rs, "db_now"),
                        rs.getString("session_id"),
                        rs.getBoolean("requests_pending"),
                        rs.getBoolean("fire_on_record")))
                .findOne();
    }

    /**
     * tryLock on whichever scheduled fire is due first and free: empty if none is. Rows of the
     * handlers in {@code foreign} (this node cannot run them) are left alone. Must run inside a
     * transaction on {@code handle}.
     */
    public Optional<Locked> tryLockNextDue(Handle handle, Collection<String> foreign) {
        return tryLockDue(handle, foreign, 1).stream().findFirst();
    }

    /**
     * As {@link #tryLockNextDue}, for up to {@code limit} due fires at once, earliest first: the
     * rows of a batch ({@code FireBatch}).
     */
    public List<Locked> tryLockDue(Handle handle, Collection<String> foreign, int limit) {
        StringBuilder exclude = new StringBuilder();
        int i = 0;
        for (String ignored : foreign) {
            exclude.append(i == 0 ? "AND j.handler_name NOT IN (" : ", ")
                    .append(":f")
                    .append(i++);
        }
        if (i > 0) {
            exclude.append(')');
        }
        var query = store.query(handle, "lock-next-due")
                .define("exclude", exclude.toString())
                .bind("limit", Math.max(1, limit));
        i = 0;
        for (String name : foreign) {
            query.bind("f" + i++, name);
        }
        return query.map((rs, ctx) -> new Locked(
                        Rows.job(rs),
                        Rows.requiredInstant(rs, "db_now"),
                        rs.getString("session_id"),
                        rs.getBoolean("requests_pending"),
                        rs.getBoolean("fire_on_record")))
                .list();
    }

    /**
     * {@code locked} with {@code fireOnRecord} read again, in a statement of its own, for the rows
     * whose claim saw nothing on record: see {@code fires-on-record.sql}. Must run in the
     * transaction that holds their locks.
     */
    public List<Locked> withFiresOnRecordReadAgain(Handle handle, List<Locked> locked) {
        List<String> unseen = locked.stream()
                .filter(l -> !l.fireOnRecord())
                .map(l -> l.row().name())
                .toList();
        if (unseen.isEmpty()) {
            return locked;
        }
        java.util.Set<String> onRecord = java.util.Set.copyOf(store.query(handle, "fires-on-record")
                .bindList("names", unseen)
                .mapTo(String.class)
                .list());
        if (onRecord.isEmpty()) {
            return locked;
        }
        return locked.stream()
                .map(l -> onRecord.contains(l.row().name())
                        ? new Locked(l.row(), l.dbNow(), l.sessionId(), l.requestsPending(), true)
                        : l)
                .toList();
    }

    /** @throws FireRecordMismatchException unless exactly the job's row changed */
    public void updateSchedule(Handle handle, ScheduleUpdate u) {
        int updated = store.update(handle, "update-schedule").bindMethods(u).execute();
        if (updated != 1) {
            throw new FireRecordMismatchException("Job '" + u.name() + "': advancing its schedule changed " + updated
                    + " rows instead of 1 (was the job deleted meanwhile?); the fire's transaction is rolled back.");
        }
    }

    /** Takes the lease of a locked row for {@code token} until {@code until}. */
    public void claimLease(Handle handle, String name, String node, long token, Instant until, Instant now) {
        store.update(handle, "claim-lease")
                .bind("name", name)
                .bind("node", node)
                .bind("token", token)
                .bind("until", until)
                .bind("now", now)
                .execute();
    }

    /** False once the lease is no longer this token's: it expired and was taken over. */
    /**
     * Extends a lease to the database's now plus {@code lease} on {@code handle}, a connection the
     * renewing run holds; false if the token no longer holds it. Each statement gives up after
     * {@code timeoutSeconds}.
     */
    public boolean renewLease(Handle handle, String name, long token, java.time.Duration lease, int timeoutSeconds) {
        Instant now = store.query(handle, "now")
                .setQueryTimeout(timeoutSeconds)
                .mapTo(Instant.class)
                .one();
        return store.update(handle, "renew-lease")
                        .setQueryTimeout(timeoutSeconds)
                        .bind("name", name)
                        .bind("token", token)
                        .bind("until", now.plus(lease))
                        .execute()
                == 1;
    }

    public boolean renewLease(String name, long token, Instant until) {
        return store.jdbi()
                .withHandle(h -> store.update(h, "renew-lease")
                                .bind("name", name)
                                .bind("token", token)
                                .bind("until", until)
                                .execute()
                        == 1);
    }

    /**
     * Ends a lease with the fire's result; false (nothing changed) if the token no longer holds it.
     * A request or a schedule change made since the lease was claimed (as {@code claimed}) is kept.
     */
    public boolean finishLease(Handle handle, ScheduleUpdate u, long token, JobRow claimed) {
        return store.update(handle, "finish-lease")
                        .bindMethods(u)
                        .bind("status", u.status().name())
                        .bind("token", token)
                        .bind("claimedVersion", claimed.definitionVersion())
                        .bind("claimedRequest", claimed.triggerRequestedAt())
                        .execute()
                == 1;
    }

    public void releaseLease(String name, long token) {
        store.jdbi()
                .useHandle(h -> store.update(h, "release-lease")
                        .bind("name", name)
                        .bind("token", token)
                        .execute());
    }

    /** The jobs that may fall due before {@code horizon}: never the idle ones, so polls stay cheap. */
    public List<DueRow> dueCandidates(Handle handle, Instant horizon) {
        return store.query(handle, "due-jobs")
                .bind("horizon", horizon)
                .map((rs, ctx) -> new DueRow(
                        rs.getString("lock_name"),
                        rs.getString("handler_name"),
                        JobStatus.valueOf(rs.getString("status")),
                        Rows.instant(rs, "due_time"),
                        Rows.instant(rs, "trigger_requested_at"),
                        rs.getInt("requests_pending") == 1))
                .list();
    }

    public List<JobRow> all() {
        return store.jdbi()
                .withHandle(h -> store.query(h, "list-jobs")
                        .map((rs, ctx) -> Rows.job(rs))
                        .list());
    }

    public Optional<JobRow> find(String name) {
        return store.jdbi()
                .withHandle(h -> store.query(h, "list-jobs")
                        .define("where", "WHERE j.lock_name = :name")
                        .bind("name", name)
                        .map((rs, ctx) -> Rows.job(rs))
                        .findOne());
    }

    /** Adds the job if no node has yet; false if its row exists. */
    public boolean insert(JobDefinition job, String hash, @Nullable Instant firstFire, Instant now) {
        try {
            return store.jdbi()
                            .withHandle(h -> bindDefinition(store.update(h, "insert-job"), job, hash)
                                    .bind("handler", job.name())
                                    .bind("status", "IDLE")
                                    .bind("payload", (String) null)
                                    .bind("nextFireTime", firstFire)
                                    .bind("now", now)
                                    .execute())
                    == 1;
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return false; // another node registered it a moment ago
            }
            throw e;
        }
    }

    /**
     * Brings a row up to a changed definition, unless it changed since we read {@code oldHash}.
     * With {@code schedule} the trigger and next fire are replaced too. Empty if a fire holds the
     * row just now: try again later.
     */
    public Optional<Boolean> updateDefinition(
            JobDefinition job, String oldHash, String hash, boolean schedule, @Nullable Instant firstFire) {
        return store.jdbi().inTransaction(h -> {
            if (tryLock(h, job.name()).isEmpty()) {
                return Optional.empty(); // a fire holds the row: never make a starting node wait for it
            }
            var update = bindDefinition(store.update(h, "update-definition"), job, hash)
                    .bind("oldHash", oldHash)
                    .define(
                            "schedule",
                            schedule
                                    ? ", trigger_type = :triggerType, trigger_value = :triggerValue, zone_id = :zone,"
                                            + " next_fire_time = :nextFireTime, due_time = :nextFireTime,"
                                            + " failed_attempts = 0, status = CASE WHEN status = 'COMPLETED'"
                                            + " THEN 'IDLE' ELSE status END, schedule_source = 'CODE'"
                                    : "");
            if (schedule) {
                update.bind("nextFireTime", firstFire);
            }
            return Optional.of(update.execute() == 1);
        });
    }

    private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindDefinition(
            T statement, JobDefinition job, String hash) {
        Trigger trigger = job.trigger();
        return statement
                .bind("name", job.name())
                .bind("triggerType", trigger.type().name())
                .bind("triggerValue", trigger.value())
                .bind("zone", trigger.zone().getId())
                .bind("misfirePolicy", job.misfirePolicy().name())
                .bind("mode", job.mode().name())
                .bind("catchUp", job.misfireCatchUpLimit())
                .bind("maxAttempts", job.retry().maxAttempts())
                .bind("backoffMs", job.retry().backoff().toMillis())
                .bind("timeoutMs", job.timeout() == null ? null : job.timeout().toMillis())
                .bind("hash", hash);
    }
}
