package io.lockcron.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.schema.LockcronSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * A real database for tests: MariaDB or MySQL, PostgreSQL, or H2. Coordinates come from
 * environment variables with the local servers as defaults; an unreachable database fails the
 * test with a message saying how to provide one, it never skips.
 */
public abstract class TestDatabase {
    static final List<String> TABLES = List.of(
            "job_request",
            "audit_event",
            "job_registration",
            "fencing_event",
            "failover_event",
            "fire_attempt",
            "job_execution",
            "scheduler_node",
            "lock_cron",
            "lockcron_schema_version");

    private volatile boolean installed;

    /** A short name for logs and node ids: mariadb, postgresql, h2. */
    public abstract String name();

    public abstract String url();

    public abstract String user();

    public abstract String password();

    /** Statements run on every new connection (e.g. a non-UTC session time zone). */
    public String connectionInitSql() {
        return null;
    }

    /**
     * A statement after which this session gives up waiting for a row lock within 1 s, set per
     * session only (never globally on a shared server): a client on such a session that waited
     * for a fire's lock would fail, not just be slow.
     */
    public String shortLockWaitSql() {
        return switch (name()) {
            case "postgresql" -> "SET lock_timeout = '1s'";
            case "h2" -> "SET LOCK_TIMEOUT 1000";
            default -> "SET SESSION innodb_lock_wait_timeout = 1";
        };
    }

    protected abstract String howToProvide();

    /**
     * Ends every other session on this database, as a server restart would: what CI can do to a
     * shared server without restarting it. Returns how many sessions were ended.
     */
    public int dropAllConnections(DataSource admin) {
        throw new UnsupportedOperationException(name() + " runs in process: there is no server to drop connections");
    }

    /** A new pool on this database; the caller closes it. */
    public HikariDataSource newDataSource(int poolSize) {
        return newDataSource(poolSize, url());
    }

    /** A new pool reaching this database through {@code url} (e.g. a {@link TcpProxy}). */
    public HikariDataSource newDataSource(int poolSize, String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user());
        config.setPassword(password());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(-1);
        config.setPoolName("test-" + name());
        if (connectionInitSql() != null) {
            config.setConnectionInitSql(connectionInitSql());
        }
        tune(config);
        return new HikariDataSource(config);
    }

    /** Pool settings a database needs beyond the defaults above, applied last. */
    protected void tune(HikariConfig config) {}

    /** Set in a test's child JVMs (see {@link #childJvmArgument()}): they use their parent's databases. */
    static final String RUN_PROPERTY = "lockcron.test.run";

    /**
     * The database name this JVM uses for {@code base}: {@code base_<pid>}, so that builds running
     * at the same time on one server (two CI jobs, a developer and a build) never share tables.
     */
    static String isolated(String base) {
        return base + "_"
                + System.getProperty(
                        RUN_PROPERTY, Long.toString(ProcessHandle.current().pid()));
    }

    /** True in a child JVM of a test: its parent created the databases and drops them. */
    static boolean inChildJvm() {
        return System.getProperty(RUN_PROPERTY) != null;
    }

    /** The JVM argument that makes a child process of a test use this test's databases. */
    public static String childJvmArgument() {
        return "-D" + RUN_PROPERTY + "="
                + System.getProperty(
                        RUN_PROPERTY, Long.toString(ProcessHandle.current().pid()));
    }

    /** Fails with instructions when the database cannot be reached. */
    public void checkReachable(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause(); // a pool's "timed out" hides the driver's reason
            }
            throw new IllegalStateException(
                    "The " + name() + " test database is not reachable at " + url() + " as '" + user() + "': "
                            + root.getMessage() + "\n" + howToProvide(),
                    e);
        }
    }

    /** Drops and re-creates the lockcron tables from the shipped sql/ script, once per JVM. */
    public void installSchema(DataSource dataSource) {
        if (installed) {
            return;
        }
        synchronized (this) {
            if (!installed) {
                checkReachable(dataSource);
                dropSchema(dataSource);
                LockcronSchema.install(dataSource, "");
                installed = true;
            }
        }
    }

    public void dropSchema(DataSource dataSource) {
        execute(
                dataSource,
                TABLES.stream().map(t -> "DROP TABLE IF EXISTS " + t).toList());
        installed = false;
    }

    /** Empties every lockcron table (and the test's own), keeping the schema version. */
    public void clean(DataSource dataSource) {
        execute(
                dataSource,
                TABLES.stream()
                        .filter(t -> !t.equals("lockcron_schema_version"))
                        .map(t -> "DELETE FROM " + t)
                        .toList());
    }

    public static void execute(DataSource dataSource, List<String> statements) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in " + statements, e);
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        return name();
    }
}
