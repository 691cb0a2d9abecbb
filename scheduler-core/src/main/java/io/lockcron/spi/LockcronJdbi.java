package io.lockcron.spi;

import io.lockcron.internal.store.StoreFactory;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * A {@link Jdbi} set up exactly as lockcron's own stores: statements may use {@code <prefix>}
 * (the table prefix), {@code <now>} (the database's current time in UTC, millisecond precision)
 * and {@code <session_id>}; {@link java.time.Instant}s are bound and read as UTC wall-clock values
 * whatever the JVM's or the session's time zone.
 */
public final class LockcronJdbi {
    private LockcronJdbi() {}

    /** A Jdbi on {@code dataSource} for tables named with {@code tablePrefix} (letters, digits, underscores). */
    public static Jdbi create(DataSource dataSource, String tablePrefix) {
        return StoreFactory.create(dataSource, tablePrefix).jdbi();
    }
}
