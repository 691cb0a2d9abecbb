package io.lockcron.shedlock;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.schema.LockcronSchema;
import io.lockcron.spi.LockcronJdbi;
import io.lockcron.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.test.support.AbstractExtensibleLockProviderIntegrationTest;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ShedLock's own contract for lock providers (lockAtMostFor, lockAtLeastFor, a second lock refused
 * while held, extension, a fuzz test of an unsafe counter under the lock), run against
 * {@link LockcronLockProvider} on each database, plus what lockcron adds: fencing tokens and rows
 * the scheduler nodes leave alone.
 */
abstract class LockcronLockProviderContractIT extends AbstractExtensibleLockProviderIntegrationTest {
    /** Its own tables, so these tests never meet the starter's in the shared test database. */
    static final String PREFIX = "shl_";

    private HikariDataSource dataSource;
    private LockcronLockProvider provider;
    private Jdbi jdbi;

    protected abstract TestDatabase database();

    @BeforeEach
    void installSchema() {
        dataSource = database().newDataSource(10);
        database().checkReachable(dataSource);
        LockcronSchema.install(dataSource, PREFIX);
        TestDatabase.execute(dataSource, List.of("DELETE FROM " + PREFIX + "lock_cron"));
        provider = new LockcronLockProvider(dataSource, PREFIX, "test-node");
        jdbi = LockcronJdbi.create(dataSource, PREFIX);
    }

    @AfterEach
    void closePool() {
        dataSource.close();
    }

    @Override
    protected ExtensibleLockProvider getLockProvider() {
        return provider;
    }

    @Override
    protected void assertUnlocked(String name) {
        assertThat(leaseUntil(name)).as("lease of '%s'", name).isBeforeOrEqualTo(dbNow());
    }

    @Override
    protected void assertLocked(String name) {
        assertThat(leaseUntil(name)).as("lease of '%s'", name).isAfter(dbNow());
    }

    @Test
    void everyAcquisitionRaisesTheFencingTokenAndAStaleHolderCannotUnlock() {
        LockConfiguration shortLock =
                new LockConfiguration(Instant.now(), "fenced", Duration.ofMillis(200), Duration.ZERO);
        SimpleLock stale = provider.lock(shortLock).orElseThrow();
        long first = fencingToken("fenced");
        sleepFor(Duration.ofMillis(400)); // lockAtMostFor runs out on the database clock

        SimpleLock current = provider.lock(lockConfig("fenced")).orElseThrow();
        assertThat(fencingToken("fenced")).isEqualTo(first + 1);

        stale.unlock(); // the old holder finishes late: the new holder must keep its lock
        assertLocked("fenced");
        assertThat(provider.lock(lockConfig("fenced"))).isEmpty();
        current.unlock();
        assertUnlocked("fenced");
    }

    @Test
    void locksAreOnDemandLeaseRowsThatNodesNeverFire() {
        provider.lock(lockConfig("report")).orElseThrow().unlock();

        var row = jdbi.withHandle(h -> h.createQuery("SELECT lock_name, handler_name, status, trigger_type,"
                        + " execution_mode, owner_node FROM <prefix>lock_cron")
                .mapToMap()
                .one());
        assertThat(row)
                .containsEntry("lock_name", "shedlock:report")
                .containsEntry("handler_name", "shedlock:report")
                .containsEntry("status", "IDLE")
                .containsEntry("trigger_type", "ON_DEMAND")
                .containsEntry("execution_mode", "LEASE")
                .containsEntry("owner_node", "test-node");
    }

    private Instant leaseUntil(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT lease_until FROM <prefix>lock_cron WHERE lock_name = :name")
                .bind("name", LockcronLockProvider.rowName(name))
                .mapTo(Instant.class)
                .one());
    }

    private long fencingToken(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT fencing_token FROM <prefix>lock_cron WHERE lock_name = :name")
                .bind("name", LockcronLockProvider.rowName(name))
                .mapTo(Long.class)
                .one());
    }

    private Instant dbNow() {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT <now>").mapTo(Instant.class).one());
    }
}
