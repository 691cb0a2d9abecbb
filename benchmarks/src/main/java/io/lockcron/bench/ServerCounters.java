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
record ServerCounters(
        long statements, long rowsRead, long commits, java.util.Map<String, Long> kinds, Optional<Duration> cpu) {

    static ServerCounters sample(DataSource dataSource, Optional<ProcessHandle> server) {
        long statements = -1;
        long rowsRead = -1;
        long commits = -1;
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN"
                        + " ('Questions', 'Rows_read', 'Innodb_rows_read', 'Com_commit')"
                        + " OR Variable_name IN ('Com_select', 'Com_insert', 'Com_update', 'Com_rollback', 'Com_set_option',"
                        + " 'Com_savepoint', 'Com_release_savepoint', 'Com_rollback_to_savepoint', 'Com_delete',"
                        + " 'Com_begin', 'Com_show_status', 'Com_kill', 'Com_stmt_execute', 'Com_stmt_prepare')")) {
            while (rs.next()) {
                if (rs.getString(1).startsWith("Com_")) {
                    kinds.put(rs.getString(1).substring(4).toLowerCase(java.util.Locale.ROOT), rs.getLong(2));
                }
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
                statements,
                rowsRead,
                commits,
                kinds,
                server.flatMap(p -> p.info().totalCpuDuration()));
    }

    /** This sample minus an earlier one; the sampling query itself is one statement. */
    ServerCounters minus(ServerCounters earlier) {
        Optional<Duration> spent = cpu.isPresent() && earlier.cpu.isPresent()
                ? Optional.of(cpu.get().minus(earlier.cpu.get()))
                : Optional.empty();
        java.util.Map<String, Long> delta = new java.util.TreeMap<>();
        kinds.forEach((k, v) -> delta.put(k, v - earlier.kinds.getOrDefault(k, 0L)));
        return new ServerCounters(
                statements - earlier.statements - 1,
                rowsRead - earlier.rowsRead,
                commits - earlier.commits,
                delta,
                spent);
    }
}
