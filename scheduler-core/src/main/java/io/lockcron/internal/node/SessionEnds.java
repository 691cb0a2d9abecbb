package io.lockcron.internal.node;

import io.lockcron.internal.store.NodeStore.StaleNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over a dead member's fires as soon as the database has ended its sessions, instead of at
 * the next poll. A process that dies mid-fire has its sockets closed by the kernel; the server
 * rolls its transactions back and frees the rows they held, which are due and free then — but no
 * live node would look at them before its next poll, up to a poll interval later. So every look of
 * the heartbeat watch (four a second by default) also reads whether the session of each member's
 * last heartbeat is still open, in the same statement that reads the members ({@code
 * stale-nodes.sql}: no statement more, and one row per member whatever the number of jobs). A
 * member whose session was open at the last look and is gone now, in the same incarnation, has most
 * likely died: its fires are tried at once and a few times more over the next 700 ms, since its
 * sessions end one by one and the row a fire held frees only once its own session has rolled back.
 * Each try wakes the jobs its open attempts name and drains the due list (a fire under 100 ms old
 * left no attempt to name it) — a handful of claims per death, none while members live, however
 * long their fires run.
 *
 * <p>This is a hint, never a verdict: claims still lock rows with {@code SKIP LOCKED} and a fire is
 * taken over only once its row is free and its recorded session gone, so a member that is alive
 * after all (its heartbeat's pooled connection was closed by the pool) costs one round of empty
 * claims and keeps its fires. Where the database cannot tell (Galera ids, a user that sees no other
 * user's sessions), nothing changes: the next poll or the fencing after the heartbeat timeout takes
 * the fires over. A hung member keeps its sessions open and is fenced as before. Used from the
 * heartbeat thread only.
 */
final class SessionEnds {
    private static final Logger log = LoggerFactory.getLogger(SessionEnds.class);
    /** When to try a dead member's fires, in milliseconds after its death was seen. */
    private static final long[] TRIES_MILLIS = {0, 100, 300, 700};

    private final Function<String, List<String>> runningJobs;
    private final ScheduledExecutorService heartbeatThread;
    private final BooleanSupplier running;
    private final Consumer<List<String>> freed;
    /** Incarnation of each member whose session was open at the last look. */
    private final Map<String, Integer> open = new HashMap<>();

    private volatile boolean forget;

    /**
     * {@code runningJobs}: the jobs a member's open attempts name; {@code freed}: tries those jobs'
     * fires and drains the due list.
     */
    SessionEnds(
            Function<String, List<String>> runningJobs,
            ScheduledExecutorService heartbeatThread,
            BooleanSupplier running,
            Consumer<List<String>> freed) {
        this.runningJobs = runningJobs;
        this.heartbeatThread = heartbeatThread;
        this.running = running;
        this.freed = freed;
    }

    /** Forgets what the last looks saw: after an outage every session is new, not every member dead. */
    void forget() {
        forget = true;
    }

    /** One look's members (see {@link Fencer#others}); tries the fires of each one whose session just ended. */
    void observe(List<StaleNode> others) {
        if (forget) {
            forget = false;
            open.clear();
        }
        Set<String> present = new HashSet<>();
        for (StaleNode node : others) {
            present.add(node.nodeId());
            Integer was = Boolean.TRUE.equals(node.sessionOpen())
                    ? open.put(node.nodeId(), node.incarnation())
                    : open.remove(node.nodeId());
            if (Boolean.FALSE.equals(node.sessionOpen()) && was != null && was == node.incarnation()) {
                log.info(
                        "Node {} (incarnation {}): its database session ended; trying the fires it held",
                        node.nodeId(),
                        node.incarnation());
                tryFires(node.nodeId(), 0);
            }
        }
        open.keySet().retainAll(present);
    }

    private void tryFires(String nodeId, int attempt) {
        if (!running.getAsBoolean()) {
            return;
        }
        try {
            freed.accept(runningJobs.apply(nodeId));
        } catch (RuntimeException e) {
            log.debug("Trying the fires of node {} failed: {}", nodeId, e.toString());
        }
        if (attempt + 1 < TRIES_MILLIS.length) {
            try {
                heartbeatThread.schedule(
                        () -> tryFires(nodeId, attempt + 1),
                        TRIES_MILLIS[attempt + 1] - TRIES_MILLIS[attempt],
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // the node stops
            }
        }
    }
}
