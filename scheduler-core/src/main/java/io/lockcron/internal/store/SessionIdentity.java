package io.lockcron.internal.store;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * How a node's database sessions carry its identity on one database, and how a fencer finds and
 * ends exactly those sessions. A bare session id is no identity: MySQL and MariaDB count ids from 1
 * again after a restart and PostgreSQL recycles backend pids, so an id recorded by a hung node may
 * by now belong to another node's fire, to the application, or to the fencer itself.
 */
interface SessionIdentity {

    /** Labels the session of {@code handle} as {@code owner}'s, until the label is removed or the session ends. */
    Label label(Handle handle, SessionOwner owner);

    /**
     * Ends every session that the server proves is {@code owner}'s, recorded anywhere or not. {@code
     * recorded} are the ids the tables name; only a database that can label nothing falls back to
     * them.
     */
    Kills kill(Handle handle, SessionOwner owner, Collection<String> recorded);

    /**
     * Whether session {@code sessionId}, in use since {@code since}, is still one of {@code owner}'s
     * labelled sessions; false where the database cannot prove it (then callers act as if the
     * session were gone).
     */
    default boolean isLabelled(Handle handle, SessionOwner owner, String sessionId, java.time.Instant since) {
        return false;
    }

    /**
     * Whether {@code sessionId} names a session on another member of a multi-primary cluster
     * (Galera) that is still in the cluster: one that this connection's server can neither see nor end.
     */
    default boolean onAnotherLiveMember(Handle handle, String sessionId) {
        return false;
    }

    /** One session's label. */
    interface Label {
        /** Takes the label off the session of {@code handle}, the session that carries it. */
        void remove(Handle handle);

        /** The session has ended, and its label with it: lets go of what this process keeps for it. */
        void forget();

        Label NONE = new Label() {
            @Override
            public void remove(Handle handle) {}

            @Override
            public void forget() {}
        };
    }

    /** What a fencing did: sessions ended for sure, and what could not be done. */
    record Kills(int killed, List<String> problems) {}
}
