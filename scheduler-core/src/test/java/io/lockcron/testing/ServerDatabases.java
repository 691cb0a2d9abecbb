package io.lockcron.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Creates a test JVM's own database on a server once, and drops it when the JVM exits. */
final class ServerDatabases {
    private static final Set<String> created = ConcurrentHashMap.newKeySet();

    private ServerDatabases() {}

    static void create(String serverUrl, String user, String password, String create, String drop) {
        if (TestDatabase.inChildJvm() || !created.add(create)) {
            return;
        }
        try (Connection c = DriverManager.getConnection(serverUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute(drop);
            s.execute(create);
        } catch (SQLException e) {
            created.remove(create);
            throw new IllegalStateException(
                    "Cannot create a test database on " + serverUrl + " as '" + user + "': "
                            + e.getMessage()
                            + "\nStart MariaDB 10.6+/MySQL 8.0+ on 127.0.0.1:3306 (root, empty password)"
                            + " and PostgreSQL 14+ on 127.0.0.1:5432 (postgres, trust) — .ci/run does both — or point"
                            + " LOCKCRON_MYSQL_URL / LOCKCRON_PG_URL (with _USER and _PASSWORD) at existing databases.",
                    e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(serverUrl, user, password);
                    Statement s = c.createStatement()) {
                s.execute(drop);
            } catch (SQLException e) {
                // best effort: the next run of this pid drops it before use
            }
        }));
    }
}
