package io.lockcron.internal.store;

import io.lockcron.JobRequest;
import io.lockcron.JobRequest.Action;
import io.lockcron.JobStatus;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.TriggerType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The {@code job_request} table: pause, resume, trigger and reschedule requests made while a fire
 * held the job's row. Recording one never touches that row, so it never waits for the fire;
 * applying them needs the row, so it happens where a node holds it anyway — at the fire's end,
 * at the next claim — or where a poll finds it free. Requests apply in arrival order, each on the
 * row as the ones before it left it, by the same {@link RowActions} that apply an action made on a
 * free row at once.
 */
public final class JobRequests {
    private static final int MAX_TEXT = 1000;

    private final Store store;
    private final RowActions actions;
    /** Jobs the node's last poll saw requests of: their running fires apply them at their end. */
    private volatile Set<String> seen = Set.of();

    JobRequests(Store store) {
        this.store = store;
        this.actions = new RowActions(store);
    }

    /** What the node's poll saw pending (one query per poll, none per fire). */
    public void seen(Set<String> jobs) {
        seen = Set.copyOf(jobs);
    }

    /**
     * Whether the node's last poll saw requests of {@code job}: its fire then applies them in its
     * own final transaction. False costs a fire nothing; a request the poll has not seen yet is
     * applied by the next poll or claim.
     */
    public boolean seenPending(String job) {
        return seen.contains(job);
    }

    /** One pending request, as recorded. */
    private record Pending(
            long id,
            Action action,
            @Nullable Trigger trigger,
            @Nullable String by,
            boolean audited,
            @Nullable String via,
            Instant requestedAt) {}

    /** Records a request for {@code job} on {@code h}; it is applied later, by whoever holds the row then. */
    void record(
            Handle h,
            String job,
            Action action,
            @Nullable Trigger trigger,
            @Nullable String by,
            boolean audited,
            @Nullable String via) {
        store.update(h, "insert-request")
                .bind("job", job)
                .bind("action", action.name())
                .bind("triggerType", trigger == null ? null : trigger.type().name())
                .bind("triggerValue", trigger == null ? null : trigger.value())
                .bind("zone", trigger == null ? null : trigger.zone().getId())
                .bind("by", by)
                .bind("audited", audited ? 1 : 0)
                .bind("via", cut(via))
                .execute();
    }

    /**
     * Applies the pending requests of {@code job}, whose row this transaction holds (or may take),
     * in arrival order; the row as they left it, or empty if none was applied (none pending, the
     * row held by another transaction, or a lease fire running: its finish applies them). {@code
     * now} is the database time they apply at: H2 keeps its clock still within a transaction, so
     * a fire passes its own end.
     */
    public Optional<JobRow> applyPending(Handle h, String job, Instant now) {
        List<Pending> pending = store.query(h, "pending-requests")
                .bind("job", job)
                .map((rs, ctx) -> {
                    String type = rs.getString("trigger_type");
                    return new Pending(
                            rs.getLong("id"),
                            Action.valueOf(rs.getString("action")),
                            type == null
                                    ? null
                                    : StoredTriggers.of(
                                            TriggerType.valueOf(type),
                                            rs.getString("trigger_value"),
                                            rs.getString("zone_id")),
                            rs.getString("requested_by"),
                            rs.getInt("audited") == 1,
                            rs.getString("via"),
                            Rows.requiredInstant(rs, "requested_at"));
                })
                .list();
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Optional<Locked> locked = store.jobs().tryLock(h, job); // ours already, or free
        if (locked.isEmpty() || locked.get().row().status() == JobStatus.RUNNING) {
            return Optional.empty();
        }
        JobRow row = locked.get().row();
        JobStatus status = row.status();
        for (Pending p : pending) {
            RowActions.Effect effect = actions.apply(h, row, status, p.action(), p.trigger(), p.by(), now);
            status = effect.status();
            store.update(h, "close-request")
                    .bind("id", p.id())
                    .bind("now", now)
                    .bind("result", effect.result())
                    .bind("detail", cut(effect.detail()))
                    .execute();
            if (p.audited() && p.by() != null) {
                String what = p.action() + " requested at " + p.requestedAt() + " while a fire ran: "
                        + effect.result().toLowerCase(Locale.ROOT) + " at " + now
                        + (effect.detail() == null ? "" : " (" + effect.detail() + ")");
                audit(store, h, p.by(), "APPLIED", job, p.via() == null ? what : what + ", " + p.via());
            }
        }
        return store.jobs().tryLock(h, job).map(Locked::row);
    }

    /** As {@link #applyPending}, in a transaction of its own that takes the row only if it is free. */
    public Optional<JobRow> applyIfFree(String job) {
        return store.jdbi().inTransaction(h -> {
            Optional<Locked> locked = store.jobs().tryLock(h, job);
            return locked.isPresent() ? applyPending(h, job, locked.get().dbNow()) : Optional.<JobRow>empty();
        });
    }

    /** The requests of {@code job} not applied yet, oldest first. */
    public List<JobRequest> pending(String job) {
        return store.jdbi()
                .withHandle(h -> store.query(h, "pending-requests")
                        .bind("job", job)
                        .map((rs, ctx) -> new JobRequest(
                                rs.getLong("id"),
                                job,
                                Action.valueOf(rs.getString("action")),
                                describe(
                                        rs.getString("trigger_type"),
                                        rs.getString("trigger_value"),
                                        rs.getString("zone_id")),
                                rs.getString("requested_by"),
                                Rows.requiredInstant(rs, "requested_at"),
                                Rows.instant(rs, "applied_at"),
                                rs.getString("result")))
                        .list());
    }

    /** Whether {@code job} will be paused once its pending requests apply, from {@code status} now. */
    JobStatus statusAfterPending(Handle h, String job, JobStatus status) {
        JobStatus after = status;
        for (String action : store.query(h, "pending-requests")
                .bind("job", job)
                .map((rs, ctx) -> rs.getString("action"))
                .list()) {
            if (action.equals("PAUSE") && after == JobStatus.IDLE) {
                after = JobStatus.PAUSED;
            } else if (action.equals("RESUME") && after == JobStatus.PAUSED) {
                after = JobStatus.IDLE;
            }
        }
        return after;
    }

    private static @Nullable String describe(@Nullable String type, @Nullable String value, @Nullable String zone) {
        if (type == null) {
            return null;
        }
        try {
            return StoredTriggers.of(TriggerType.valueOf(type), value, zone == null ? "UTC" : zone)
                    .describe();
        } catch (RuntimeException e) {
            return type + " " + value;
        }
    }

    static void audit(Store store, Handle h, String actor, String action, String job, @Nullable String detail) {
        store.update(h, "insert-audit")
                .bind("actor", actor)
                .bind("action", action)
                .bind("job", job)
                .bind("detail", cut(detail))
                .execute();
    }

    private static @Nullable String cut(@Nullable String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
