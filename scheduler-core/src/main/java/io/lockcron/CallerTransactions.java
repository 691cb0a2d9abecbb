package io.lockcron;

import java.sql.Connection;
import org.jspecify.annotations.Nullable;

/**
 * Finds the caller's current transaction on the scheduler's database, so that {@link
 * SchedulerClient#scheduleOnce} and {@link SchedulerClient#triggerNow} join it: the entry or the
 * request then exists if and only if that transaction commits. The Spring Boot starter's client
 * joins the current Spring transaction this way; see also {@link TransactionalScheduling} for an
 * explicit connection.
 */
public interface CallerTransactions {

    /** The connection of the caller's active transaction, or null if none is active (then the client uses its own). */
    @Nullable
    Connection connection();

    /** Hands back a connection {@link #connection()} gave; it must not be committed or closed by the client. */
    default void release(Connection connection) {}
}
