package io.lockcron.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped Flyway and Liquibase migrations (generated from {@code sql/}: version 1 as released,
 * then each upgrade script) build a schema that passes the check every node makes at start, with
 * exactly the tables and columns that {@code schema.sql} creates. A thin subclass per database.
 */
abstract class MigrationsContractIT {
    private HikariDataSource dataSource;

    protected abstract TestDatabase database();

    @BeforeEach
    void emptyDatabase() {
        dataSource = database().newDataSource(2);
        database().checkReachable(dataSource);
        dropAll();
    }

    @AfterEach
    void close() {
        dropAll();
        dataSource.close();
    }

    @Test
    void flywayMigratedSchemaPassesTheSchemaCheckAndMatchesSchemaSql() {
        Set<String> expected = columnsOf(() -> LockcronSchema.install(dataSource));

        Set<String> migrated = columnsOf(() -> {
            var result = Flyway.configure()
                    .table("lockcron_flyway_history") // apart from the application's own migrations
                    .locations(LockcronSchema.flywayLocation(SqlDialect.of(dataSource)))
                    .dataSource(dataSource)
                    .load()
                    .migrate();
            assertThat(result.migrationsExecuted).isEqualTo(LockcronSchema.currentVersion());
            LockcronSchema.verify(dataSource);
        });

        assertThat(migrated).isEqualTo(expected);
    }

    @Test
    void liquibaseMigratedSchemaPassesTheSchemaCheckAndMatchesSchemaSql() {
        Set<String> expected = columnsOf(() -> LockcronSchema.install(dataSource));

        Set<String> migrated = columnsOf(() -> {
            try (Connection c = dataSource.getConnection()) {
                Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                new Liquibase(LockcronSchema.liquibaseChangelog(), new ClassLoaderResourceAccessor(), db).update("");
            } catch (Exception e) {
                throw new IllegalStateException("Liquibase update failed: " + e.getMessage(), e);
            }
            LockcronSchema.verify(dataSource);
        });

        assertThat(migrated).isEqualTo(expected);
    }

    /** Runs {@code install} on an empty database and returns "table.column type null?" of what it made. */
    private Set<String> columnsOf(Runnable install) {
        dropAll();
        install.run();
        Set<String> columns = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!isToolTable(table)) {
                    columns.add(table + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
                            + rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT) + "(" + rs.getInt("COLUMN_SIZE")
                            + ") " + rs.getString("IS_NULLABLE"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(columns).as("columns made").isNotEmpty();
        return columns;
    }

    private static boolean isToolTable(String table) {
        return table.equals("lockcron_flyway_history") || table.startsWith("databasechangelog");
    }

    /** Drops every table of this test's database: lockcron's and the migration tools' own. */
    private void dropAll() {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        TestDatabase.execute(
                dataSource,
                tables.stream().map(t -> "DROP TABLE IF EXISTS " + quoted(t)).toList());
    }

    private String quoted(String table) {
        return SqlDialect.of(dataSource) == SqlDialect.MYSQL ? "`" + table + "`" : "\"" + table + "\"";
    }
}
