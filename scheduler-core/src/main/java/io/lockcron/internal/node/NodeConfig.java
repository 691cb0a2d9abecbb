package io.lockcron.internal.node;

import io.lockcron.SchedulerListener;
import io.lockcron.job.JobInvoker;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
        List<SchedulerListener> listeners) {

    public static String defaultNodeId() {
        return host() + ":" + ProcessHandle.current().pid();
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
