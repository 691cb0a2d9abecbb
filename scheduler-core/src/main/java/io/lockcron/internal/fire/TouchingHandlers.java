package io.lockcron.internal.fire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handlers whose jobs touched their fire's transaction in a batch ({@link FireBatch#isolate}):
 * their fires are claimed one at a time, as before batches, since in a batch each of them would
 * cost a commit and a second lock of its row, and hold the rows after it meanwhile. Batches leave
 * them out; claims one at a time take them.
 */
final class TouchingHandlers {
    /** Beyond this many, the set starts again: the batch claim's list of names stays short. */
    private static final int MAX = 200;
    /** Claims one at a time after a batch claim found nothing but these handlers' fires. */
    private static final int SINGLE_CLAIMS = 8;

    private final Set<String> handlers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger singleClaims = new AtomicInteger();

    void touched(String handler) {
        if (handlers.size() >= MAX && !handlers.contains(handler)) {
            handlers.clear();
        }
        handlers.add(handler);
    }

    boolean any() {
        return !handlers.isEmpty();
    }

    /** What a batch claim leaves out: {@code foreign}, and these. */
    Collection<String> withForeign(Collection<String> foreign) {
        if (handlers.isEmpty()) {
            return foreign;
        }
        List<String> all = new ArrayList<>(foreign);
        all.addAll(handlers);
        return all;
    }

    /** A batch claim that left these out found nothing: the next few claims take one fire each. */
    void batchFoundNone() {
        singleClaims.set(SINGLE_CLAIMS);
    }

    /** Whether this claim should take one fire rather than a batch. */
    boolean claimSingly() {
        return singleClaims.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }
}
