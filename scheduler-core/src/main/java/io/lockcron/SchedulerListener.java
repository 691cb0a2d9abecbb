package io.lockcron;

/**
 * Hears what a node does, for metrics and logs. Called on the node's threads after the fact:
 * keep it quick, and do not throw (a throwing listener is logged and ignored).
 */
public interface SchedulerListener {

    /** A fire's execution committed, with its outcome and timings (lag = start - scheduled time). */
    default void executionFinished(ExecutionInfo execution) {}

    /** This node took over a fire another node lost. */
    default void failoverDetected(FailoverInfo failover) {}

    /** This node fenced a node whose heartbeat went stale (killed its database sessions). */
    default void nodeFenced(String fencedNodeId, String byNodeId) {}

    /** This node could not reach the database ({@code down}) or reached it again. */
    default void databaseAvailability(boolean down) {}
}
