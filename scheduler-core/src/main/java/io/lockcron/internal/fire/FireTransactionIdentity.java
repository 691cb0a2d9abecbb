package io.lockcron.internal.fire;

import java.sql.SQLException;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether the transaction a fire is about to commit is still the one that took the job's
 * lock. A job can end it behind lockcron's back (a {@code COMMIT} inside a stored procedure, a
 * driver's own connection object, a deadlock that InnoDB rolled back whole): the work after that
 * point runs in a new transaction that holds no lock, and must not be recorded as the fire.
 */
abstract class FireTransactionIdentity {

    /** Taken once the fire holds its lock and has written its execution row. */
    abstract Object mark(Handle fire);

    /**
     * Takes the mark and sets savepoint {@code body} at the same point (the job's work rolls back to
     * it on failure); where the mark is itself a savepoint, that one savepoint is both.
     */
    Object markWithSavepoint(Handle fire, String body) {
        Object mark = mark(fire);
        fire.savepoint(body);
        return mark;
    }

    /** False when the transaction that {@code mark} was taken in has ended. */
    abstract boolean same(Handle fire, Object mark);

    static FireTransactionIdentity forDialect(String dialect) {
        return switch (dialect) {
            // An xid is assigned by the row lock and the execution insert, and never reused while it matters.
            case "postgresql" -> new Queried("SELECT CAST(txid_current_if_assigned() AS VARCHAR(32))");
            case "h2" -> new Queried("SELECT CAST(TRANSACTION_ID() AS VARCHAR(32))");
            // information_schema.innodb_trx needs the PROCESS privilege and is a cache up to 0.1 s old;
            // a savepoint dies with its transaction, is private to it and needs no privilege.
            default -> new Savepoint();
        };
    }

    private static final class Queried extends FireTransactionIdentity {
        private final String sql;

        Queried(String sql) {
            this.sql = sql;
        }

        @Override
        Object mark(Handle fire) {
            return Objects.requireNonNull(id(fire), "the fire's transaction has no id after its first write");
        }

        @Override
        boolean same(Handle fire, Object mark) {
            return mark.equals(id(fire));
        }

        private @Nullable String id(Handle fire) {
            return fire.createQuery(sql).mapTo(String.class).findOne().orElse(null);
        }
    }

    private static final class Savepoint extends FireTransactionIdentity {
        private static final String NAME = "lockcron_fire";
        private static final int DOES_NOT_EXIST = 1305; // ER_SP_DOES_NOT_EXIST, also for savepoints

        @Override
        Object mark(Handle fire) {
            fire.execute("SAVEPOINT " + NAME);
            return NAME;
        }

        /** The body's savepoint is the mark: it too dies with its transaction. */
        @Override
        Object markWithSavepoint(Handle fire, String body) {
            fire.savepoint(body);
            return body;
        }

        /** Releasing also ends the savepoints set after it: call it last, just before the commit. */
        @Override
        boolean same(Handle fire, Object mark) {
            try {
                fire.execute("RELEASE SAVEPOINT " + mark);
                return true;
            } catch (RuntimeException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof SQLException sql && sql.getErrorCode() == DOES_NOT_EXIST) {
                        return false;
                    }
                }
                throw e;
            }
        }
    }
}
