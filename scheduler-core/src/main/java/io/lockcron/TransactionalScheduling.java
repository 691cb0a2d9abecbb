package io.lockcron;

import io.lockcron.internal.store.CallerHandles;
import io.lockcron.internal.store.ClientWrites;
import io.lockcron.internal.store.StoreFactory;
import java.sql.Connection;
import java.time.Instant;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Schedules inside a transaction of the caller's: a one-shot entry or a trigger request made here
 * is written on the caller's connection, without committing, so it exists if and only if the
 * caller's transaction commits — "create the order and schedule its reminder" either does both or
 * neither. The connection must be on the scheduler's database, in a transaction (auto-commit off).
 */
public final class TransactionalScheduling {
    private final CallerHandles handles;

    private TransactionalScheduling(CallerHandles handles) {
        this.handles = handles;
    }

    /** @param dataSource the scheduler's DataSource, read once to learn the database's dialect */
    public static TransactionalScheduling create(DataSource dataSource, String tablePrefix) {
        return new TransactionalScheduling(new CallerHandles(StoreFactory.create(dataSource, tablePrefix), null));
    }

    /** {@link SchedulerClient#scheduleOnce}, in the transaction of {@code connection}. */
    public String scheduleOnce(
            Connection connection, String job, String instance, Instant at, @Nullable String payload) {
        return handles.on(connection, (store, h) -> ClientWrites.scheduleOnce(store, h, job, instance, at, payload));
    }

    /** {@link SchedulerClient#scheduleOnce}, in the transaction of {@code handle}. */
    public String scheduleOnce(Handle handle, String job, String instance, Instant at, @Nullable String payload) {
        return scheduleOnce(handle.getConnection(), job, instance, at, payload);
    }

    /** {@link SchedulerClient#triggerNow}, in the transaction of {@code connection}. */
    public void triggerNow(Connection connection, String name, @Nullable String requestedBy) {
        handles.on(connection, (store, h) -> {
            ClientWrites.triggerNow(store, h, name, requestedBy);
            return null;
        });
    }

    /** {@link SchedulerClient#triggerNow}, in the transaction of {@code handle}. */
    public void triggerNow(Handle handle, String name, @Nullable String requestedBy) {
        triggerNow(handle.getConnection(), name, requestedBy);
    }
}
