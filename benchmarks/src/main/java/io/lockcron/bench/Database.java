package io.lockcron.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.schema.LockcronSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/** The benchmark's database: pools and a fresh schema. */
record Database(String url, String user, String password) {

    static Database of(Options options) {
        return new Database(options.get("url", ""), options.get("user", "root"), options.get("password", ""));
    }

    /** The same connection as {@code --url/--user/--password} for a node process. */
    List<String> arguments() {
        return List.of("--url", url, "--user", user, "--password", password);
    }

    HikariDataSource pool(String name, int size) {
        return pool(name, size, false);
    }

    HikariDataSource pool(String name, int size, boolean effects) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName(name);
        config.setConnectionTimeout(60_000);
        if (!effects) {
            // READ COMMITTED as the pool default spares a SET per fire; see README "Operations".
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        config.addDataSourceProperty("cachePrepStmts", "true");
        // The driver's default of 256 characters leaves the claim's statement unparsed per use (README "Operations").
        config.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
        config.addDataSourceProperty("useLocalSessionState", "true");
        config.addDataSourceProperty("useServerPrepStmts", "false");
        // LOCKCRON_BENCH_DRIVER="name=value,..." adds or overrides driver properties: a setting is
        // measured without a rebuild.
        String extra = System.getenv().getOrDefault("LOCKCRON_BENCH_DRIVER", "");
        for (String pair : extra.split(",")) {
            if (pair.contains("=")) {
                config.addDataSourceProperty(
                        pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return new HikariDataSource(config);
    }

    void freshSchema(DataSource dataSource) {
        execute(
                dataSource,
                List.of(
                        "DROP TABLE IF EXISTS job_request",
                        "DROP TABLE IF EXISTS audit_event",
                        "DROP TABLE IF EXISTS fencing_event",
                        "DROP TABLE IF EXISTS failover_event",
                        "DROP TABLE IF EXISTS fire_attempt",
                        "DROP TABLE IF EXISTS job_execution",
                        "DROP TABLE IF EXISTS scheduler_node",
                        "DROP TABLE IF EXISTS lock_cron",
                        "DROP TABLE IF EXISTS lockcron_schema_version",
                        "DROP TABLE IF EXISTS bench_effect",
                        // No unique key on purpose: a fire that ran twice must be able to show it.
                        // The id: Galera certifies rows by primary key, and without one rows that two members
                        // insert can collide.
                        "CREATE TABLE bench_effect (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, job_name"
                                + " VARCHAR(190) NOT NULL, fire_ms BIGINT NOT NULL, node_id VARCHAR(190) NOT NULL,"
                                + " KEY bench_effect_fire (fire_ms, job_name))"));
        LockcronSchema.install(dataSource, "");
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
