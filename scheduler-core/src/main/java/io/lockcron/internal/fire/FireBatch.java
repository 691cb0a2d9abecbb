package io.lockcron.internal.fire;

import io.lockcron.LockcronException;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.internal.store.Store;
import io.lockcron.job.JobDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Several due fires claimed with one locking read ({@code LIMIT n FOR UPDATE SKIP LOCKED}) and run
 * one after another in that one transaction, which commits them together: a burst of short fires
 * costs one claim and one commit per batch instead of one of each per fire, and no other node
 * spends a lock attempt on the batch's rows.
 *
 * <p>Only a row's scheduled next fire with nothing of it on record runs in the batch ({@link
 * FireClaimer#member}); any other row the read locked (a retry, a takeover, a misfire, a request, a
 * lease) is claimed by name on its own once the batch has committed. The batch starts no fire
 * after it has run {@link #BUDGET_MS} ms, so the fires it ran wait about that long at most for
 * their commit; the rows it did not get to are free again at the commit, still due.
 *
 * <p>A fire whose job touches the transaction must have it to itself: the job could end it, and
 * with it the records of the fires before. So before the job's first use ({@link #isolate}) its
 * attempt goes on record, the batch commits what it ran so far (freeing the rows it did not run),
 * and the fire takes its own row's lock again in a new transaction; meanwhile its attempt on record
 * keeps other nodes off it. From there on it is a fire like any other, and the batch is over.
 *
 * <p>A failed fire's records are written behind a savepoint when fires before it share the
 * transaction: if they cannot be stored (an error text the column refuses), the batch commits the
 * others and the fire is recorded anew ({@link LostTransactionRecorder}). A batch lost whole (its
 * node died, the database rolled it back) loses its fires' records together, and they run again
 * elsewhere, as a single fire lost before its commit does; none of them ran long enough to be on
 * record ({@link FireAttempt}), or it went on record and its takeover is a recorded failover.
 */
final class FireBatch {
    /** How long a batch goes on starting fires. */
    static final long BUDGET_MS = 50;

    static final String MEMBER = "lockcron_member";
    private static final int RELOCK_TRIES = 50;
    private static final long RELOCK_PAUSE_MS = 10;

    /** What the batch ran, and the rows it locked that must be claimed on their own. */
    record Outcome(List<Fired> fired, List<Locked> alone) {}

    /**
     * How many fires a batch of this node gets through within its budget, from the batches before:
     * a claim takes no more rows than that, since the rows a batch does not get to are locked for
     * nothing, skipped by every other claim meanwhile and claimed again.
     */
    static final class Pace {
        private static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(BUDGET_MS);
        /** Nanoseconds a fire of a batch takes, as a moving average; a millisecond until measured. */
        private final java.util.concurrent.atomic.AtomicLong perFire =
                new java.util.concurrent.atomic.AtomicLong(1_000_000);

        int cap(int max) {
            return (int) Math.max(2, Math.min(max, BUDGET_NANOS / Math.max(1, perFire.get())));
        }

        void observe(long nanos, int fires) {
            if (fires > 0) {
                long each = nanos / fires;
                perFire.updateAndGet(average -> (7 * average + each) / 8);
            }
        }
    }

    private final Store store;
    private final FireClaimer claimer;
    private final TransactionalRun transactional;
    private final Handle h;
    private final int rows;
    private final Pace pace;
    private final TouchingHandlers touching;
    private final long startNanos = System.nanoTime();
    private final List<Runnable> finishes = new ArrayList<>();
    private int members;
    private boolean isolated;
    private boolean lockLost;

    /** @param rows how many rows the batch's claim locked in {@code h}'s transaction */
    FireBatch(
            Store store,
            FireClaimer claimer,
            TransactionalRun transactional,
            Handle h,
            int rows,
            Pace pace,
            TouchingHandlers touching) {
        this.pace = pace;
        this.touching = touching;
        this.store = store;
        this.claimer = claimer;
        this.transactional = transactional;
        this.h = h;
        this.rows = rows;
    }

    /** Runs the batch's fires in order and commits them; {@code epoch}: the node's membership epoch at the claim. */
    Outcome run(List<Locked> locked, Function<String, @Nullable JobDefinition> definitions, int epoch) {
        List<Fired> fired = new ArrayList<>();
        List<Locked> alone = new ArrayList<>();
        for (Locked row : locked) {
            if (!shares() || TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) >= BUDGET_MS) {
                break; // the rest stay due, free once this transaction ends
            }
            JobDefinition definition = definitions.apply(row.row().handlerName());
            Claim member = definition == null ? null : claimer.member(startedNow(row), definition, epoch);
            if (member == null) {
                alone.add(row);
            } else {
                fired.add(new Fired(row.row().name(), row.row().handlerName(), transactional.run(h, member, this)));
            }
        }
        if (shares()) {
            commit();
        }
        pace.observe(System.nanoTime() - startNanos, fired.size());
        return new Outcome(fired, alone);
    }

    /** Whether the fire now running shares the batch's transaction: it did not touch it, or it is the only one in it. */
    boolean shares() {
        return !isolated && h.isInTransaction();
    }

    /** Whether fires before the one now running wait in the transaction for their commit. */
    boolean othersWaiting() {
        return members > 0;
    }

    /** A fire whose records are written in the transaction: {@code finish} runs once they commit. */
    void recorded(Runnable finish) {
        members++;
        afterCommit(finish);
    }

    /** Runs {@code action} once the batch's transaction has committed. */
    void afterCommit(Runnable action) {
        finishes.add(action);
    }

    /** Whether the fire that asked to be isolated could not take its own lock again (see {@link #isolate}). */
    boolean lockLost() {
        return lockLost;
    }

    /** Commits the fires recorded so far; the batch is over. */
    void commit() {
        h.commit();
        finishes.forEach(Runnable::run);
        finishes.clear();
    }

    /**
     * Before {@code fire}'s job first uses the transaction, with its attempt on record: commits the
     * fires before it and retakes its own lock in a new transaction, unless it is alone in the batch.
     *
     * @throws LockcronException if its row stays held or changed meanwhile: the fire is handed back
     */
    void isolate(Claim fire) {
        boolean alone = members == 0 && rows == 1;
        isolated = true;
        touching.touched(fire.row().handlerName());
        if (alone) {
            return;
        }
        commit();
        String name = fire.row().name();
        for (int i = 0; i < RELOCK_TRIES; i++) {
            h.begin();
            Optional<Locked> again = store.jobs().tryLock(h, name);
            if (again.isPresent() && again.get().row().equals(fire.row())) {
                return;
            }
            h.rollback();
            if (again.isPresent() || !pause()) {
                break; // changed meanwhile (a client's edit): this fire's plan no longer holds
            }
        }
        lockLost = true;
        throw new LockcronException("Job '" + name + "' fire " + fire.run().fireTime()
                + ": its row could not be locked again to run the fire in a transaction of its own; the fire is"
                + " handed back and runs again");
    }

    private static boolean pause() {
        try {
            Thread.sleep(RELOCK_PAUSE_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The row as its fire starts: the claim's database time moved on by the time the batch has run. */
    private Locked startedNow(Locked row) {
        return new Locked(
                row.row(),
                row.dbNow().plusNanos(System.nanoTime() - startNanos),
                row.sessionId(),
                row.requestsPending(),
                row.fireOnRecord());
    }
}
