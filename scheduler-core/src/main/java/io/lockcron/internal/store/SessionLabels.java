package io.lockcron.internal.store;

import io.lockcron.internal.store.SessionIdentity.Label;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jspecify.annotations.Nullable;

/**
 * Labels every session a node borrows from its pool with the node's current incarnation, from
 * the moment the handle opens — before any row is locked — so that a fencer finds every session of
 * a hung node (whether a table recorded it or not) and only those. See {@link SessionIdentity} for
 * each database's way.
 *
 * <p>A pooled connection (one that unwraps to the pool's physical connection, as HikariCP's do) is
 * labelled once and keeps its label while it lives, also while it sits in the pool: labelling it
 * on every borrow cost two statements per fire. It carries one label at a time, whichever node of
 * this process borrowed it last (nodes may share a pool), and is labelled again when the node's
 * incarnation changes; a borrow for no node (a client) leaves the label as it is. A connection
 * that does not unwrap (a bare driver connection, or a pool whose wrapper hides its connection) is
 * labelled per borrow and unlabelled when handed back, as the server cannot tell one borrow from
 * the next.
 */
public final class SessionLabels implements JdbiPlugin {
    private final SessionIdentity identity;
    private volatile @Nullable String scope;
    private volatile @Nullable SessionOwner owner;
    /**
     * Physical connection → the label its session carries, for every store of this process (one
     * label per session); a connection the pool drops is collected.
     */
    private static final Map<Connection, Labelled> pooled = new WeakHashMap<>();

    private record Labelled(SessionOwner owner, Label label) {}

    SessionLabels(Dialect dialect) {
        this.identity = switch (dialect.name()) {
            case "mysql" -> new MySqlSessionIdentity(dialect instanceof MySqlDialect m && m.galera());
            case "postgresql" -> new PostgresSessionIdentity();
            default -> new RecordedSessionIdentity(dialect);
        };
    }

    /** Called once the store knows its database and table prefix. */
    void scope(String scope) {
        this.scope = scope;
    }

    /** From now on, sessions borrowed are {@code nodeId}'s incarnation {@code incarnation}. */
    public void own(String nodeId, int incarnation) {
        owner = owner(nodeId, incarnation);
    }

    /**
     * Sessions borrowed from now on get no label: the node left. Pooled ones keep theirs, as no
     * fencer looks for a node that left.
     */
    public void disown() {
        owner = null;
    }

    SessionOwner owner(String nodeId, int incarnation) {
        return new SessionOwner(String.valueOf(scope), nodeId, incarnation);
    }

    @Override
    public Handle customizeHandle(Handle handle) {
        SessionOwner current = owner;
        if (current == null) {
            return handle; // a client's borrow, or the node has left: no label to give
        }
        Connection physical = physical(handle.getConnection());
        if (physical != null) {
            relabel(handle, physical, current);
        } else {
            Label label = identity.label(handle, current);
            handle.addCleanable(() -> label.remove(handle));
        }
        return handle;
    }

    /** Gives the pooled session of {@code handle} the label of {@code current}, unless it has it already. */
    private void relabel(Handle handle, Connection physical, SessionOwner current) {
        Labelled was;
        synchronized (pooled) {
            was = pooled.get(physical);
        }
        if (was != null && was.owner().equals(current)) {
            return; // the common case: no statement at all
        }
        if (was != null) {
            synchronized (pooled) {
                pooled.remove(physical);
            }
            was.label().remove(handle); // another node's of this process, or an earlier incarnation's
        }
        forgetClosed();
        Label label = identity.label(handle, current);
        synchronized (pooled) {
            pooled.put(physical, new Labelled(current, label));
        }
    }

    /** Lets go of the labels of connections the pools have closed meanwhile (their labels ended with them). */
    private static void forgetClosed() {
        List<Labelled> gone = new ArrayList<>();
        synchronized (pooled) {
            var entries = pooled.entrySet().iterator();
            while (entries.hasNext()) {
                var e = entries.next();
                if (isClosed(e.getKey())) {
                    gone.add(e.getValue());
                    entries.remove();
                }
            }
        }
        gone.forEach(l -> l.label().forget());
    }

    /** The pool's own connection behind {@code borrowed}, or null if it does not unwrap to another one. */
    private static @Nullable Connection physical(Connection borrowed) {
        try {
            Connection inner = borrowed.unwrap(Connection.class);
            return inner != null && inner != borrowed ? inner : null;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Whether {@code sessionId} is a session of that incarnation right now, as far as the database can prove. */
    boolean isLabelled(Handle handle, String nodeId, int incarnation, String sessionId, java.time.Instant since) {
        return identity.isLabelled(handle, owner(nodeId, incarnation), sessionId, since);
    }

    /** Whether {@code sessionId} was recorded on another Galera member that is still in the cluster. */
    boolean onAnotherLiveMember(Handle handle, String sessionId) {
        return identity.onAnotherLiveMember(handle, sessionId);
    }

    SessionIdentity.Kills kill(Handle handle, String nodeId, int incarnation, Collection<String> recorded) {
        return identity.kill(handle, owner(nodeId, incarnation), recorded);
    }
}
