package io.lockcron.job;

/** Why a fire happened. */
public enum FireKind {
    /** Its trigger came due. */
    SCHEDULED,
    /** Someone asked for it: "trigger now" from the client or the console. */
    MANUAL
}
