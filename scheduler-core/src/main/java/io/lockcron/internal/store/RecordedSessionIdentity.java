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
