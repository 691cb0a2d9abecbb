package io.lockcron.internal.fire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this node has seen of each handler's fires, for {@link FireBatch}: only a handler whose last
 * fire was short and left its transaction alone runs in a batch. One that touched its transaction
 * would cost the batch a commit and a second lock of its row; one that ran long would keep the fires
 * before it uncommitted, and the rows after it locked, for as long as it runs. Such handlers are left
 * out of batch claims and claimed one fire at a time, as before batches; a handler not seen yet is
 * claimed on its own too, until a fire of it has shown how it behaves.
 */
final class HandlerHabits {
    /** Beyond this many handlers claimed singly, that set starts again: a batch claim's list of names stays short. */
    private static final int MAX_SINGLE = 200;
    /** Beyond this many handlers known to be short, that set starts again. */
    private static final int MAX_SHORT = 10_000;
    /** Claims one at a time after a batch claim found nothing but fires claimed singly. */
    private static final int SINGLE_CLAIMS = 8;

    private final long shortNanos = TimeUnit.MILLISECONDS.toNanos(FireBatch.BUDGET_MS);
    private final Set<String> shortOnes = ConcurrentHashMap.newKeySet();
    private final Set<String> singly = ConcurrentHashMap.newKeySet();
    private final AtomicInteger singleClaims = new AtomicInteger();

    /** A transactional fire of {@code handler} ended: whether its job touched the transaction, and how long it ran. */
    void ran(String handler, boolean touched, long nanos) {
        if (touched || nanos >= shortNanos) {
            shortOnes.remove(handler);
            if (singly.size() >= MAX_SINGLE && !singly.contains(handler)) {
                singly.clear();
            }
            singly.add(handler);
        } else {
            singly.remove(handler);
            if (shortOnes.size() >= MAX_SHORT && !shortOnes.contains(handler)) {
                shortOnes.clear();
            }
            shortOnes.add(handler);
        }
    }

    /** Whether a fire of {@code handler} may run in a batch. */
    boolean batchable(String handler) {
        return shortOnes.contains(handler);
    }

    boolean anySingly() {
        return !singly.isEmpty();
    }

    /** What a batch claim leaves out: {@code foreign}, and the handlers claimed singly. */
    Collection<String> withForeign(Collection<String> foreign) {
        if (singly.isEmpty()) {
            return foreign;
        }
        List<String> all = new ArrayList<>(foreign);
        all.addAll(singly);
        return all;
    }

    /** A batch claim that left those out found nothing: the next few claims take one fire each. */
    void batchFoundNone() {
        singleClaims.set(SINGLE_CLAIMS);
    }

    /** Whether this claim should take one fire rather than a batch. */
    boolean claimSingly() {
        return singleClaims.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }
}
