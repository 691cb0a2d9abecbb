package io.lockcron;

/** Why a fire was taken over by another attempt, in {@code failover_event.reason}. */
public enum FailoverReason {
    /** The node that ran it died: its connection closed and its transaction rolled back. */
    CRASH,
    /** The node stopped heartbeating and was fenced: its sessions were killed. */
    HANG,
    /** A lease-mode job's lease ran out before its owner finished it. */
    LEASE_EXPIRED,
    /**
     * The fire's transaction was cut off with its connection while its node lived: the node lost
     * its connection and runs the fire again itself, or the database went away (a restart, a
     * switchover to a standby) and a node that saw it go takes the fire over.
     */
    CONNECTION_LOST
}
