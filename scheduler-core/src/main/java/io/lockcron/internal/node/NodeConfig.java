package io.lockcron.internal.node;

import io.lockcron.SchedulerListener;
import io.lockcron.job.FireTransactions;
import io.lockcron.job.JobInvoker;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/** A node's settings, as the builder validated them. */
public record NodeConfig(
        String nodeId,
        Duration pollInterval,
        Duration heartbeatInterval,
        Duration heartbeatTimeout,
        Duration leaseDuration,
        Duration idleLimit,
        int workerThreads,
        Duration misfireThreshold,
        @Nullable Duration historyRetention,
        Duration purgeInterval,
        Duration shutdownTimeout,
        String tablePrefix,
        Clock clock,
        JobInvoker invoker,
        @Nullable FireTransactions fireTransactions,
        @Nullable ThreadFactory workerThreadFactory,
        List<SchedulerListener> listeners) {

    /**
     * Host, process id and a random suffix: in containers the pid is often 1 and host names can
     * repeat, and two live processes sharing an id would keep displacing each other.
     */
    public static String defaultNodeId() {
        String suffix = Integer.toHexString(
                java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String id = host() + ":" + ProcessHandle.current().pid() + ":" + suffix;
        return id.length() <= MAX_NODE_ID ? id : id.substring(id.length() - MAX_NODE_ID);
    }

    /** The width of scheduler_node.node_id. */
    public static final int MAX_NODE_ID = 100;

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
