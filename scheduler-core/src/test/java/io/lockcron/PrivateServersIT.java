package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockcron.testing.PrivateMariaDb;
import io.lockcron.testing.PrivatePostgres;
import io.lockcron.testing.PrivateServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fault tests' own servers: they start, restart on their data, step their clock, and leave nothing behind. */
class PrivateServersIT {

    @Test
    void mariaDbRestartsReusingSessionIdsAndStepsItsClock() throws Exception {
        Path dir;
        try (PrivateMariaDb server = PrivateMariaDb.start(true)) {
            dir = dataDirOf(server);
            exercise(server, "SELECT CONNECTION_ID()", "SELECT UTC_TIMESTAMP(3)");
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void postgresRestartsAndStepsItsClock() throws Exception {
        Path dir;
        try (PrivatePostgres server = PrivatePostgres.start(true)) {
            dir = dataDirOf(server);
            exercise(
                    server,
                    "SELECT pg_backend_pid()",
                    "SELECT CAST(clock_timestamp() AT TIME ZONE 'UTC' AS TIMESTAMP(3))");
        }
        assertThat(dir).doesNotExist();
    }

    private static void exercise(PrivateServer server, String sessionId, String now) throws SQLException {
        try (Connection c = connect(server)) {
            write(c, "CREATE TABLE kept (v INT)");
            write(c, "INSERT INTO kept VALUES (42)");
        }
        assertThat(skew(server, now)).isBetween(Duration.ofSeconds(-5), Duration.ofSeconds(5));
        server.stepClock(Duration.ofSeconds(60));
        assertThat(skew(server, now)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(65));
        server.stepClock(Duration.ofSeconds(-60));
        assertThat(skew(server, now)).isBetween(Duration.ofSeconds(-65), Duration.ofSeconds(-55));

        long before;
        try (Connection c = connect(server)) {
            before = single(c, sessionId);
        }
        server.restart(true);
        try (Connection c = connect(server)) {
            assertThat(single(c, "SELECT v FROM kept")).isEqualTo(42); // same data after the crash
            if (server.name().equals("mariadb")) {
                assertThat(single(c, sessionId))
                        .as("ids start again after a restart")
                        .isLessThanOrEqualTo(before);
            }
        }
    }

    private static Duration skew(PrivateServer server, String now) throws SQLException {
        try (Connection c = connect(server);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(now)) {
            rs.next();
            Instant db = rs.getObject(1, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC);
            return Duration.between(Instant.now(), db);
        }
    }

    private static Connection connect(PrivateServer server) throws SQLException {
        return DriverManager.getConnection(server.url(), server.user(), server.password());
    }

    private static void write(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Path dataDirOf(PrivateServer server) {
        Path dir = server.directory();
        assertThat(Files.isDirectory(dir)).isTrue();
        return dir;
    }
}
