package io.lockcron.internal.fire;

import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.internal.store.Store;
import io.lockcron.job.ExecutionMode;
import io.lockcron.job.JobDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A drain's claims of the due list ({@link FireProtocol#fireDue}): each takes up to a batch of due
 * and free fires with one locking read on the connection the drain holds ({@link
 * DrainConnection}) and runs them, one row as a single fire, more as a {@link FireBatch}.
 */
final class DueClaims {
    private final FireProtocol protocol;
    private final Store store;
    private final NodeView node;
    private final FireClaimer claimer;
    private final TransactionalRun transactional;
    private final HandlerHabits habits;
    private final FireBatch.Pace pace = new FireBatch.Pace();

    DueClaims(
            FireProtocol protocol,
            Store store,
            NodeView node,
            FireClaimer claimer,
            TransactionalRun transactional,
            HandlerHabits habits) {
        this.protocol = protocol;
        this.store = store;
        this.node = node;
        this.claimer = claimer;
        this.transactional = transactional;
        this.habits = habits;
    }

    /**
     * Claims up to {@code max} due and free scheduled fires with one locking read and runs them as
     * one {@link FireBatch}; the rows it locked but could not run in the batch are then claimed by
     * name, one by one. Empty if no due fire was free. With {@code max} 1, one fire. Where first
     * attempts go on record at their claim (a caller's transactions, Galera), as {@link
     * FireProtocol#fireNextDue}.
     */
    FireProtocol.Drained fireDue(
            DrainConnection held,
            Collection<String> foreign,
            Function<String, @Nullable JobDefinition> definitions,
            int max) {
        if (!claimer.defers()) {
            List<Fired> one =
                    protocol.fireNextDue(foreign, definitions).map(List::of).orElseGet(List::of);
            // One fire per claim here: one found says nothing of how many more are due.
            return new FireProtocol.Drained(one.isEmpty() ? 0 : max, one);
        }
        List<Fired> fired = new ArrayList<>();
        if (max <= 1 || habits.claimSingly()) {
            return new FireProtocol.Drained(claimDue(held, foreign, 1, definitions, fired), fired);
        }
        int limit = pace.cap(max);
        int locked = claimDue(held, habits.withForeign(foreign), limit, definitions, fired);
        if (locked < limit && habits.anySingly()) {
            // The fires the batch left out may be what is due: one of them, and the drain goes on if found.
            if (locked == 0) {
                habits.batchFoundNone();
            }
            if (claimDue(held, foreign, 1, definitions, fired) > 0) {
                return new FireProtocol.Drained(max, fired);
            }
        }
        // Against the limit asked for: a claim held back by the pace is not one that found the due list short.
        return new FireProtocol.Drained(locked == limit ? max : locked, fired);
    }

    /**
     * One claim of up to {@code limit} due fires on the drain's connection, leaving out the
     * handlers {@code exclude} names: one row runs as a single fire, more as a {@link FireBatch},
     * and the rows the batch could not run are claimed by name afterwards. Adds what ran to {@code
     * fired}; returns how many rows the claim locked.
     */
    private int claimDue(
            DrainConnection held,
            Collection<String> exclude,
            int limit,
            Function<String, @Nullable JobDefinition> definitions,
            List<Fired> fired) {
        int epoch = node.membershipEpoch();
        List<Locked> alone = new ArrayList<>();
        int[] locked = {0};
        boolean[] outside = {false};
        Supplier<Optional<Fired>> single;
        try {
            single = FireTransaction.onHeld(held.handle(), h -> {
                List<Locked> claimed = store.jobs().tryLockDue(h, exclude, limit);
                locked[0] = claimed.size();
                if (claimed.isEmpty()) {
                    h.rollback();
                    return Optional::empty;
                }
                List<Locked> rows = store.jobs().withFiresOnRecordReadAgain(h, claimed);
                if (rows.size() == 1) {
                    JobDefinition definition =
                            definitions.apply(rows.get(0).row().handlerName());
                    outside[0] = definition != null && definition.mode() == ExecutionMode.LEASE;
                    Supplier<Fired> one = protocol.claimed(h, rows.get(0), definitions, epoch);
                    return () -> Optional.of(one.get());
                }
                FireBatch.Outcome outcome = new FireBatch(store, claimer, transactional, h, rows.size(), pace, habits)
                        .run(rows, definitions, epoch);
                fired.addAll(outcome.fired());
                alone.addAll(outcome.alone());
                return Optional::empty;
            });
        } catch (RuntimeException e) {
            held.close(); // it may be broken: the next claim takes another
            throw e;
        }
        if (outside[0] || !alone.isEmpty()) {
            held.close(); // a lease job and fires claimed by name run on connections of their own
        }
        single.get().ifPresent(fired::add);
        for (Locked row : alone) {
            String name = row.row().name();
            fired.add(new Fired(name, row.row().handlerName(), protocol.fire(name, definitions)));
        }
        return locked[0];
    }
}
