package io.lockcron.internal.node;

import java.lang.reflect.Method;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns at start when the connection pool is too small for the node. A fire holds a connection
 * for its whole run and briefly borrows a second to record its attempt, and the poller and the
 * heartbeat need theirs: with fewer, fires wait on each other and a starved heartbeat gets a
 * healthy node fenced.
 */
final class PoolSize {
    private static final Logger log = LoggerFactory.getLogger(PoolSize.class);

    private PoolSize() {}

    /** At least this many connections for {@code workers} worker threads. */
    static int needed(int workers) {
        return workers + 3;
    }

    static void check(DataSource dataSource, int workers, String nodeId) {
        OptionalInt max = maximum(dataSource);
        if (max.isPresent() && max.getAsInt() < needed(workers)) {
            log.warn(
                    "Node {}: the connection pool allows {} connections, but {} worker threads need at least {}."
                            + " Raise the pool's maximum size (e.g. spring.datasource.hikari.maximum-pool-size) or"
                            + " lower the worker threads.",
                    nodeId,
                    max.getAsInt(),
                    workers,
                    needed(workers));
        }
    }

    /** The pool's maximum size where the pool tells it (HikariCP, and pools with the same getter). */
    static OptionalInt maximum(DataSource dataSource) {
        try {
            Method getter = dataSource.getClass().getMethod("getMaximumPoolSize");
            Object value = getter.invoke(dataSource);
            return value instanceof Integer size && size > 0 ? OptionalInt.of(size) : OptionalInt.empty();
        } catch (ReflectiveOperationException | RuntimeException unknownPool) {
            return OptionalInt.empty();
        }
    }
}
