package io.lockcron.internal.store;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * PostgreSQL: a borrowed session's {@code application_name} is the node's label, reset when it is
 * handed back. The fencer reads pg_stat_activity and terminates in one statement, so the pid it
 * ends is the one that carried the label a moment before, not one recycled since the label was
 * recorded anywhere; only backends seen to exit are counted.
 */
final class PostgresSessionIdentity implements SessionIdentity {
    private static final int MAX_NAME = 63;

    @Override
    public Label label(Handle handle, SessionOwner owner) {
        // Outside a transaction (a handle starts in auto-commit), so no rollback undoes it.
        handle.createQuery("SELECT set_config('application_name', :name, false)")
                .bind("name", owner.label("", MAX_NAME))
                .mapTo(String.class)
                .one();
        return new Label() {
            @Override
            public void remove(Handle on) {
                if (!on.isInTransaction()) {
                    on.execute("RESET application_name");
                }
            }

            @Override
            public void forget() {}
        };
    }

    /**
     * Whether the backend is alive and carries the owner's label: a pid is reused only by a backend
     * started after this one exited, and then carries that label only if the same node incarnation
     * borrowed it, which the attempt's grace ({@code OwnerGrace.LIVE_SESSION_GRACE}) bounds.
     */
    @Override
    public boolean isLabelled(Handle handle, SessionOwner owner, String sessionId, java.time.Instant since) {
        try {
            return handle.createQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = :pid"
                                    + " AND application_name = :name AND datname = current_database()")
                            .bind("pid", Integer.parseInt(sessionId.strip()))
                            .bind("name", owner.label("", MAX_NAME))
                            .mapTo(Integer.class)
                            .one()
                    > 0;
        } catch (RuntimeException e) {
            return false; // unprovable: take the fire over rather than never run it
        }
    }

    @Override
    public Kills kill(Handle handle, SessionOwner owner, Collection<String> recorded) {
        // Materialized first: in a plain WHERE the planner may call pg_terminate_backend before
        // the label test, on every session of the server. With a timeout (PostgreSQL 14+) it is true
        // only once the backend has exited, not when the signal was merely sent: a count of proven kills.
        int killed = handle.createQuery("WITH labelled AS MATERIALIZED (SELECT pid FROM pg_stat_activity"
                        + " WHERE application_name = :name AND datname = current_database()"
                        + " AND pid <> pg_backend_pid())"
                        + " SELECT COUNT(*) FROM labelled WHERE pg_terminate_backend(pid, 5000)")
                .bind("name", owner.label("", MAX_NAME))
                .mapTo(Integer.class)
                .one();
        return new Kills(killed, List.of());
    }
}
