package io.lockcron;

/** Why a fire was taken over by another attempt, in {@code failover_event.reason}. */
public enum FailoverReason {
    /** The node that ran it died: its connection closed and its transaction rolled back. */
    CRASH,
    /** The node stopped heartbeating and was fenced: its sessions were killed. */
    HANG,
    /** A lease-mode job's lease ran out before its owner finished it. */
    LEASE_EXPIRED,
    /** The node lost its own transaction (its connection dropped) and runs the fire again itself. */
    CONNECTION_LOST
}
