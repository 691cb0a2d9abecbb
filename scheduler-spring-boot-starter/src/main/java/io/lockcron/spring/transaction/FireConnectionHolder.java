package io.lockcron.spring.transaction;

import java.sql.Connection;
import org.springframework.jdbc.datasource.ConnectionHolder;

/**
 * The fire's connection as Spring sees it: already in an active transaction, which Spring's
 * transaction managers then join ({@code PROPAGATION_REQUIRED}) instead of opening another.
 * Releasing it is a no-op; lockcron commits and closes it.
 */
final class FireConnectionHolder extends ConnectionHolder {
    FireConnectionHolder(Connection connection) {
        super(connection);
        setSynchronizedWithTransaction(true);
        setTransactionActive(true);
    }
}
