package io.lockcron.spring.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockcron.SchedulerClient;
import io.lockcron.TransactionalScheduling;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Scheduling inside the caller's transaction, through the starter's client and the core's explicit API. */
final class TransactionalSchedulingChecks {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final SchedulerClient client;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    TransactionalSchedulingChecks(
            SchedulerClient client, TransactionTemplate transactions, JdbcTemplate jdbc, DataSource dataSource) {
        this.client = client;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    void aOneShotScheduledInARolledBackTransactionIsGoneAndACommittedOneRuns() {
        Instant now = client.now();
        transactions.executeWithoutResult(status -> {
            client.scheduleOnce("jpa-once", "rolled-back", now, "p1");
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> {
            client.scheduleOnce("jpa-once", "committed", now, "p2");
            assertThat(entries("jpa-once:committed"))
                    .as("visible inside the caller's transaction")
                    .isEqualTo(1);
        });

        await().atMost(WAIT).until(() -> invoices("ran:jpa-once:committed") == 1);
        assertThat(entries("jpa-once:rolled-back")).isZero();
        assertThat(invoices("ran:jpa-once:rolled-back")).isZero();
    }

    void aTriggerRequestedInARolledBackTransactionNeverFiresAndACommittedOneFiresOnce() {
        transactions.executeWithoutResult(status -> {
            client.triggerNow("jpa-on-demand", "rolled-back");
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM jpa_lock_cron WHERE lock_name = 'jpa-on-demand'"
                                + " AND trigger_requested_at IS NOT NULL",
                        Integer.class))
                .isZero();
        transactions.executeWithoutResult(status -> client.triggerNow("jpa-on-demand", "committed"));

        await().atMost(WAIT).until(() -> executions("jpa-on-demand") == 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jpa_invoice WHERE job = 'jpa-on-demand'", Integer.class))
                .isEqualTo(1);
    }

    void theCoresExplicitConnectionJoinsAPlainJdbcTransaction() throws Exception {
        TransactionalScheduling scheduling = TransactionalScheduling.create(dataSource, "jpa_");
        Instant now = client.now();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            scheduling.scheduleOnce(connection, "jpa-once", "jdbc-rolled-back", now, null);
            connection.rollback();
            scheduling.scheduleOnce(connection, "jpa-once", "jdbc-committed", now, null);
            connection.commit();
            connection.setAutoCommit(true);
        }

        await().atMost(WAIT).until(() -> invoices("ran:jpa-once:jdbc-committed") == 1);
        assertThat(entries("jpa-once:jdbc-rolled-back")).isZero();
        assertThat(invoices("ran:jpa-once:jdbc-rolled-back")).isZero();
    }

    private int entries(String name) {
        return count("SELECT COUNT(*) FROM jpa_lock_cron WHERE lock_name = ?", name);
    }

    private int invoices(String id) {
        return count("SELECT COUNT(*) FROM jpa_invoice WHERE id = ?", id);
    }

    private int executions(String job) {
        return count("SELECT COUNT(*) FROM jpa_job_execution WHERE job_name = ?", job);
    }

    private int count(String sql, String arg) {
        Integer n = jdbc.queryForObject(sql, Integer.class, arg);
        return n == null ? 0 : n;
    }
}
