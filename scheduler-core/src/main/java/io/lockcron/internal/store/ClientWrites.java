package io.lockcron.internal.store;

import io.lockcron.InvalidJobException;
import io.lockcron.JobRequest;
import io.lockcron.UnknownJobException;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.job.JobDefinition;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** The client's writes that may run in the caller's transaction: one statement each, on the handle given. */
public final class ClientWrites {
    /** What the {@code payload} column of every schema holds (VARCHAR(4000)). */
    public static final int MAX_PAYLOAD_CHARS = 4000;

    private ClientWrites() {}

    /** Inserts the one-shot entry {@code job:instance}; returns its name. */
    public static String scheduleOnce(
            Store store, Handle h, String job, String instance, Instant at, @Nullable String payload) {
        String name = job + ":" + instance;
        JobDefinition.checkName(name);
        checkPayload(name, payload);
        int inserted;
        try {
            inserted = store.update(h, "insert-one-shot")
                    .bind("name", name)
                    .bind("job", job)
                    .bind("triggerValue", at.toString())
                    .bind("payload", payload)
                    .bind("at", at)
                    .execute();
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new InvalidJobException(
                        "Job '" + name + "' is already scheduled. Pick another instance name than '" + instance + "'.",
                        e);
            }
            throw e;
        }
        if (inserted == 0) {
            throw new UnknownJobException(job);
        }
        return name;
    }

    // Refused before the INSERT: the database's own answer ("data too long", or silent truncation in a
    // non-strict MySQL) names neither the job nor the fix.
    private static void checkPayload(String name, @Nullable String payload) {
        if (payload != null && payload.length() > MAX_PAYLOAD_CHARS) {
            throw new InvalidJobException("The payload of job '" + name + "' has " + payload.length()
                    + " characters; at most " + MAX_PAYLOAD_CHARS + " fit. Keep larger data in a table of your own"
                    + " and pass its key as the payload.");
        }
    }

    /**
     * Requests one extra fire of {@code name}, without waiting for a fire that holds its row: the
     * request is then recorded and applied when that fire ends. In the caller's transaction, the
     * row tried here stays locked until the caller commits, as its UPDATE would.
     */
    public static void triggerNow(Store store, Handle h, String name, @Nullable String requestedBy) {
        Optional<Locked> locked = store.jobs().tryLock(h, name);
        if (locked.isPresent() && !locked.get().requestsPending()) {
            store.update(h, "request-trigger")
                    .bind("name", name)
                    .bind("by", requestedBy)
                    .execute();
            return;
        }
        if (locked.isEmpty()
                && store.query(h, "list-jobs")
                        .define("where", "WHERE j.lock_name = :name")
                        .bind("name", name)
                        .map((rs, ctx) -> rs.getString("lock_name"))
                        .findOne()
                        .isEmpty()) {
            throw new UnknownJobException(name);
        }
        store.requests().record(h, name, JobRequest.Action.TRIGGER, null, requestedBy, false, null);
    }
}
