package io.lockcron.admin.cluster;

/** A node's health as the console judges it from {@code scheduler_node}. */
public enum NodeHealth {
    /** Active, with a recent heartbeat. */
    ALIVE,
    /** Recorded as active, but its heartbeat is older than {@code lockcron.console.node-dead-after}. */
    DEAD,
    /** Fenced by another node: its database session was killed. */
    FENCED,
    /** Stopped and left the cluster. */
    LEFT
}
