package io.lockcron.internal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * H2 has no label another session can read, so fencing falls back to the session ids the tables
 * record. H2 numbers sessions afresh only when the database itself starts again, and an embedded
 * database restarts with its process, which ends every session anyway.
 */
final class RecordedSessionIdentity implements SessionIdentity {
    private final Dialect dialect;

    RecordedSessionIdentity(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public Label label(Handle handle, SessionOwner owner) {
        return Label.NONE;
    }

    /**
     * Whether the session is still open: with no labels to read, an open session with the recorded
     * id is taken to be the one recorded, since H2 gives out an id once per start of the database.
     */
    @Override
    public boolean isLabelled(Handle handle, SessionOwner owner, String sessionId, java.time.Instant since) {
        if (!"h2".equals(dialect.name())) {
            return false;
        }
        try {
            return handle.createQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = :id")
                            .bind("id", Integer.parseInt(sessionId.strip()))
                            .mapTo(Integer.class)
                            .one()
                    > 0;
        } catch (RuntimeException e) {
            return false; // unprovable: take the fire over rather than never run it
        }
    }

    @Override
    public Kills kill(Handle handle, SessionOwner owner, Collection<String> recorded) {
        int killed = 0;
        List<String> problems = new ArrayList<>();
        for (String session : recorded) {
            long id;
            try {
                id = Long.parseLong(session.strip());
            } catch (NumberFormatException e) {
                continue; // not an id this database gave out
            }
            String sql = dialect.killSession().replace("CALL ", "SELECT ").replace("<session>", Long.toString(id));
            try {
                Boolean ended = handle.createQuery(sql).mapTo(Boolean.class).one();
                if (Boolean.TRUE.equals(ended)) {
                    killed++;
                }
            } catch (RuntimeException e) {
                problems.add("session " + id + ": " + e.getMessage());
            }
        }
        return new Kills(killed, problems);
    }
}
