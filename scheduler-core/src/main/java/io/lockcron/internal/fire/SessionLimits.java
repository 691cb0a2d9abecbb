package io.lockcron.internal.fire;

import io.lockcron.internal.store.Dialect;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * The second signal: the server itself ends a session that sits idle in a fire's transaction for
 * longer than the idle limit, so a lock cannot outlive its holder for long even when no live node
 * fences it. Set once per database session (pooled connections are reused, so the set of sessions
 * seen stays small).
 */
final class SessionLimits {
    private static final int MAX_REMEMBERED = 10_000;
    private final String statement;
    private final Set<String> applied = ConcurrentHashMap.newKeySet();

    SessionLimits(Dialect dialect, Duration limit) {
        this.statement = dialect.idleLimit(Math.max(1, limit.toSeconds()));
    }

    /**
     * Sets the limit on this session unless it has it already; true if it was set now. On
     * PostgreSQL a SET inside a transaction is undone by a rollback, so the session counts as
     * limited only once the fire has committed: see {@link #committed}.
     */
    boolean apply(Handle handle, String sessionId) {
        if (statement == null || applied.contains(sessionId)) {
            return false;
        }
        handle.execute(statement);
        return true;
    }

    void committed(String sessionId) {
        if (applied.size() > MAX_REMEMBERED) {
            applied.clear();
        }
        applied.add(sessionId);
    }

    /** After an outage the server may have reused session ids for new connections. */
    void forget() {
        applied.clear();
    }
}
