package io.lockcron.internal.store;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * What differs between databases, as SQL fragments. Whole statements that differ live in
 * {@code sql/<name>/<statement>.sql} resources, found before the shared {@code sql/<statement>.sql}.
 */
public interface Dialect {

    /** The folder of per-dialect statement overrides, and of the schema scripts under {@code sql/}. */
    String name();

    /** The database's current time in UTC, millisecond precision, read fresh for each statement. */
    String now();

    /** This connection's session id, as text: what fencing needs to kill it. */
    String sessionId();

    /**
     * Ends another session, rolling back its transaction and freeing its row locks: how a live
     * node fences a hung one. {@code <session>} is replaced by a numeric session id.
     */
    String killSession();

    /**
     * Makes the server end this session once it has been idle for {@code seconds} while holding
     * a transaction open — the second signal that frees a hung node's locks if no live node
     * fences it. Null where the database has no such limit.
     */
    @Nullable
    String idleLimit(long seconds);

    /**
     * Whether the server is a member of a multi-primary cluster (Galera) that rolls a transaction
     * back when a write committed on another member conflicts with it: at its commit (certification)
     * or, as that write is applied here, at its next statement. Such a rollback is a lost race.
     */
    default boolean certifiesCommits() {
        return false;
    }

    /**
     * What to put before a claim's SELECT so that it reads every write committed anywhere in the
     * cluster before it (Galera's causality check); empty where one server's reads are current.
     */
    default String causalRead() {
        return "";
    }

    /** A UTC time as the driver should receive it for a TIMESTAMP or DATETIME(3) parameter. */
    default Object bindable(LocalDateTime utc) {
        return utc;
    }
}
