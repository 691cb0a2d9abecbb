package io.lockcron.internal.store;

import io.lockcron.DatabaseUnavailableException;
import io.lockcron.SchemaException;

/** Checks at start that the tables exist at the version this release runs on, and says what to run if not. */
public final class SchemaVerifier {
    /** The schema version this release needs; {@code sql/<dialect>/schema.sql} creates it. */
    public static final int CURRENT_VERSION = 2;

    private SchemaVerifier() {}

    public static void verify(Store store) {
        String dialect = store.dialect().name();
        Integer version;
        try {
            version = store.jdbi()
                    .withHandle(h -> store.query(h, "schema-version")
                            .mapTo(Integer.class)
                            .one());
        } catch (RuntimeException e) {
            if (SqlErrors.isConnectionFailure(e)) {
                throw new DatabaseUnavailableException(
                        "Cannot reach the scheduler's database: " + e.getMessage()
                                + ". Check the JDBC URL, the credentials and that the server is running.",
                        e);
            }
            throw new SchemaException("The lockcron tables are missing (" + rootMessage(e)
                    + "). Create them by running sql/" + dialect + "/schema.sql (also on the classpath as"
                    + " io/lockcron/sql/" + dialect + "/schema.sql), or let the Spring Boot starter do it with"
                    + " lockcron.schema.initialize=always.");
        }
        int found = version == null ? 0 : version;
        if (found < CURRENT_VERSION) {
            throw new SchemaException("The lockcron schema is at version " + found + "; this release needs version "
                    + CURRENT_VERSION + ". Run the upgrade scripts sql/" + dialect + "/upgrade-"
                    + String.format("%03d", found + 1) + ".sql up to upgrade-"
                    + String.format("%03d", CURRENT_VERSION) + ".sql, in order (schema.sql on an empty database).");
        }
        if (found > CURRENT_VERSION) {
            throw new SchemaException("The lockcron schema is at version " + found + ", newer than this release"
                    + " understands (" + CURRENT_VERSION + "). Upgrade lockcron on this node to the release of"
                    + " the other nodes.");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
