package io.lockcron.shedlock;

import io.lockcron.spi.LockcronJdbi;
import io.lockcron.spi.SqlFailures;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The ShedLock rows of {@code lock_cron}. Every statement reads the database clock first and
 * compares and computes lease ends from it; the node's clock is never consulted.
 */
final class LeaseStore {
    /** A lease taken at {@code takenAt} (database time), known by its fencing token. */
    record Lease(String row, long token, Instant takenAt) {}

    private static final ClasspathSqlLocator SQL = ClasspathSqlLocator.removingComments();

    private final Jdbi jdbi;
    /** Rows known to exist: for them a refused update means "held", and no insert is tried. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    LeaseStore(DataSource dataSource, String tablePrefix) {
        // The core's JDBI setup: <prefix>, <now> in UTC for the dialect, Instants bound as UTC.
        this.jdbi = LockcronJdbi.create(dataSource, tablePrefix);
    }

    Optional<Lease> acquire(String row, String owner, Duration atMost) {
        Optional<Lease> taken = jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            Instant now = now(h);
            int updated = h.createUpdate(sql("acquire"))
                    .bind("name", row)
                    .bind("owner", owner)
                    .bind("now", now)
                    .bind("leaseUntil", now.plus(atMost))
                    .execute();
            if (updated == 0) {
                return Optional.<Lease>empty();
            }
            // In the same transaction, so the token read is the one this update wrote.
            long token = h.createQuery(sql("token"))
                    .bind("name", row)
                    .mapTo(Long.class)
                    .one();
            return Optional.of(new Lease(row, token, now));
        });
        if (taken.isPresent()) {
            known.add(row);
            return taken;
        }
        return known.contains(row) ? Optional.empty() : insert(row, owner, atMost);
    }

    private Optional<Lease> insert(String row, String owner, Duration atMost) {
        try {
            return jdbi.withHandle(h -> {
                Instant now = now(h);
                h.createUpdate(sql("insert"))
                        .bind("name", row)
                        .bind("owner", owner)
                        .bind("now", now)
                        .bind("leaseUntil", now.plus(atMost))
                        .execute();
                known.add(row);
                return Optional.of(new Lease(row, 1, now));
            });
        } catch (RuntimeException e) {
            if (SqlFailures.isDuplicateKey(e)) {
                known.add(row); // another node created it a moment ago, and holds it
                return Optional.empty();
            }
            throw e;
        }
    }

    Optional<Lease> extend(Lease lease, Duration atMost) {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            Instant now = now(h);
            int updated = h.createUpdate(sql("extend"))
                    .bind("name", lease.row())
                    .bind("token", lease.token())
                    .bind("now", now)
                    .bind("leaseUntil", now.plus(atMost))
                    .execute();
            return updated == 1 ? Optional.of(new Lease(lease.row(), lease.token(), now)) : Optional.empty();
        });
    }

    /** Ends the lease, keeping the row locked until {@code atLeast} after it was taken; false if it was lost. */
    boolean release(Lease lease, Duration atLeast) {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            Instant now = now(h);
            Instant atLeastUntil = lease.takenAt().plus(atLeast);
            return h.createUpdate(sql("release"))
                            .bind("name", lease.row())
                            .bind("token", lease.token())
                            .bind("now", now)
                            .bind("leaseUntil", atLeastUntil.isAfter(now) ? atLeastUntil : now)
                            .execute()
                    == 1;
        });
    }

    private static Instant now(Handle h) {
        return h.createQuery("SELECT <now>").mapTo(Instant.class).one();
    }

    private static String sql(String name) {
        return SQL.locate(LeaseStore.class, name);
    }
}
