package io.lockcron.admin.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.testing.H2TestDatabase;
import io.lockcron.testing.MariaDbTestDatabase;
import io.lockcron.testing.TestDatabase;
import java.util.List;

/**
 * The console tests' databases: MariaDB's {@code lockcron_admin_test} for the API and browser
 * tests, H2 in memory for the fast page tests. Each starts from fresh tables created by the
 * shipped {@code sql/<dialect>/schema.sql}; an unreachable database fails with instructions.
 */
public final class ConsoleDatabase {
    public static final String MARIADB_NAME = "lockcron_admin_test";

    private final TestDatabase database;

    private ConsoleDatabase(TestDatabase database) {
        this.database = database;
    }

    public static ConsoleDatabase mariaDb() {
        return new ConsoleDatabase(MariaDbTestDatabase.named(MARIADB_NAME));
    }

    public static ConsoleDatabase h2(String name) {
        return new ConsoleDatabase(H2TestDatabase.named(name));
    }

    public TestDatabase database() {
        return database;
    }

    public String url() {
        return database.url();
    }

    /** A pool on the database; the caller closes it. */
    public HikariDataSource pool(int size) {
        return database.newDataSource(size);
    }

    /** Drops and re-creates the lockcron tables, so the test sees only what it made. */
    public void reset(HikariDataSource dataSource) {
        database.checkReachable(dataSource);
        database.installSchema(dataSource);
        // Older core test support leaves audit_event out of its cleaning; a repeat DELETE is harmless.
        TestDatabase.execute(dataSource, List.of("DELETE FROM audit_event"));
        database.clean(dataSource);
    }
}
