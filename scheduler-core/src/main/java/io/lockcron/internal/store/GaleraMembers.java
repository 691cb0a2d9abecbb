package io.lockcron.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Galera member can say about the cluster's other members. Row locks, named locks ({@code
 * GET_LOCK}, which lockcron labels sessions with) and connection ids are each member's own and are
 * not replicated; writes are, and a transaction that conflicts with a write committed on another
 * member fails certification at its commit. So a session id is recorded with its member's tag
 * (eight hex digits of {@code MD5(wsrep_node_name)}), and a session recorded on another member is
 * judged by whether that member is still in the cluster ({@code mysql.wsrep_cluster_members}):
 * gone with it, or alive there and out of this member's sight.
 */
final class GaleraMembers {
    private static final Logger log = LoggerFactory.getLogger(GaleraMembers.class);
    static final String TAG = "LEFT(MD5(@@wsrep_node_name), 8)";
    private static final AtomicBoolean warned = new AtomicBoolean();

    private GaleraMembers() {}

    /** Whether {@code connection}'s server is a Galera member with replication on. */
    static boolean isMember(Connection connection) {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SHOW VARIABLES LIKE 'wsrep_on'")) {
            return rs.next() && "ON".equalsIgnoreCase(rs.getString(2));
        } catch (SQLException e) {
            return false; // not MariaDB/Percona with wsrep: a plain server
        }
    }

    /** The session id and member tag of a recorded {@code id@tag}; the tag is null for a plain id. */
    record Recorded(long id, @Nullable String member) {
        static Recorded parse(String sessionId) {
            int at = sessionId.indexOf('@');
            return at < 0
                    ? new Recorded(Long.parseLong(sessionId), null)
                    : new Recorded(Long.parseLong(sessionId.substring(0, at)), sessionId.substring(at + 1));
        }
    }

    /** This connection's member tag. */
    static String here(Handle handle) {
        return handle.createQuery("SELECT " + TAG).mapTo(String.class).one();
    }

    /**
     * Whether the member tagged {@code member} is in this member's view of the cluster. Without the
     * privilege to read it, the member counts as gone: a fire is taken over rather than never run.
     */
    static boolean inCluster(Handle handle, String member) {
        try {
            return handle.createQuery(
                                    "SELECT COUNT(*) FROM mysql.wsrep_cluster_members WHERE LEFT(MD5(node_name), 8) = :m")
                            .bind("m", member)
                            .mapTo(Integer.class)
                            .one()
                    > 0;
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                log.warn(
                        "Cannot read mysql.wsrep_cluster_members ({}): a fire started on another Galera member is taken"
                                + " over as soon as it looks free here. Grant the nodes' user SELECT ON"
                                + " mysql.wsrep_cluster_members.",
                        e.getMessage());
            }
            return false;
        }
    }
}
