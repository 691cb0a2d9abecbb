package io.lockcron.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Database servers in Docker, for machines that have Docker but no local MySQL or PostgreSQL: used
 * when a Docker engine answers, {@code LOCKCRON_TESTCONTAINERS} is not {@code never} and the test
 * names no server of its own ({@code LOCKCRON_MYSQL_URL}, {@code LOCKCRON_PG_URL}). One container per
 * database kind and test JVM, stopped by Testcontainers when the JVM exits. Each kind sits in a class
 * of its own, so a module with only one of the Testcontainers modules on its test classpath loads
 * only that one.
 */
final class Containers {
    private Containers() {}

    static boolean wanted() {
        if ("never".equals(System.getenv("LOCKCRON_TESTCONTAINERS"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false; // no Docker, or no Testcontainers on this module's test classpath
        }
    }

    static final class MySql {
        private static MySQLContainer container;

        private MySql() {}

        static synchronized MySQLContainer started(String database) {
            if (container == null) {
                container = new MySQLContainer("mysql:8.4").withDatabaseName(database);
                container.start();
            }
            return container;
        }
    }

    static final class Postgres {
        private static PostgreSQLContainer container;

        private Postgres() {}

        static synchronized PostgreSQLContainer started(String database) {
            if (container == null) {
                container = new PostgreSQLContainer("postgres:16-alpine").withDatabaseName(database);
                container.start();
            }
            return container;
        }
    }
}
