package io.lockcron.job;

import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.function.Predicate;

/**
 * The connection a transactional job is handed: the fire's own, which cannot end the fire's
 * transaction. {@code commit()}, {@code rollback()} (other than to a savepoint the job set
 * itself), {@code setAutoCommit(true)}, {@code setTransactionIsolation}, {@code close()} and
 * statements that would end the transaction (such as {@code COMMIT}, or DDL on MySQL, which
 * commits implicitly) are refused with a {@link FireTransactionException} naming the job.
 *
 * <p>What Spring, JDBI or plain JDBC code writes through it commits with the execution record and
 * the schedule advance, once. Integrations that bind the fire's connection elsewhere (a Spring
 * transaction, a JPA session) bind this one, so the same rules hold there.
 */
public final class FireConnections {
    private FireConnections() {}

    /**
     * Wraps {@code raw} for job {@code job}. {@code endsTransaction} tells which SQL statements
     * the database would end the transaction on (they are refused before they run).
     */
    public static GuardedConnection guard(Connection raw, String job, Predicate<String> endsTransaction) {
        return guard(raw, job, endsTransaction, null);
    }

    /**
     * As {@link #guard(Connection, String, Predicate)}; {@code beforeFirstUse} runs once, before the
     * job's first call that may reach the database (a statement, a savepoint, the raw connection):
     * calls that only read local state, such as {@code getAutoCommit()}, do not count. If it
     * throws, that call and every later one fail with an {@link java.sql.SQLException} that says why.
     */
    public static GuardedConnection guard(
            Connection raw,
            String job,
            Predicate<String> endsTransaction,
            @org.jspecify.annotations.Nullable Runnable beforeFirstUse) {
        ConnectionGuard guard = new ConnectionGuard(raw, job, endsTransaction, beforeFirstUse);
        Connection proxy = (Connection) Proxy.newProxyInstance(
                FireConnections.class.getClassLoader(), new Class<?>[] {Connection.class}, guard);
        guard.bind(proxy);
        return new GuardedConnection(proxy, guard);
    }

    /** Whether {@code c} is a fire's guarded connection. */
    public static boolean isGuarded(Connection c) {
        return Proxy.isProxyClass(c.getClass()) && Proxy.getInvocationHandler(c) instanceof ConnectionGuard;
    }

    static Statement statement(Statement raw, ConnectionGuard guard) {
        Class<?> type = raw instanceof CallableStatement
                ? CallableStatement.class
                : raw instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return (Statement) Proxy.newProxyInstance(
                FireConnections.class.getClassLoader(), new Class<?>[] {type}, new StatementGuard(raw, guard));
    }

    /** The guarded connection, and what the fire (not the job) does with it. */
    public static final class GuardedConnection {
        private final Connection connection;
        private final ConnectionGuard guard;

        GuardedConnection(Connection connection, ConnectionGuard guard) {
            this.connection = connection;
            this.guard = guard;
        }

        /** What the job gets. */
        public Connection connection() {
            return connection;
        }

        /**
         * Why the fire's transaction cannot be trusted any more (the database rolled it back whole,
         * as InnoDB does on a deadlock), or null.
         */
        public String lostReason() {
            return guard.lostReason();
        }

        /** Ends the job's use: any later call (a leaked reference) is refused, close() is quiet. */
        public void release() {
            guard.release();
        }
    }
}
