package io.lockcron.internal.store;

import java.util.Collection;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jspecify.annotations.Nullable;

/**
 * Labels every session a node borrows from its pool with the node's current incarnation, from
 * the moment the handle opens — before any row is locked — until it closes, so that a fencer finds
 * every session of a hung node (whether a table recorded it or not) and only those. See {@link
 * SessionIdentity} for each database's way.
 */
public final class SessionLabels implements JdbiPlugin {
    private final SessionIdentity identity;
    private volatile @Nullable String scope;
    private volatile @Nullable SessionOwner owner;

    SessionLabels(Dialect dialect) {
        this.identity = switch (dialect.name()) {
            case "mysql" -> new MySqlSessionIdentity();
            case "postgresql" -> new PostgresSessionIdentity();
            default -> new RecordedSessionIdentity(dialect);
        };
    }

    /** Called once the store knows its database and table prefix. */
    void scope(String scope) {
        this.scope = scope;
    }

    /** From now on, sessions opened are {@code nodeId}'s incarnation {@code incarnation}. */
    public void own(String nodeId, int incarnation) {
        owner = owner(nodeId, incarnation);
    }

    /** Sessions opened from now on carry no label (the node left). */
    public void disown() {
        owner = null;
    }

    SessionOwner owner(String nodeId, int incarnation) {
        return new SessionOwner(String.valueOf(scope), nodeId, incarnation);
    }

    @Override
    public Handle customizeHandle(Handle handle) {
        SessionOwner current = owner;
        if (current != null) {
            Runnable undo = identity.label(handle, current);
            handle.addCleanable(undo::run);
        }
        return handle;
    }

    /** Whether {@code sessionId} is a session of that incarnation right now, as far as the database can prove. */
    boolean isLabelled(Handle handle, String nodeId, int incarnation, String sessionId, java.time.Instant since) {
        return identity.isLabelled(handle, owner(nodeId, incarnation), sessionId, since);
    }

    SessionIdentity.Kills kill(Handle handle, String nodeId, int incarnation, Collection<String> recorded) {
        return identity.kill(handle, owner(nodeId, incarnation), recorded);
    }
}
