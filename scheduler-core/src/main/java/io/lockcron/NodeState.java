package io.lockcron;

/** A node's membership, in {@code scheduler_node.state}. */
public enum NodeState {
    /** A member: heartbeats, fires, fences others. */
    ACTIVE,
    /** Fenced by another node after its heartbeat went stale; it joins again as a new incarnation. */
    FENCED,
    /** Stopped and left the cluster. */
    LEFT
}
