package io.lockcron.internal.node;

import io.lockcron.internal.fire.Listeners;
import io.lockcron.internal.store.NodeStore;
import io.lockcron.internal.store.NodeStore.RunningSession;
import io.lockcron.internal.store.NodeStore.StaleNode;
import io.lockcron.internal.store.Store;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fences nodes whose heartbeat went stale. A hung node (stop-the-world pause, frozen VM, half-open
 * network) keeps its connections, and with them the row locks of the fires it was running; killing
 * its database sessions rolls those transactions back, frees the rows for a live node, and makes
 * sure the hung node's work can never commit when it wakes up.
 */
final class Fencer {
    private static final Logger log = LoggerFactory.getLogger(Fencer.class);
    private final Store store;
    private final String self;
    private final Staleness staleness;
    private final Listeners listeners;
    private volatile int activeOthers;

    Fencer(Store store, String self, Staleness staleness, Listeners listeners) {
        this.store = store;
        this.self = self;
        this.staleness = staleness;
        this.listeners = listeners;
    }

    /** The active members, this one included, as of the last look: drains are sized by it. */
    int liveNodes() {
        return activeOthers + 1;
    }

    /** The other active members as the table has them now. */
    List<StaleNode> others() {
        List<StaleNode> others = store.nodes().others(self);
        activeOthers = others.size();
        return others;
    }

    /** The jobs whose fires {@code nodeId}'s open attempts on record name. */
    List<String> runningJobs(String nodeId) {
        return store.nodes().runningSessions(nodeId).stream()
                .map(RunningSession::job)
                .distinct()
                .toList();
    }

    /**
     * Fences every node among {@code others} (as {@link #others} read them just now) this node has
     * watched stand still for its timeout (see {@link Staleness}); called while this node's own
     * heartbeat succeeds. {@code freed} hears, once per fenced node, the jobs its recorded attempts
     * name — a fire may have left no attempt, so it frees due fires beyond these too.
     */
    void fenceStale(List<StaleNode> others, Consumer<List<String>> freed) {
        for (StaleNode node : staleness.stale(others, System.nanoTime())) {
            if (store.nodes().fence(node, self)) {
                fence(node, freed);
            }
        }
    }

    /** When a look must come at the latest to fence the first watched node at the instant it turns stale. */
    long nextVerdictNanos() {
        return staleness.nextVerdictNanos();
    }

    private void fence(StaleNode node, Consumer<List<String>> freed) {
        List<RunningSession> running = store.nodes().runningSessions(node.nodeId());
        Set<String> sessions = new LinkedHashSet<>();
        running.forEach(r -> sessions.add(r.sessionId()));
        if (node.sessionId() != null) {
            sessions.add(node.sessionId());
        }
        NodeStore.SessionKills kills;
        try {
            kills = store.nodes().killSessions(node, sessions);
        } catch (RuntimeException e) {
            // The node is marked FENCED already: its fencing goes on record even if the kill statement
            // itself failed (this node's own connection lost mid-kill), with what went wrong.
            kills = new NodeStore.SessionKills(0, "killing its sessions failed: " + e.getMessage());
        }
        int killed = kills.killed();
        String detail = kills.problems();
        // Its leases are left to expire: a lease job runs outside the database, so killing sessions
        // does not stop it, and its owner stops itself before the lease runs out (LeaseGuard).
        store.nodes().recordFencing(node, self, killed, detail == null ? null : truncate(detail));
        if (detail == null) {
            log.warn(
                    "Fenced node {} (incarnation {}): no heartbeat since {}; killed {} database session(s)"
                            + " so its {} running fire(s) roll back and run here or elsewhere",
                    node.nodeId(),
                    node.incarnation(),
                    node.lastHeartbeat(),
                    killed,
                    running.size());
        } else {
            log.error(
                    "Fenced node {} but could not kill all its database sessions ({}). Its row locks stay"
                            + " until the server ends those sessions (lockcron's idle limit). Grant the fencing"
                            + " privilege: same database user for all nodes, or CONNECTION_ADMIN on MySQL,"
                            + " CONNECTION ADMIN on MariaDB, pg_signal_backend on PostgreSQL.",
                    node.nodeId(),
                    detail);
        }
        listeners.each(l -> l.nodeFenced(node.nodeId(), self));
        freed.accept(running.stream().map(RunningSession::job).distinct().toList());
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
