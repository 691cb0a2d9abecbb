package io.lockcron.internal.store;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * MySQL and MariaDB: a borrowed session holds a named lock ({@code GET_LOCK}) whose name is the
 * node's label plus a slot number, and releases it when handed back. {@code IS_USED_LOCK(name)}
 * tells any session — without performance_schema or any privilege — which connection holds it.
 * Named locks die with their session and with the server, and connection ids only grow while a
 * server runs, so an id read this way and killed on the same connection is the labelled session
 * itself, never one that reused its number after a restart.
 */
final class MySqlSessionIdentity implements SessionIdentity {
    /** Sessions one node may have borrowed at once; the fencer probes this many names. */
    static final int SLOTS = 256;

    private static final int MAX_NAME = 64;
    private final BitSet slots = new BitSet(SLOTS);
    private final boolean galera;

    /** {@code galera}: session ids carry their member's tag and labels are seen on their member only. */
    MySqlSessionIdentity(boolean galera) {
        this.galera = galera;
    }

    @Override
    public Label label(Handle handle, SessionOwner owner) {
        int from = 0;
        while (true) {
            int slot = reserve(from, owner);
            String name = name(owner, slot);
            Integer got = handle.createQuery("SELECT GET_LOCK(:name, 0)")
                    .bind("name", name)
                    .mapTo(Integer.class)
                    .one();
            if (got != null && got == 1) {
                return new Label() {
                    @Override
                    public void remove(Handle on) {
                        try {
                            on.createQuery("SELECT RELEASE_LOCK(:name)")
                                    .bind("name", name)
                                    .mapTo(Integer.class)
                                    .findOne();
                        } finally {
                            free(slot);
                        }
                    }

                    @Override
                    public void forget() {
                        free(slot); // the lock died with its session
                    }
                };
            }
            // Held by a live session of ours labelled on a connection this process lost track of: take the next one.
            from = slot + 1;
        }
    }

    @Override
    public boolean isLabelled(Handle handle, SessionOwner owner, String sessionId, java.time.Instant since) {
        try {
            // Ids count from 1 again after a restart, and the same incarnation's new sessions carry the
            // same labels: only a session in use since after the server started can be that one.
            GaleraMembers.Recorded recorded = GaleraMembers.Recorded.parse(sessionId);
            if (recorded.member() != null && !recorded.member().equals(GaleraMembers.here(handle))) {
                return false; // another member's session: see onAnotherLiveMember
            }
            return startedBefore(handle, since) && holders(handle, owner).contains(recorded.id());
        } catch (RuntimeException e) {
            // Unprovable (an id that is no number, a server that refuses the probe): behave as before
            // the probe existed and take the fire over, rather than never run it.
            return false;
        }
    }

    @Override
    public boolean onAnotherLiveMember(Handle handle, String sessionId) {
        if (!galera || sessionId.indexOf('@') < 0) {
            return false;
        }
        try {
            String member = GaleraMembers.Recorded.parse(sessionId).member();
            return !member.equals(GaleraMembers.here(handle)) && GaleraMembers.inCluster(handle, member);
        } catch (RuntimeException e) {
            return false; // unprovable: take the fire over rather than never run it
        }
    }

    /**
     * Ends the owner's labelled sessions on this connection's server. On a Galera member that is
     * this member only: named locks are not replicated, and no member can end another's sessions.
     * A hung node's transaction on another member cannot commit after the takeover, though: the
     * takeover's writes to the same rows fail it at certification (or abort it as they are applied
     * there).
     */
    @Override
    public Kills kill(Handle handle, SessionOwner owner, Collection<String> recorded) {
        List<Long> holders = holders(handle, owner);
        int killed = 0;
        List<String> problems = new ArrayList<>();
        for (long id : holders) {
            try (java.sql.Statement s = handle.getConnection().createStatement()) {
                s.execute("KILL CONNECTION " + id); // KILL takes no parameters; id is a number read above
                killed++;
            } catch (java.sql.SQLException e) {
                if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("unknown thread id")) {
                    problems.add("session " + id + ": " + e.getMessage());
                }
            }
        }
        return new Kills(killed, problems);
    }

    /**
     * Whether the server has been up since before {@code since}, with two seconds' margin (Uptime and
     * UNIX_TIMESTAMP() count whole seconds; UNIX_TIMESTAMP() takes no detour through the session's
     * time zone, whose hour repeated at the end of summer time would make NOW() ambiguous).
     */
    private static boolean startedBefore(Handle handle, java.time.Instant since) {
        long uptime = handle.createQuery("SHOW GLOBAL STATUS LIKE 'Uptime'")
                .map((rs, ctx) -> rs.getLong(2))
                .one();
        java.time.Instant now = handle.createQuery("SELECT UNIX_TIMESTAMP()")
                .map((rs, ctx) -> java.time.Instant.ofEpochSecond(rs.getLong(1)))
                .one();
        return now.minusSeconds(uptime + 2).isBefore(since);
    }

    /** The sessions, other than this one, that hold one of {@code owner}'s labels now. */
    private static List<Long> holders(Handle handle, SessionOwner owner) {
        StringBuilder sql = new StringBuilder("SELECT CONNECTION_ID()");
        for (int slot = 0; slot < SLOTS; slot++) {
            sql.append(", IS_USED_LOCK(:n").append(slot).append(')');
        }
        Query probe = handle.createQuery(sql.toString());
        for (int slot = 0; slot < SLOTS; slot++) {
            probe.bind("n" + slot, name(owner, slot));
        }
        return probe.map((rs, ctx) -> {
                    List<Long> ids = new ArrayList<>();
                    long self = rs.getLong(1);
                    for (int i = 2; i <= SLOTS + 1; i++) {
                        long id = rs.getLong(i);
                        if (!rs.wasNull() && id != self) {
                            ids.add(id);
                        }
                    }
                    return ids;
                })
                .one();
    }

    private static String name(SessionOwner owner, int slot) {
        return owner.label("/" + slot, MAX_NAME);
    }

    private synchronized int reserve(int from, SessionOwner owner) {
        int slot = slots.nextClearBit(from);
        if (slot >= SLOTS && from == 0) {
            // Slots of connections that ended unnoticed (collected before they were seen closed) are
            // marked still: start afresh, GET_LOCK skips the slots live sessions hold.
            slots.clear();
            slot = 0;
        }
        if (slot >= SLOTS) {
            throw new IllegalStateException("Node " + owner.nodeId() + " has more than " + SLOTS
                    + " database sessions labelled at once; lockcron labels at most that many per node."
                    + " Lower the worker threads or the connection pool size.");
        }
        slots.set(slot);
        return slot;
    }

    private synchronized void free(int slot) {
        slots.clear(slot);
    }
}
