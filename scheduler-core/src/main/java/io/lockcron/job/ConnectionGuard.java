package io.lockcron.job;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The rules of {@link FireConnections}: what a job may do with the fire's connection. */
final class ConnectionGuard implements InvocationHandler {
    private final Connection raw;
    private final String job;
    private final Predicate<String> endsTransaction;
    private final Set<Savepoint> ownSavepoints = Collections.newSetFromMap(new IdentityHashMap<>());
    private @Nullable Connection proxy;
    private volatile boolean released;
    private volatile @Nullable String lostReason;
    /** Run once, before the job's first call that could reach the database; null once run. */
    private @Nullable Runnable beforeFirstUse;

    private @Nullable RuntimeException firstUseFailure;

    ConnectionGuard(Connection raw, String job, Predicate<String> endsTransaction, @Nullable Runnable beforeFirstUse) {
        this.raw = raw;
        this.job = job;
        this.endsTransaction = endsTransaction;
        this.beforeFirstUse = beforeFirstUse;
    }

    void bind(Connection proxy) {
        this.proxy = proxy;
    }

    @Override
    public @Nullable Object invoke(Object self, Method method, Object @Nullable [] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "equals":
                return args != null && self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "fire connection of job '" + job + "' (" + raw + ")";
            case "close":
                if (!released) {
                    throw refused("close the connection");
                }
                return null;
            case "isClosed":
                return released || raw.isClosed();
            default:
                break;
        }
        checkUsable();
        if (!readsLocalState(name, args)) {
            firstUse();
        }
        switch (name) {
            case "commit":
                throw refused("commit the transaction");
            case "abort":
                throw refused("abort the connection");
            case "rollback":
                if (args == null || args.length == 0 || !ownSavepoints.contains((Savepoint) args[0])) {
                    throw refused("roll back the transaction (only to a savepoint the job set itself)");
                }
                break;
            case "releaseSavepoint":
                ownSavepoints.remove((Savepoint) args[0]);
                break;
            case "setAutoCommit":
                if (Boolean.TRUE.equals(args[0])) {
                    throw refused("switch auto-commit on (which commits the transaction)");
                }
                return null; // the fire's transaction is already manual
            case "setTransactionIsolation":
                if ((int) args[0] != raw.getTransactionIsolation()) {
                    throw refused("change the isolation level inside the transaction");
                }
                return null;
            case "unwrap":
                if (((Class<?>) args[0]).isInstance(self)) {
                    return self;
                }
                break;
            case "prepareStatement", "prepareCall":
                checkSql((String) args[0]);
                break;
            default:
                break;
        }
        Object result = call(method, args);
        if (name.equals("setSavepoint")) {
            ownSavepoints.add((Savepoint) result);
        }
        if (result instanceof Statement statement) {
            return FireConnections.statement(statement, this);
        }
        return result;
    }

    /**
     * Calls that only read or keep the connection's local state, which Spring, JDBI and pools make
     * on a connection they never run a statement on; every other call may reach the database.
     */
    private static boolean readsLocalState(String name, Object @Nullable [] args) {
        return switch (name) {
            case "getAutoCommit",
                    "getTransactionIsolation",
                    "isReadOnly",
                    "isValid",
                    "getWarnings",
                    "clearWarnings",
                    "getHoldability",
                    "getCatalog",
                    "getSchema",
                    "getNetworkTimeout",
                    "getClientInfo",
                    "isWrapperFor" -> true;
            case "setAutoCommit" -> args != null && Boolean.FALSE.equals(args[0]);
            default -> false;
        };
    }

    private void firstUse() throws SQLException {
        Runnable first = beforeFirstUse;
        if (first != null) {
            beforeFirstUse = null;
            try {
                first.run();
            } catch (RuntimeException e) {
                firstUseFailure = e;
            }
        }
        if (firstUseFailure != null) {
            throw new SQLException(
                    "Job '" + job + "' cannot use its fire's transaction: " + firstUseFailure.getMessage(),
                    firstUseFailure);
        }
    }

    @Nullable
    Object call(Method method, Object @Nullable [] args) throws Throwable {
        try {
            return method.invoke(raw, args);
        } catch (InvocationTargetException e) {
            throw failed(e.getCause());
        }
    }

    /** Notes a failure that means the database ended the transaction itself. */
    Throwable failed(Throwable failure) {
        if (failure instanceof SQLException sql && rolledBackWhole(sql)) {
            lostReason = "the database rolled the fire's transaction back (" + sql.getMessage() + ")";
        }
        return failure;
    }

    /**
     * InnoDB rolls a deadlock victim's whole transaction back (error 1213), freeing the lock: it
     * must not go on as if nothing happened. PostgreSQL only aborts the transaction, which keeps
     * its locks and is rolled back to the body's savepoint as after any failed statement.
     */
    private static boolean rolledBackWhole(SQLException e) {
        return e.getErrorCode() == 1213;
    }

    void checkSql(@Nullable String sql) {
        if (sql != null && endsTransaction.test(sql)) {
            throw new FireTransactionException("Job '" + job + "' may not run '" + abbreviate(sql) + "' in its fire's"
                    + " transaction: the database would end the transaction that holds the job's lock (MySQL and H2"
                    + " commit implicitly on DDL such as TRUNCATE). Run such statements in lease mode"
                    + " (ExecutionMode.LEASE), which gives the job no lockcron transaction, or on a connection of"
                    + " its own.");
        }
    }

    void checkUsable() {
        if (released) {
            throw new FireTransactionException("Job '" + job + "' used its fire's connection after the fire ended;"
                    + " keep the connection and handle of a JobContext to the job's own run.");
        }
        String lost = lostReason;
        if (lost != null) {
            throw new FireTransactionException("Job '" + job + "' cannot go on in its fire's transaction: " + lost
                    + ". Let the error propagate: lockcron records the failure and retries the fire by its retry"
                    + " policy.");
        }
    }

    Connection proxy() {
        return proxy;
    }

    void release() {
        released = true;
    }

    @Nullable
    String lostReason() {
        return lostReason;
    }

    private FireTransactionException refused(String what) {
        return new FireTransactionException("Job '" + job + "' may not " + what + ": lockcron owns the fire's"
                + " transaction, which holds the job's lock and commits once the job returns, with the execution"
                + " record and the schedule advance (throw to roll the job's work back). A job that manages its own"
                + " transactions or runs DDL belongs in lease mode (ExecutionMode.LEASE, @ClusteredJob(mode ="
                + " LEASE)).");
    }

    private static String abbreviate(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
