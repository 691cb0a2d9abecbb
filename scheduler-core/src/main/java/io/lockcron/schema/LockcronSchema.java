package io.lockcron.schema;

import io.lockcron.LockcronException;
import io.lockcron.SchemaException;
import io.lockcron.internal.store.SchemaScripts;
import io.lockcron.internal.store.SchemaVerifier;
import io.lockcron.internal.store.StoreFactory;
import javax.sql.DataSource;

/**
 * lockcron's tables: the shipped scripts (the very files of {@code sql/} that users run by hand),
 * running them, and the check every node makes at start. Nothing here generates DDL.
 *
 * <pre>{@code
 * LockcronSchema.install(dataSource);                          // idempotent: sql/<dialect>/schema.sql
 * LockcronSchema.verify(dataSource);                           // what Scheduler.start() checks
 * String script = LockcronSchema.scriptResource(SqlDialect.MYSQL); // "io/lockcron/sql/mysql/schema.sql"
 * }</pre>
 */
public final class LockcronSchema {
    private LockcronSchema() {}

    /** The schema version this release runs on; {@code schema.sql} creates it. */
    public static int currentVersion() {
        return SchemaVerifier.CURRENT_VERSION;
    }

    /** The classpath resource (no leading slash) of the idempotent script that creates the current schema. */
    public static String scriptResource(SqlDialect dialect) {
        return "io/lockcron/sql/" + dialect.folder() + "/schema.sql";
    }

    /**
     * The classpath resource of the script that upgrades a schema at {@code toVersion - 1} to
     * {@code toVersion} ({@code io/lockcron/sql/<dialect>/upgrade-NNN.sql}).
     */
    public static String upgradeResource(SqlDialect dialect, int toVersion) {
        if (toVersion < 2 || toVersion > currentVersion()) {
            throw new LockcronException(
                    "No lockcron upgrade script to version " + toVersion + ": upgrades run from version 2 to "
                            + currentVersion() + " (version 1 is created by schema.sql).");
        }
        return "io/lockcron/sql/" + dialect.folder() + "/upgrade-" + String.format("%03d", toVersion) + ".sql";
    }

    /**
     * The Flyway location of the database's migrations ({@code classpath:io/lockcron/flyway/<dialect>}):
     * {@code V1} is version 1 as released, {@code V<n>} the script {@code upgrade-00<n>.sql}. Give
     * them a history table of their own, apart from the application's versions.
     */
    public static String flywayLocation(SqlDialect dialect) {
        return "classpath:io/lockcron/flyway/" + dialect.folder();
    }

    /** The Liquibase changelog to include: one change set per schema version and database, running the same scripts. */
    public static String liquibaseChangelog() {
        return "io/lockcron/liquibase/lockcron.changelog.xml";
    }

    /** Runs the database's {@code schema.sql}, creating whatever tables are missing. */
    public static void install(DataSource dataSource) {
        install(dataSource, "");
    }

    /** Runs the database's {@code schema.sql} with every table name prefixed by {@code tablePrefix}. */
    public static void install(DataSource dataSource, String tablePrefix) {
        checkPrefix(tablePrefix);
        SchemaScripts.install(dataSource, tablePrefix);
    }

    /** Throws a {@link SchemaException} naming the script to run unless the tables are at {@link #currentVersion()}. */
    public static void verify(DataSource dataSource) {
        verify(dataSource, "");
    }

    /** As {@link #verify(DataSource)}, for tables named with {@code tablePrefix}. */
    public static void verify(DataSource dataSource, String tablePrefix) {
        SchemaVerifier.verify(StoreFactory.create(dataSource, tablePrefix));
    }

    private static void checkPrefix(String tablePrefix) {
        if (!tablePrefix.matches("[A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "table prefix '" + tablePrefix + "' may contain only letters, digits and underscores");
        }
    }
}
