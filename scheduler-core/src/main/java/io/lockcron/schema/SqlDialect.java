package io.lockcron.schema;

import io.lockcron.LockcronException;
import io.lockcron.internal.store.Dialects;
import java.util.Locale;
import javax.sql.DataSource;

/** The databases lockcron ships a schema for; each is a folder under {@code sql/}. */
public enum SqlDialect {
    /** MySQL 8.0+ and MariaDB 10.6+ (InnoDB). */
    MYSQL,
    /** PostgreSQL 14+. */
    POSTGRESQL,
    /** H2 2.x. */
    H2;

    /** The folder of this database's scripts: {@code sql/<folder>/} in the sources, {@code io/lockcron/sql/<folder>/} on the classpath. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The dialect of the database behind {@code dataSource}, from its JDBC metadata. */
    public static SqlDialect of(DataSource dataSource) {
        return ofFolder(Dialects.detect(dataSource).name());
    }

    /** The dialect whose folder is {@code folder} ({@code mysql}, {@code postgresql}, {@code h2}). */
    public static SqlDialect ofFolder(String folder) {
        for (SqlDialect dialect : values()) {
            if (dialect.folder().equals(folder)) {
                return dialect;
            }
        }
        throw new LockcronException(
                "No lockcron schema for '" + folder + "': use one of mysql, postgresql, h2 (the folders under sql/).");
    }
}
