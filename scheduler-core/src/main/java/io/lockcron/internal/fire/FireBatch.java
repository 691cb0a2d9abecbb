package io.lockcron.internal.fire;

import io.lockcron.LockcronException;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.internal.store.Store;
import io.lockcron.job.JobDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * FireClaimer#member}: a misfire its policy runs now counts as one); any other row the read locked
 * (a retry, a takeover, a skipped misfire, a request, a lease) is claimed by name on its own once
 * the batch has committed. And only a handler this node has seen finish short without touching its
 * transaction ({@link HandlerHabits}) runs after
 * another fire of the batch: a handler not seen yet runs first in a batch, and one that touched its
 * transaction or ran long is left out of batches. The batch starts no fire after it has run its
 * budget ({@link Pace}: {@link #BUDGET_MS} ms, more when its first fire starts late); the rows it
 * did not get to are free again at its commit, still due. So the fires
 * of a batch wait for their commit about that long, plus what the last of them runs beyond it if
 * it ran long for the first time.
 *
 * <p>A fire whose job touches the transaction must have it to itself: the job could end it, and
 * with it the records of the fires before. So before the job's first use ({@link #isolate}) its
 * attempt goes on record, the batch commits what it ran so far (freeing the rows it did not run),
 * and the fire takes its own row's lock again in a new transaction; meanwhile its attempt on record
 * keeps other nodes off it. From there on it is a fire like any other, and the batch is over.
 *
 * <p>A fire's records are written behind a savepoint when fires before it share the transaction:
 * if they cannot be stored (an error text the column refuses), the batch commits the others and
 * the fire is recorded anew ({@link LostTransactionRecorder}). A batch lost whole (its node died,
 * its connection broke) loses its fires' records together, and they run again elsewhere, as a
 * single fire lost before its commit does: none of them touched the database; one that ran 100 ms
 * went on record, and is closed RELEASED if its node lives to see the loss, or else taken over
 * with a recorded failover.
 */
final class FireBatch {
    /** How long a batch goes on starting fires while they start on time ({@link Pace}). */
    static final long BUDGET_MS = 50;
    /** How long a batch goes on starting fires at most, under a backlog. */
    static final long MOST_BUDGET_MS = 250;

    static final String MEMBER = "lockcron_member";
    private static final int RELOCK_TRIES = 200;
    private static final long RELOCK_PAUSE_MS = 10;

    /** What the batch ran, and the rows it locked that must be claimed on their own. */
    record Outcome(List<Fired> fired, List<Locked> alone) {}

    /**
     * How many fires a batch of this node gets through within its budget, from the batches before:
     * a claim takes no more rows than that, since the rows a batch does not get to are locked for
     * nothing, skipped by every other claim meanwhile and claimed again.
     *
     * <p>The budget is {@link #BUDGET_MS} while fires start on time, and grows with how late they
     * start (a quarter of it, up to {@link #MOST_BUDGET_MS}): a fire already a second late loses
     * little by waiting 250 ms for its commit, and under a backlog bigger batches spend fewer claims
     * and commits per fire, where small ones would let the backlog feed itself.
     */
    static final class Pace {
        private static final long LEAST_NANOS = TimeUnit.MILLISECONDS.toNanos(BUDGET_MS);
        private static final long MOST_NANOS = TimeUnit.MILLISECONDS.toNanos(MOST_BUDGET_MS);
        private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(1);
        /** Nanoseconds a fire of a batch takes, as a moving average; a millisecond until measured. */
        private final AtomicLong perFire = new AtomicLong(1_000_000);
        /** The budget of the last batch, from how late its first fire was, and when it started. */
        private final AtomicReference<Budget> last = new AtomicReference<>(new Budget(LEAST_NANOS, 0));

        private record Budget(long nanos, long startedAt) {}

        /** A claim's size: what the last batch's budget gets through, if it started within a second. */
        int cap(int max) {
            Budget budget = last.get();
            long nanos = System.nanoTime() - budget.startedAt() < RECENT_NANOS ? budget.nanos() : LEAST_NANOS;
            return (int) Math.max(2, Math.min(max, nanos / Math.max(1, perFire.get())));
        }

        /** A batch's first fire is {@code first}: the batch's budget, from how late that fire starts. */
        long budgetNanos(Locked first) {
            Instant due = first.row().dueTime();
            Duration late = due == null ? Duration.ZERO : Duration.between(due, first.dbNow());
            long nanos = late.compareTo(Duration.ofNanos(4 * MOST_NANOS)) >= 0
                    ? MOST_NANOS
                    : Math.max(LEAST_NANOS, late.toNanos() / 4);
            last.set(new Budget(nanos, System.nanoTime()));
            return nanos;
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
    private final HandlerHabits habits;
    private final long startNanos = System.nanoTime();
    private final List<Runnable> finishes = new ArrayList<>();
    /** The fires the batch started, and how many of them its last commit covered. */
    private final List<Claim> started = new ArrayList<>();

    private int committed;
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
            HandlerHabits habits) {
        this.pace = pace;
        this.habits = habits;
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
        long budget = Long.MAX_VALUE; // set by the first fire the batch runs, not by a row it leaves out
        try {
            for (Locked row : locked) {
                if (!shares() || System.nanoTime() - startNanos >= budget) {
                    break; // the rest stay due, free once this transaction ends
                }
                String handler = row.row().handlerName();
                if (!started.isEmpty() && !habits.batchable(handler)) {
                    break; // not seen to be short yet: it runs first in a batch, with no fire before it to hold
                }
                JobDefinition definition = definitions.apply(handler);
                Claim member = definition == null ? null : claimer.member(startedNow(row), definition, epoch);
                if (member == null) {
                    alone.add(row);
                } else {
                    if (started.isEmpty()) {
                        budget = pace.budgetNanos(row);
                    }
                    started.add(member);
                    fired.add(new Fired(row.row().name(), handler, transactional.run(h, member, this)));
                }
            }
            if (shares()) {
                commit();
            }
        } catch (RuntimeException e) {
            releaseUncommitted(e);
            throw e;
        }
        pace.observe(System.nanoTime() - startNanos, fired.size());
        return new Outcome(fired, alone);
    }

    /**
     * The batch is lost whole (its connection died, say): its fires since the last commit whose
     * attempt went on record (they ran 100 ms) are closed RELEASED, so that no node waits for them or
     * records a failover of a node that is alive; they run again, as the others do. A fire that left
     * the batch to run alone is lost as a single fire is.
     */
    private void releaseUncommitted(RuntimeException failure) {
        int end = isolated ? started.size() - 1 : started.size();
        for (Claim claim : started.subList(Math.min(committed, end), end)) {
            long id = claim.attempt().id();
            try {
                if (id != 0) {
                    store.attempts().close(id, io.lockcron.AttemptOutcome.RELEASED, claim.finishedNow());
                }
            } catch (RuntimeException closing) {
                failure.addSuppressed(closing);
            }
        }
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
        committed = started.size();
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
        habits.ran(fire.row().handlerName(), true, 0);
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
        // Free the fire for the next claim now, not once the body has given up.
        store.attempts().close(fire.attempt().id(), io.lockcron.AttemptOutcome.RELEASED, fire.finishedNow());
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
