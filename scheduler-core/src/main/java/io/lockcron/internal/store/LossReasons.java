package io.lockcron.internal.store;

import io.lockcron.FailoverReason;
import io.lockcron.NodeState;
import java.time.Instant;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Why an attempt another node started was lost, as far as the node taking it over can tell. */
final class LossReasons {
    private volatile Predicate<Instant> wentDownAfter = at -> false;

    /**
     * Tells how to know that this node saw the database go away after a given time (database
     * clock): an attempt begun before was cut off with its connection (a restart, a switchover to a
     * standby), not by its node's crash, and its takeover is {@link FailoverReason#CONNECTION_LOST}.
     */
    void witness(Predicate<Instant> wentDownAfter) {
        this.wentDownAfter = wentDownAfter;
    }

    FailoverReason of(boolean lease, boolean sameNode, @Nullable NodeState lostNodeState, Instant lostStartedAt) {
        if (lease) {
            return FailoverReason.LEASE_EXPIRED;
        }
        if (sameNode) {
            return FailoverReason.CONNECTION_LOST;
        }
        if (lostNodeState == NodeState.FENCED) {
            return FailoverReason.HANG;
        }
        // A node that lost its transaction to a database outage looks just like a dead one from the
        // tables; what tells them apart is that this node saw the database go away meanwhile.
        return wentDownAfter.test(lostStartedAt) ? FailoverReason.CONNECTION_LOST : FailoverReason.CRASH;
    }
}
