package io.lockcron.internal.store;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Builds a {@link Store}: detects the dialect and defines the fragments every statement uses. */
public final class StoreFactory {
    private StoreFactory() {}

    public static Store create(DataSource dataSource, String tablePrefix) {
        if (!tablePrefix.matches("[A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "table prefix '" + tablePrefix + "' may contain only letters, digits and underscores");
        }
        Dialect dialect = Dialects.detect(dataSource);
        Jdbi jdbi = Jdbi.create(dataSource);
        UtcInstants.install(jdbi, dialect);
        jdbi.define("prefix", tablePrefix);
        jdbi.define("now", dialect.now());
        jdbi.define("session_id", dialect.sessionId());
        jdbi.define("where", "");
        return new Store(jdbi, dialect);
    }
}
