package io.lockcron.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A sample of the server's global counters ({@code SHOW GLOBAL STATUS}: statements received,
 * rows read) and of its CPU time when its process is known; two samples make a window.
 */
record ServerCounters(long statements, long rowsRead, long commits, Optional<Duration> cpu) {

    static ServerCounters sample(DataSource dataSource, Optional<ProcessHandle> server) {
        long statements = -1;
        long rowsRead = -1;
        long commits = -1;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN"
                        + " ('Questions', 'Rows_read', 'Innodb_rows_read', 'Com_commit')")) {
            while (rs.next()) {
                switch (rs.getString(1)) {
                    case "Questions" -> statements = rs.getLong(2);
                    // MariaDB counts rows read as Rows_read; MySQL 8 only has InnoDB's own counter.
                    case "Rows_read" -> rowsRead = rs.getLong(2);
                    case "Innodb_rows_read" -> rowsRead = rowsRead < 0 ? rs.getLong(2) : rowsRead;
                    case "Com_commit" -> commits = rs.getLong(2);
                    default -> {}
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SHOW GLOBAL STATUS failed: " + e.getMessage(), e);
        }
        return new ServerCounters(
                statements, rowsRead, commits, server.flatMap(p -> p.info().totalCpuDuration()));
    }

    /** This sample minus an earlier one; the sampling query itself is one statement. */
    ServerCounters minus(ServerCounters earlier) {
        Optional<Duration> spent = cpu.isPresent() && earlier.cpu.isPresent()
                ? Optional.of(cpu.get().minus(earlier.cpu.get()))
                : Optional.empty();
        return new ServerCounters(
                statements - earlier.statements - 1, rowsRead - earlier.rowsRead, commits - earlier.commits, spent);
    }
}
