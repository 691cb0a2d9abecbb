package io.lockcron.testing;

/**
 * PostgreSQL. {@code LOCKCRON_PG_URL}, {@code _USER} and {@code _PASSWORD} point it at a database
 * to use as it is; by default the local server on 127.0.0.1:5432, where each test JVM creates a
 * database of its own and drops it at exit; where Docker runs and no URL is given, Testcontainers
 * starts PostgreSQL 16. The session time zone is set far from UTC.
 */
public final class PostgresTestDatabase extends TestDatabase {
    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/lockcron_test";
    private final String url;
    private final String user;
    private final String password;

    private PostgresTestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public static PostgresTestDatabase named(String database) {
        String configured = System.getenv("LOCKCRON_PG_URL");
        String user = env("LOCKCRON_PG_USER", "postgres");
        String password = env("LOCKCRON_PG_PASSWORD", "");
        if (configured != null && !configured.isBlank()) {
            return new PostgresTestDatabase(
                    configured + (configured.contains("?") ? "&" : "?") + "connectTimeout=5", user, password);
        }
        if (Containers.wanted()) {
            var container = Containers.Postgres.started(database);
            return new PostgresTestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        String name = isolated(database);
        String server = DEFAULT_URL.replaceFirst("lockcron_test$", "postgres") + "?connectTimeout=5";
        ServerDatabases.create(
                server, user, password, "CREATE DATABASE " + name, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        return new PostgresTestDatabase(
                DEFAULT_URL.replaceFirst("lockcron_test$", name) + "?connectTimeout=5", user, password);
    }

    @Override
    public int dropAllConnections(javax.sql.DataSource admin) {
        return org.jdbi.v3.core.Jdbi.create(admin)
                .withHandle(h -> h.createQuery("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                + " WHERE datname = current_database() AND pid <> pg_backend_pid()")
                        .mapTo(Integer.class)
                        .one());
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String connectionInitSql() {
        return "SET TIME ZONE 'Pacific/Kiritimati'";
    }

    @Override
    protected String howToProvide() {
        return "Start PostgreSQL 14+ on 127.0.0.1:5432 with trust authentication for user postgres and create the"
                + " database (.ci/run does both), or set LOCKCRON_PG_URL, LOCKCRON_PG_USER and LOCKCRON_PG_PASSWORD, or run Docker so that"
                + " Testcontainers can start PostgreSQL 16.";
    }
}
