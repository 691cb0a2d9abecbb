package io.lockcron.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.schema.LockcronSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/** The benchmark's database: pools, a fresh schema, and the server's statement counter. */
record Database(String url, String user, String password) {

    HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName(name);
        // READ COMMITTED as the pool default spares a SET per fire; see README "Operations".
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("useLocalSessionState", "true");
        config.addDataSourceProperty("useServerPrepStmts", "false");
        return new HikariDataSource(config);
    }

    void freshSchema(DataSource dataSource) {
        execute(
                dataSource,
                List.of(
                        "DROP TABLE IF EXISTS audit_event",
                        "DROP TABLE IF EXISTS fencing_event",
                        "DROP TABLE IF EXISTS failover_event",
                        "DROP TABLE IF EXISTS fire_attempt",
                        "DROP TABLE IF EXISTS job_execution",
                        "DROP TABLE IF EXISTS scheduler_node",
                        "DROP TABLE IF EXISTS lock_cron",
                        "DROP TABLE IF EXISTS lockcron_schema_version",
                        "DROP TABLE IF EXISTS bench_effect",
                        "CREATE TABLE bench_effect (job_name VARCHAR(190) NOT NULL, fire_time VARCHAR(40) NOT NULL)"));
        LockcronSchema.install(dataSource, "");
    }

    /** Statements the server has received from all clients so far (MySQL/MariaDB 'Questions'). */
    long statements(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            return rs.next() ? rs.getLong(2) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    static void execute(DataSource dataSource, List<String> statements) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
