package io.lockcron.shedlock;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.schema.LockcronSchema;
import io.lockcron.testing.H2TestDatabase;
import io.lockcron.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A rolling migration on H2: nodes still on ShedLock's JdbcTemplateLockProvider, nodes on
 * {@link MigrationLockProvider} and nodes on plain {@link LockcronLockProvider} never hold the
 * same task's lock at once.
 */
class MigrationLockProviderTest {
    private static final TestDatabase DATABASE = H2TestDatabase.named("lockcron_shedlock_migration");

    private HikariDataSource dataSource;
    private LockProvider oldNode;
    private LockProvider lockcronNode;
    private LockProvider migratingNode;

    @BeforeEach
    void setUp() {
        dataSource = DATABASE.newDataSource(5);
        LockcronSchema.install(dataSource, "");
        TestDatabase.execute(
                dataSource,
                List.of(
                        "CREATE TABLE IF NOT EXISTS shedlock (name VARCHAR(64) NOT NULL PRIMARY KEY,"
                                + " lock_until TIMESTAMP(3) NOT NULL, locked_at TIMESTAMP(3) NOT NULL,"
                                + " locked_by VARCHAR(255) NOT NULL)",
                        "DELETE FROM shedlock",
                        "DELETE FROM lock_cron"));
        oldNode = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
        lockcronNode = new LockcronLockProvider(dataSource);
        migratingNode = new MigrationLockProvider(oldNode, new LockcronLockProvider(dataSource));
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
    }

    @Test
    void aTaskHeldByANodeStillOnShedLockIsRefusedToAMigratingNode() {
        SimpleLock held = oldNode.lock(task()).orElseThrow();

        assertThat(migratingNode.lock(task())).isEmpty();

        held.unlock();
        migratingNode.lock(task()).orElseThrow().unlock();
    }

    @Test
    void aTaskHeldByAMigratingNodeIsRefusedToOldAndToMovedNodes() {
        SimpleLock held = migratingNode.lock(task()).orElseThrow();

        assertThat(oldNode.lock(task())).isEmpty();
        assertThat(lockcronNode.lock(task())).isEmpty();

        held.unlock();
        oldNode.lock(task()).orElseThrow().unlock();
        lockcronNode.lock(task()).orElseThrow().unlock();
    }

    @Test
    void aTaskHeldByAMovedNodeIsRefusedToAMigratingNodeWhichLetsGoOfTheOldLockAgain() {
        SimpleLock held = lockcronNode.lock(task()).orElseThrow();

        assertThat(migratingNode.lock(task())).isEmpty();
        oldNode.lock(task()).orElseThrow().unlock(); // not left behind by the refused attempt

        held.unlock();
    }

    private static LockConfiguration task() {
        return new LockConfiguration(Instant.now(), "send-reminders", Duration.ofMinutes(1), Duration.ZERO);
    }
}
