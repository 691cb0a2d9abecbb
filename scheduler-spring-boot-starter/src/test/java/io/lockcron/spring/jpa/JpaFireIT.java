package io.lockcron.spring.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.SchedulerClient;
import io.lockcron.schema.LockcronSchema;
import io.lockcron.testing.TestDatabase;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Spring Data JPA application: its entities commit with their fire, once, or not at all, and
 * its AFTER_COMMIT listeners run once per committed fire and never for a failed one. One
 * subclass per database.
 */
@SpringBootTest(
        classes = JpaTestApp.class,
        properties = {
            "lockcron.table-prefix=jpa_",
            "lockcron.poll-interval=200ms",
            "lockcron.node-id=jpa-node",
            "spring.main.web-application-type=none",
            "spring.jpa.open-in-view=false"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class JpaFireIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SchedulerClient client;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    DataSource dataSource;

    /** Called from each subclass's @DynamicPropertySource, before the context starts: fresh tables, then the DataSource. */
    static void prepare(TestDatabase database, DynamicPropertyRegistry registry) {
        JpaTestApp.AFTER_COMMITS.clear();
        JpaTestApp.AFTER_ROLLBACKS.clear();
        try (HikariDataSource admin = database.newDataSource(2)) {
            database.checkReachable(admin);
            LockcronSchema.install(admin, "jpa_");
            JdbcTemplate jdbc = new JdbcTemplate(admin);
            jdbc.execute("CREATE TABLE IF NOT EXISTS jpa_invoice (id VARCHAR(200) NOT NULL PRIMARY KEY,"
                    + " job VARCHAR(100) NOT NULL, fire_time VARCHAR(40) NOT NULL)");
            for (String table : List.of(
                    "jpa_invoice",
                    "jpa_failover_event",
                    "jpa_fire_attempt",
                    "jpa_job_execution",
                    "jpa_scheduler_node",
                    "jpa_audit_event",
                    "jpa_lock_cron")) {
                jdbc.execute("DELETE FROM " + table);
            }
            jdbc.update("INSERT INTO jpa_invoice (id, job, fire_time) VALUES (?, 'setup', '-')", JpaTestApp.TAKEN_ID);
            registry.add("spring.datasource.url", admin::getJdbcUrl);
            registry.add("spring.datasource.username", admin::getUsername);
            registry.add("spring.datasource.password", () -> admin.getPassword() == null ? "" : admin.getPassword());
            if (admin.getConnectionInitSql() != null) {
                registry.add("spring.datasource.hikari.connection-init-sql", admin::getConnectionInitSql);
            }
        }
    }

    @Test
    void entitiesCommitOnceWithTheirFireOnTheConnectionHoldingItsLockAndAfterCommitRunsOnce() {
        await().atMost(WAIT).until(() -> executions("jpa-save", "SUCCEEDED") >= 3);
        Set<String> succeeded = fireKeys("jpa-save", "SUCCEEDED");
        // AFTER_COMMIT runs right after the database commit, on the worker thread: wait for it.
        await().atMost(WAIT)
                .until(() -> succeeded.stream().allMatch(key -> JpaTestApp.AFTER_COMMITS.getOrDefault(key, 0) == 1));

        Map<String, Integer> afterCommits = Map.copyOf(JpaTestApp.AFTER_COMMITS);
        Set<String> committed =
                new HashSet<>(jdbc.queryForList("SELECT id FROM jpa_invoice WHERE job = 'jpa-save'", String.class));
        Set<String> allSucceeded = fireKeys("jpa-save", "SUCCEEDED");
        assertThat(committed)
                .as("one invoice per succeeded fire, none for any other")
                .containsAll(succeeded)
                .isSubsetOf(allSucceeded);
        assertThat(afterCommits.keySet().stream().filter(key -> key.startsWith("jpa-save@")))
                .as("AFTER_COMMIT ran only for committed invoices")
                .allSatisfy(key -> assertThat(committed).contains(key));
        assertThat(afterCommits.entrySet().stream().filter(e -> e.getKey().startsWith("jpa-save@")))
                .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(1));
        assertThat(executions("jpa-save", "FAILED"))
                .as("the NOWAIT lock query of every fire found its own lock")
                .isZero();
    }

    @Test
    void aFailedFiresEntityAndEventAreRolledBack() {
        await().atMost(WAIT).until(() -> executions("jpa-fail", "FAILED") == 1);
        String key = fireKeys("jpa-fail", "FAILED").iterator().next();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jpa_invoice WHERE job = 'jpa-fail'", Integer.class))
                .isZero();
        assertThat(JpaTestApp.AFTER_COMMITS).doesNotContainKey(key);
        assertThat(JpaTestApp.AFTER_ROLLBACKS).containsEntry(key, 1);
    }

    @Test
    void aJpaErrorTheJobCaughtFailsItsFireOnceInsteadOfRunningItAgain() {
        await().atMost(WAIT).until(() -> executions("jpa-caught", "FAILED") == 1);
        awaitMoreFiresOf("jpa-save");

        assertThat(attempts("jpa-caught"))
                .as("recorded as failed at the first attempt")
                .isEqualTo(1);
        assertThat(error("jpa-caught")).contains("rollback-only");
        assertThat(jdbc.queryForObject("SELECT job FROM jpa_invoice WHERE id = ?", String.class, JpaTestApp.TAKEN_ID))
                .isEqualTo("setup");
    }

    @Test
    void aJpaErrorFoundByTheFlushAtTheEndOfTheBodyFailsItsFireOnce() {
        await().atMost(WAIT).until(() -> executions("jpa-flush", "FAILED") == 1);
        awaitMoreFiresOf("jpa-save");

        assertThat(attempts("jpa-flush")).isEqualTo(1);
        assertThat(executions("jpa-flush", "SUCCEEDED")).isZero();
    }

    @Test
    void aJobCannotCommitItsFiresTransactionThroughSpringsBoundConnection() {
        await().atMost(WAIT).until(() -> executions("jpa-commits", "FAILED") == 1);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jpa_invoice WHERE job = 'jpa-commits'", Integer.class))
                .as("the refused commit left the flushed write uncommitted, and the failure rolled it back")
                .isZero();
        assertThat(error("jpa-commits")).isNotBlank();
    }

    @Test
    void aOneShotScheduledInARolledBackTransactionIsGoneAndACommittedOneRuns() {
        scheduling().aOneShotScheduledInARolledBackTransactionIsGoneAndACommittedOneRuns();
    }

    @Test
    void aTriggerRequestedInARolledBackTransactionNeverFiresAndACommittedOneFiresOnce() {
        scheduling().aTriggerRequestedInARolledBackTransactionNeverFiresAndACommittedOneFiresOnce();
    }

    @Test
    void theCoresExplicitConnectionJoinsAPlainJdbcTransaction() throws Exception {
        scheduling().theCoresExplicitConnectionJoinsAPlainJdbcTransaction();
    }

    private TransactionalSchedulingChecks scheduling() {
        return new TransactionalSchedulingChecks(client, new TransactionTemplate(transactionManager), jdbc, dataSource);
    }

    /** Gives a fire that would wrongly run again the time to do so. */
    private void awaitMoreFiresOf(String job) {
        int now = executions(job, "SUCCEEDED");
        await().atMost(WAIT).until(() -> executions(job, "SUCCEEDED") >= now + 3);
    }

    int executions(String job, String outcome) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM jpa_job_execution WHERE job_name = ? AND outcome = ?",
                Integer.class,
                job,
                outcome);
        return n == null ? 0 : n;
    }

    private int attempts(String job) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM jpa_fire_attempt WHERE job_name = ?", Integer.class, job);
        return n == null ? 0 : n;
    }

    private String error(String job) {
        return jdbc.queryForObject("SELECT error FROM jpa_job_execution WHERE job_name = ?", String.class, job);
    }

    /** The idempotency keys ({@code job@fireTime}) of the job's executions with {@code outcome}. */
    private Set<String> fireKeys(String job, String outcome) {
        List<Object> times = jdbc.queryForList(
                "SELECT fire_time FROM jpa_job_execution WHERE job_name = ? AND outcome = ?",
                Object.class,
                job,
                outcome);
        Set<String> keys = new HashSet<>();
        for (Object time : times) {
            keys.add(job + "@" + utc(time));
        }
        return keys;
    }

    private static java.time.Instant utc(Object value) {
        if (value instanceof java.time.LocalDateTime local) {
            return local.toInstant(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalArgumentException("unexpected fire_time type " + value.getClass());
    }
}
