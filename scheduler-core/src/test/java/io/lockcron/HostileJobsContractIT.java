package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockcron.job.FireTransactionException;
import io.lockcron.job.JobDefinition;
import io.lockcron.job.JobHandler;
import io.lockcron.testing.DatabaseIT;
import io.lockcron.testing.Effects;
import io.lockcron.testing.FireChecker;
import io.lockcron.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jobs that do what a transactional job must not, on two nodes at once: end the fire's
 * transaction (commit, roll back, auto-commit, close, SQL COMMIT, DDL, a raw driver commit),
 * swallow SQL errors and throw from a finally. Whatever they do, each fire runs its body once,
 * commits its transactional effect at most once, ends with an outcome on record, and no node
 * is taken for crashed.
 */
public abstract class HostileJobsContractIT extends DatabaseIT {
    static final Duration RUN = Duration.ofSeconds(6);
    static final String CJK = "任务失败 💥 ошибка ÆØÅ";

    /** The driver's own connection type, which a job can unwrap to get past the guard. */
    protected abstract Class<?> driverConnection();

    @BeforeEach
    void scratchTable() {
        TestDatabase.execute(
                admin,
                List.of(
                        "DROP TABLE IF EXISTS hostile_scratch",
                        "DROP TABLE IF EXISTS hostile_bulk",
                        "CREATE TABLE hostile_bulk (id INT NOT NULL)",
                        "CREATE TABLE hostile_scratch (id INT NOT NULL PRIMARY KEY, v INT NOT NULL)",
                        "INSERT INTO hostile_scratch (id, v) VALUES (1, 0)",
                        "INSERT INTO hostile_scratch (id, v) VALUES (2, 0)"));
    }

    /** Every second; the body first notes that it ran (AUTO) and writes its effect (TX), then misbehaves. */
    private JobDefinition job(String name, JobHandler misbehaviour) {
        return JobDefinition.builder(name)
                .cron("* * * * * ?")
                .retry(1, Duration.ofMillis(100))
                .handler(ctx -> {
                    effects.autocommit(ctx);
                    Effects.inTransaction(ctx);
                    misbehaviour.execute(ctx);
                })
                .build();
    }

    private static void refused(String what, Action action) {
        try {
            action.run();
        } catch (FireTransactionException expected) {
            assertThat(expected.getMessage()).as(what).contains("lease");
            return;
        } catch (Exception other) {
            throw new AssertionError(what + " failed with " + other + " instead of a FireTransactionException", other);
        }
        throw new AssertionError(what + " was not refused");
    }

    interface Action {
        void run() throws Exception;
    }

    @Test
    void jobsThatTryToEndTheFireTransactionRunOncePerFireOnTwoNodes() throws Exception {
        List<JobDefinition> jobs = new ArrayList<>();
        jobs.add(job("control", ctx -> {}));
        jobs.add(job("commits", ctx -> ctx.connection().commit()));
        jobs.add(job("commits-caught", ctx -> {
            refused("Connection.commit()", () -> ctx.connection().commit());
            refused("Handle.commit()", () -> ctx.handle().commit());
            refused("SQL COMMIT", () -> ctx.handle().execute("COMMIT"));
            refused("Statement COMMIT", () -> ctx.connection().createStatement().execute("commit"));
            ctx.handle().useTransaction(nested -> nested.execute("UPDATE hostile_scratch SET v = v + 1 WHERE id = 1"));
        }));
        jobs.add(job("rolls-back", ctx -> {
            refused("Connection.rollback()", () -> ctx.connection().rollback());
            refused("Handle.rollback()", () -> ctx.handle().rollback());
            Connection c = ctx.connection();
            Savepoint own = c.setSavepoint();
            c.createStatement().executeUpdate("UPDATE hostile_scratch SET v = v + 100 WHERE id = 2");
            c.rollback(own); // its own savepoint: allowed, and undoes only the +100
        }));
        jobs.add(job("auto-commit", ctx -> {
            refused("setAutoCommit(true)", () -> ctx.connection().setAutoCommit(true));
            refused(
                    "setTransactionIsolation",
                    () -> ctx.connection().setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE));
            ctx.connection().setAutoCommit(false); // what it already is: harmless
        }));
        jobs.add(job("closes", ctx -> {
            refused("Connection.close()", () -> ctx.connection().close());
            refused("Connection.abort()", () -> ctx.connection().abort(Runnable::run));
            assertThat(ctx.connection().isClosed()).isFalse();
        }));
        jobs.add(job("ddl", ctx -> {
            try {
                ctx.handle().execute("TRUNCATE TABLE hostile_scratch");
            } catch (FireTransactionException refusedOnMySql) {
                assertThat(database().name()).isNotEqualTo("postgresql"); // PostgreSQL runs DDL in the transaction
            }
            refused("START TRANSACTION", () -> ctx.handle().execute("START TRANSACTION"));
        }));
        jobs.add(job("raw-driver-commit", ctx -> {
            ((Connection) ctx.connection().unwrap(driverConnection())).commit();
            ctx.handle().execute("UPDATE hostile_scratch SET v = v + 1000 WHERE id = 1"); // after: rolled back
        }));
        jobs.add(job("throws-from-finally", ctx -> {
            try {
                ctx.handle().execute("INSERT INTO no_such_table VALUES (1)");
            } catch (RuntimeException swallowed) {
                // carries on
            } finally {
                throw new IllegalStateException("cleanup failed: " + CJK);
            }
        }));
        for (String node : List.of("h1", "h2")) {
            nodes.start(node, jobs);
        }
        Instant started = Instant.now();
        Thread.sleep(RUN.toMillis());
        Instant ended = Instant.now();
        nodes.stopAll();

        FireChecker checker = new FireChecker(jdbi, effects);
        checker.assertNoBodyRanTwice();
        int fires = checker.assertEveryFireOnce(
                "control", Duration.ofSeconds(1), started.plusSeconds(2), ended.minusSeconds(2));
        assertThat(fires).isGreaterThanOrEqualTo(4);
        for (String succeeding : List.of("control", "commits-caught", "rolls-back", "auto-commit", "closes", "ddl")) {
            assertOutcomes(succeeding, "SUCCEEDED", null);
            assertThat(effects.count(succeeding, Effects.TX))
                    .as("transactional effects of %s, once per fire", succeeding)
                    .isEqualTo(executions(succeeding));
        }
        assertOutcomes("commits", "FAILED", "may not commit the transaction");
        assertThat(effects.count("commits", Effects.TX)).as("rolled back").isZero();
        assertOutcomes("raw-driver-commit", "FAILED", "ended its fire's transaction");
        assertThat(effects.count("raw-driver-commit", Effects.TX))
                .as("written before its own commit: committed once per fire, never twice")
                .isEqualTo(executions("raw-driver-commit"));
        assertOutcomes("throws-from-finally", "FAILED", "cleanup failed: " + CJK);
        assertThat(effects.count("throws-from-finally", Effects.TX)).isZero();
        int ddlFires = executions("ddl");
        int scratch = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(v), -1) FROM hostile_scratch")
                .mapTo(Integer.class)
                .one());
        if (database().name().equals("postgresql")) {
            assertThat(scratch)
                    .as("TRUNCATE committed with its fire on PostgreSQL")
                    .isIn(-1, executions("commits-caught"), 0);
        } else {
            assertThat(scratch)
                    .as("scratch rows: one +1 per commits-caught fire, no +100, no +1000 (ddl ran %d times)", ddlFires)
                    .isEqualTo(executions("commits-caught"));
        }
        for (String job : List.of(
                "commits",
                "commits-caught",
                "rolls-back",
                "auto-commit",
                "closes",
                "ddl",
                "raw-driver-commit",
                "throws-from-finally")) {
            assertThat(effects.count(job, Effects.AUTO))
                    .as("bodies of %s, once per fire", job)
                    .isEqualTo(executions(job));
            assertThat(executions(job)).as("fires of %s", job).isGreaterThanOrEqualTo(fires - 2);
        }
        assertThat(client.failovers(50)).as("no node crashed").isEmpty();
        assertThat(attempts("LOST")).as("no attempt lost").isZero();
    }

    @Test
    void aJobThatDeadlocksAndRetriesIsRecordedAndCommitsItsEffectOnce() throws Exception {
        CountDownLatch bodyHoldsRowOne = new CountDownLatch(1);
        CountDownLatch helperHoldsRowTwo = new CountDownLatch(1);
        AtomicBoolean deadlocked = new AtomicBoolean();
        JobDefinition deadlocks = JobDefinition.builder("deadlocks")
                .onDemand()
                .retry(3, Duration.ofMillis(200))
                .handler(ctx -> {
                    effects.autocommit(ctx);
                    Effects.inTransaction(ctx);
                    if (!deadlocked.compareAndSet(false, true)) {
                        return; // the retry: no helper in the way
                    }
                    ctx.handle().execute("UPDATE hostile_scratch SET v = v + 1 WHERE id = 1");
                    bodyHoldsRowOne.countDown();
                    helperHoldsRowTwo.await(10, TimeUnit.SECONDS);
                    String update = "UPDATE hostile_scratch SET v = v + 1 WHERE id = 2";
                    try {
                        ctx.handle().execute(update);
                    } catch (RuntimeException deadlock) {
                        ctx.handle().execute(update); // "deadlock, retry": the transaction is gone, so this fails
                    }
                })
                .build();
        for (String node : List.of("d1", "d2")) {
            nodes.start(node, List.of(deadlocks));
        }
        Thread helper = new Thread(() -> {
            try (Connection c = admin.getConnection()) {
                c.setAutoCommit(false);
                try (var s = c.createStatement()) {
                    bodyHoldsRowOne.await(20, TimeUnit.SECONDS);
                    s.executeUpdate("UPDATE hostile_scratch SET v = v + 10 WHERE id = 2");
                    // Heavier than the fire's transaction, so InnoDB picks the fire as the victim.
                    for (int i = 0; i < 30; i++) {
                        s.executeUpdate("INSERT INTO hostile_bulk (id) VALUES (" + i + ")");
                    }
                    helperHoldsRowTwo.countDown();
                    Thread.sleep(300); // let the fire wait on row 2 first (PostgreSQL: the first waiter detects)
                    try {
                        s.executeUpdate("UPDATE hostile_scratch SET v = v + 10 WHERE id = 1");
                        c.commit();
                    } catch (java.sql.SQLException victim) {
                        c.rollback();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        helper.start();
        String once = client.scheduleOnce("deadlocks", "once", client.now().plusMillis(300), null);
        await().atMost(WAIT)
                .until(() ->
                        executions(once) == 1 && !"RUNNING".equals(outcome(once)) && !"RETRYING".equals(outcome(once)));
        helper.join(20_000);
        nodes.stopAll();
        assertThat(outcome(once)).isEqualTo("SUCCEEDED");
        assertThat(effects.count(once, Effects.TX)).as("its effect, once").isEqualTo(1);
        int attempt = jdbi.withHandle(h -> h.createQuery("SELECT attempt FROM job_execution WHERE job_name = :j")
                .bind("j", once)
                .mapTo(Integer.class)
                .one());
        assertThat(effects.count(once, Effects.AUTO)).as("one body per attempt").isEqualTo(attempt);
        // PostgreSQL keeps an aborted transaction and its lock until the owner rolls back. InnoDB frees
        // the victim's lock the moment it rolls it back whole; another node then sees the owner's
        // labelled session still connected and leaves the fire to it.
        assertThat(client.failovers(10)).as("no node crashed").isEmpty();
        assertThat(attempts("LOST")).isZero();
    }

    String outcome(String job) {
        return jdbi.withHandle(h -> h.createQuery("SELECT outcome FROM job_execution WHERE job_name = :job")
                .bind("job", job)
                .mapTo(String.class)
                .findOne()
                .orElse(null));
    }

    int executions(String job) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM job_execution WHERE job_name = :job")
                .bind("job", job)
                .mapTo(Integer.class)
                .one());
    }

    int attempts(String outcome) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM fire_attempt WHERE outcome = :outcome")
                .bind("outcome", outcome)
                .mapTo(Integer.class)
                .one());
    }

    void assertOutcomes(String job, String outcome, String errorContains) {
        List<Map<String, Object>> rows =
                jdbi.withHandle(h -> h.createQuery("SELECT outcome, error FROM job_execution WHERE job_name = :job")
                        .bind("job", job)
                        .mapToMap()
                        .list());
        assertThat(rows).as("executions of %s", job).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("outcome")).as("outcome of %s: %s", job, row).isEqualTo(outcome);
            if (errorContains != null) {
                assertThat(String.valueOf(row.get("error")))
                        .as("error of %s", job)
                        .contains(errorContains);
            }
        });
    }
}
