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
        Jdbi jdbi = configure(Jdbi.create(dataSource), dialect, tablePrefix);
        SessionLabels labels = new SessionLabels(dialect);
        labels.scope(catalog(jdbi) + "." + tablePrefix);
        jdbi.installPlugin(labels);
        return new Store(jdbi, dialect, tablePrefix, labels);
    }

    /** Gives {@code jdbi} what every statement of the store needs: time mapping and the SQL fragments. */
    static Jdbi configure(Jdbi jdbi, Dialect dialect, String tablePrefix) {
        UtcInstants.install(jdbi, dialect);
        jdbi.define("prefix", tablePrefix);
        jdbi.define("now", dialect.now());
        jdbi.define("session_id", dialect.sessionId());
        jdbi.define("where", "");
        jdbi.define("causal", dialect.causalRead());
        return jdbi;
    }

    private static String catalog(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            try {
                String catalog = h.getConnection().getCatalog();
                return catalog == null ? "" : catalog;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot read the database name: " + e.getMessage(), e);
            }
        });
    }
}
