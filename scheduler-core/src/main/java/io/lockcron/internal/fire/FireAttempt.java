package io.lockcron.internal.fire;

import io.lockcron.FailoverInfo;
import io.lockcron.LockcronException;
import io.lockcron.internal.store.AttemptStore;
import io.lockcron.internal.store.AttemptStore.Attempt;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's attempt at a claimed fire, and when it goes on record in {@code fire_attempt}.
 *
 * <p>The record exists for what happens when a fire is lost: it tells the node that takes the fire
 * over that this is a failover (and of whom), it names the session fencing kills, and it keeps other
 * nodes off a fire whose job ended its transaction mid-way. A fire that is over in a few
 * milliseconds and never touched its transaction needs none of that, and writing the record would
 * cost every fire a commit of its own. So a first attempt whose fire the claim found on record
 * nowhere goes on record only when it first matters, in a short transaction of its own:
 *
 * <ul>
 *   <li>before the job's first use of the fire's connection (after that, the job could end the
 *       transaction and free the lock while its work goes on);
 *   <li>when the job asks for its fencing token (the token is the record's id: nothing outside can
 *       see a token that is not on record);
 *   <li>once the fire has run {@link #RECORD_AFTER_MS} ms, from another thread;
 *   <li>before a fire whose result cannot be committed is recorded afresh;
 *   <li>when the fire failed: then in the fire's own transaction, closed with its error, so that
 *       retries number on from it and every attempt keeps its own error.
 * </ul>
 *
 * Retries, takeovers, lease fires and fires begun in a caller's transaction go on record at the
 * claim ({@link #recorded}). A fire that commits unrecorded leaves its execution row as its only
 * record, with fencing token 0.
 */
final class FireAttempt {
    private static final Logger log = LoggerFactory.getLogger(FireAttempt.class);
    /** How long a fire runs before its attempt goes on record anyway. */
    static final long RECORD_AFTER_MS = 100;

    private final @Nullable AttemptStore store;
    private final AttemptStore.@Nullable Opening opening;
    private final int number;
    private final List<FailoverInfo> failovers;
    private long id;
    private boolean closedInFire;
    private boolean sealed;
    private @Nullable ScheduledFuture<?> timer;

    private FireAttempt(
            @Nullable AttemptStore store,
            AttemptStore.@Nullable Opening opening,
            long id,
            int number,
            List<FailoverInfo> failovers) {
        this.store = store;
        this.opening = opening;
        this.id = id;
        this.number = number;
        this.failovers = failovers;
    }

    /** An attempt put on record at the claim. */
    static FireAttempt recorded(Attempt attempt) {
        return new FireAttempt(null, null, attempt.id(), attempt.number(), attempt.failovers());
    }

    /**
     * A first attempt not on record yet: recorded by {@code recorder} once the fire has run {@link
     * #RECORD_AFTER_MS} ms, unless it was recorded or {@linkplain #seal sealed} before.
     */
    static FireAttempt deferred(
            AttemptStore store, AttemptStore.Opening opening, ScheduledExecutorService timers, Executor recorder) {
        FireAttempt attempt = new FireAttempt(store, opening, 0, opening.expected(), List.of());
        ScheduledFuture<?> timer = timers.schedule(
                () -> recorder.execute(attempt::recordIfRunning), RECORD_AFTER_MS, TimeUnit.MILLISECONDS);
        synchronized (attempt) {
            attempt.timer = timer;
        }
        return attempt;
    }

    int number() {
        return number;
    }

    /** The failovers recorded when this attempt opened: the attempts it took over. */
    List<FailoverInfo> failovers() {
        return failovers;
    }

    /** The attempt's id, its fencing token; 0 while it is not on record. */
    synchronized long id() {
        return id;
    }

    /**
     * Puts the attempt on record now, if it is not: returns its id.
     *
     * @throws LockcronException if this node's lock on the fire is gone (fenced meanwhile)
     */
    synchronized long record() {
        if (id == 0 && !open()) {
            throw new LockcronException(
                    "Job '" + opening().job() + "' fire " + opening().fireTime()
                            + ": this node's lock on the fire is gone (the node was fenced); the fire runs elsewhere");
        }
        return id;
    }

    /**
     * The fire's run is over: no timer puts the attempt on record from now on (the fire's own
     * thread still may, through {@link #record}). Returns the id, 0 if the attempt is not on record.
     */
    synchronized long seal() {
        sealed = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        return id;
    }

    /**
     * For a fire that failed before its attempt went on record: writes the attempt closed, with its
     * error, in the fire's own transaction {@code h}, so retries number on from it and the error is
     * kept. Returns the id. Once the fire's run is over only (see {@link #seal}).
     */
    synchronized long recordClosed(
            org.jdbi.v3.core.Handle h,
            io.lockcron.AttemptOutcome outcome,
            java.time.Instant finished,
            @Nullable String error) {
        if (id == 0 && store != null) {
            id = store.insertClosed(h, opening(), outcome, finished, error);
            closedInFire = true;
        }
        return id;
    }

    /** The fire's transaction was rolled back to before {@link #recordClosed}: that record is gone. */
    synchronized void undoneInFire() {
        if (closedInFire) {
            id = 0;
            closedInFire = false;
        }
    }

    private synchronized void recordIfRunning() {
        if (sealed || id != 0) {
            return;
        }
        try {
            if (!open()) {
                log.debug(
                        "Job '{}': the fire's lock is gone; its attempt stays off record",
                        opening().job());
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Job '{}' fire {}: could not put the running attempt on record ({}); a failover of it would"
                            + " go unrecorded",
                    opening().job(),
                    opening().fireTime(),
                    e.toString());
        }
    }

    private boolean open() {
        if (store == null) {
            return false;
        }
        OptionalLong opened = store.openFirst(opening());
        opened.ifPresent(value -> id = value);
        return opened.isPresent();
    }

    private AttemptStore.Opening opening() {
        if (opening == null) {
            throw new IllegalStateException("an attempt recorded at its claim has no opening");
        }
        return opening;
    }
}
