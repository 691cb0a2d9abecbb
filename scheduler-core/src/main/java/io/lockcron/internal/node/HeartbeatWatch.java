package io.lockcron.internal.node;

import io.lockcron.internal.store.NodeStore.StaleNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the other members' heartbeats on the heartbeat thread, more often than this node beats,
 * and fences a hung one at the instant it turns stale. A node is stale once this node has watched
 * its heartbeat stand still for the timeout, counted from the first look that saw the last value:
 * a look only every heartbeat interval saw that value up to an interval after it was written, and
 * judged up to another interval after the timeout ran out — a hung node held its fires up to two
 * intervals past its timeout. So looks come every fortieth of the timeout (a quarter of a second on
 * the default settings), one more comes as soon as the first watched node's timeout runs out, and
 * the fires a fencing frees are tried at once. Each look also notices members whose process died
 * ({@link SessionEnds}), whose fires need no fencing and are taken over at once.
 */
final class HeartbeatWatch {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatWatch.class);
    private static final long MIN_PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Past the verdict instant: the look must find the timeout run out, not a hair short of it. */
    private static final long VERDICT_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Fencer fencer;
    private final ScheduledExecutorService heartbeatThread;
    private final String nodeId;
    private final long timeoutNanos;
    private final long paceNanos;
    private final BooleanSupplier running;
    private final Consumer<List<String>> freed;
    private final SessionEnds ends;
    /** Whether this node's own last heartbeat succeeded: a node that cannot prove itself alive judges no one. */
    private volatile boolean beating;
    /** No fencing before this (monotonic) time: after an outage every heartbeat is stale, not every node hung. */
    private volatile long notBeforeNanos = Long.MAX_VALUE;

    HeartbeatWatch(
            Fencer fencer,
            ScheduledExecutorService heartbeatThread,
            NodeConfig config,
            BooleanSupplier running,
            Consumer<List<String>> freed) {
        this.fencer = fencer;
        this.heartbeatThread = heartbeatThread;
        this.nodeId = config.nodeId();
        this.timeoutNanos = config.heartbeatTimeout().toNanos();
        this.paceNanos = pace(config.heartbeatInterval(), config.heartbeatTimeout());
        this.running = running;
        this.freed = freed;
        this.ends = new SessionEnds(fencer::runningJobs, heartbeatThread, running, freed);
    }

    /** A fortieth of the timeout, at least 100 ms, and never slower than this node's own heartbeat. */
    static long pace(Duration heartbeatInterval, Duration heartbeatTimeout) {
        return Math.min(heartbeatInterval.toNanos(), Math.max(MIN_PACE_NANOS, heartbeatTimeout.toNanos() / 40));
    }

    void start() {
        next(paceNanos);
    }

    /** What this node's own heartbeat just did. */
    void beating(boolean succeeded) {
        beating = succeeded;
    }

    /** Waits one heartbeat timeout before judging others: their heartbeats may have been held up like ours. */
    void holdOff() {
        notBeforeNanos = System.nanoTime() + timeoutNanos;
        ends.forget();
    }

    private void look() {
        long delay = paceNanos;
        try {
            if (running.getAsBoolean() && beating) {
                // A dead member's fires are taken over from the first look on; the hold-off is for verdicts of hangs.
                List<StaleNode> others = fencer.others();
                ends.observe(others);
                if (System.nanoTime() - notBeforeNanos < 0) {
                    return;
                }
                fencer.fenceStale(others, freed);
                long untilVerdict = fencer.nextVerdictNanos() - System.nanoTime();
                if (untilVerdict > 0) { // else the node found stale now was not fenced here: look at the pace
                    delay = Math.min(paceNanos, untilVerdict + VERDICT_MARGIN_NANOS);
                }
            }
        } catch (RuntimeException e) {
            // The heartbeat reports an unavailable database; a look that failed is simply not a look.
            log.debug("Node {}: looking at the other members' heartbeats failed: {}", nodeId, e.toString());
        } finally {
            next(delay);
        }
    }

    private void next(long delayNanos) {
        try {
            heartbeatThread.schedule(this::look, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the node stops
        }
    }
}
