package io.lockcron.testing;

import java.util.List;
import org.testcontainers.mysql.MySQLContainer;

/**
 * MariaDB or MySQL through MySQL Connector/J. {@code LOCKCRON_MYSQL_URL}, {@code _USER} and
 * {@code _PASSWORD} point it at a database to use as it is; by default the local server on
 * 127.0.0.1:3306, where each test JVM creates a database of its own and drops it at exit; where
 * Docker runs and no URL is given, Testcontainers starts MySQL 8.4. The session time zone is set
 * to UTC-5 so that any time handled in the session's zone shows up as a five-hour error.
 */
public final class MariaDbTestDatabase extends TestDatabase {
    private final String url;
    private final String user;
    private final String password;

    private MariaDbTestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The database named {@code database} on the configured server. */
    public static synchronized MariaDbTestDatabase named(String database) {
        String configured = System.getenv("LOCKCRON_MYSQL_URL");
        if (configured == null && Containers.wanted()) {
            MySQLContainer container = Containers.MySql.started(database);
            return new MariaDbTestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        String options = "connectTimeout=5000&allowPublicKeyRetrieval=true&useSSL=false";
        String user = env("LOCKCRON_MYSQL_USER", "root");
        String password = env("LOCKCRON_MYSQL_PASSWORD", "");
        if (configured != null) {
            return new MariaDbTestDatabase(
                    configured + (configured.contains("?") ? "&" : "?") + options, user, password);
        }
        String name = isolated(database);
        ServerDatabases.create(
                "jdbc:mysql://127.0.0.1:3306/?" + options,
                user,
                password,
                "CREATE DATABASE IF NOT EXISTS " + name,
                "DROP DATABASE IF EXISTS " + name);
        return new MariaDbTestDatabase("jdbc:mysql://127.0.0.1:3306/" + name + "?" + options, user, password);
    }

    /**
     * A database of this JVM's own on the local server (or the one {@code LOCKCRON_MYSQL_URL} names)
     * whose default character set is {@code charset}: what an older install has, e.g. latin1.
     */
    public static synchronized MariaDbTestDatabase withCharset(String database, String charset) {
        String options = "connectTimeout=5000&allowPublicKeyRetrieval=true&useSSL=false";
        String user = env("LOCKCRON_MYSQL_USER", "root");
        String password = env("LOCKCRON_MYSQL_PASSWORD", "");
        String configured = System.getenv("LOCKCRON_MYSQL_URL");
        String server = configured == null
                ? "jdbc:mysql://127.0.0.1:3306/"
                : configured.replaceFirst("^(jdbc:[a-z]+://[^/]+/).*$", "$1");
        String name = isolated(database);
        ServerDatabases.create(
                server + "?" + options,
                user,
                password,
                "CREATE DATABASE IF NOT EXISTS " + name + " CHARACTER SET " + charset,
                "DROP DATABASE IF EXISTS " + name);
        return new MariaDbTestDatabase(server + name + "?" + options, user, password);
    }

    @Override
    public int dropAllConnections(javax.sql.DataSource admin) {
        var jdbi = org.jdbi.v3.core.Jdbi.create(admin);
        return jdbi.withHandle(h -> {
            List<Long> ids = h.createQuery("SELECT ID FROM information_schema.PROCESSLIST"
                            + " WHERE DB = DATABASE() AND ID <> CONNECTION_ID()")
                    .mapTo(Long.class)
                    .list();
            int killed = 0;
            for (long id : ids) {
                try {
                    h.execute("KILL CONNECTION " + id);
                    killed++;
                } catch (RuntimeException gone) {
                    // ended by itself meanwhile
                }
            }
            return killed;
        });
    }

    @Override
    public String name() {
        return "mariadb";
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
        return "SET time_zone = '-05:00'";
    }

    @Override
    protected String howToProvide() {
        return "Start MariaDB 10.6+ or MySQL 8.0+ on 127.0.0.1:3306 with user root and an empty password and create"
                + " the database (.ci/run does both), or set LOCKCRON_MYSQL_URL, LOCKCRON_MYSQL_USER and"
                + " LOCKCRON_MYSQL_PASSWORD, or run Docker so that Testcontainers can start MySQL 8.4.";
    }
}
