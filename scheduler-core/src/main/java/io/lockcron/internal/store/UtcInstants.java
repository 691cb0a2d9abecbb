package io.lockcron.internal.store;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Instants go to the database as UTC wall-clock values and come back the same way. Passing them
 * as {@code java.sql.Timestamp} would let the driver shift them by the JVM's or the session's time
 * zone; a {@code LocalDateTime} is sent and read as written.
 */
final class UtcInstants {
    private UtcInstants() {}

    static void install(Jdbi jdbi, Dialect dialect) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) ->
                        statement.setObject(position, dialect.bindable(LocalDateTime.ofInstant(value, ZoneOffset.UTC)));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            LocalDateTime value = rs.getObject(column, LocalDateTime.class);
            return value == null ? null : value.toInstant(ZoneOffset.UTC);
        });
    }
}
