package io.lockcron.internal.store;

import io.lockcron.DatabaseUnavailableException;
import io.lockcron.LockcronException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** Picks the dialect from JDBC metadata. */
public final class Dialects {
    private Dialects() {}

    public static Dialect detect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            Dialect dialect = forProduct(meta.getDatabaseProductName(), meta.getURL());
            return dialect instanceof MySqlDialect && GaleraMembers.isMember(connection)
                    ? new MySqlDialect(true)
                    : dialect;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(
                    "Cannot reach the scheduler's database: " + e.getMessage()
                            + ". Check the JDBC URL, the credentials and that the server is running.",
                    e);
        }
    }

    static Dialect forProduct(String product, String url) {
        String p = product.toLowerCase(Locale.ROOT);
        if (p.contains("mysql") || p.contains("mariadb")) {
            return new MySqlDialect();
        }
        if (p.contains("postgres")) {
            return new PostgresDialect();
        }
        if (p.equals("h2")) {
            return new H2Dialect();
        }
        throw new LockcronException("lockcron does not support " + product + " (" + url
                + "). Use MySQL 8.0+, MariaDB 10.6+, PostgreSQL 14+ or H2 2.x.");
    }
}
