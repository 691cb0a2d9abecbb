package io.lockcron.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockcron.AttemptInfo;
import io.lockcron.AttemptOutcome;
import io.lockcron.ExecutionInfo;
import io.lockcron.ExecutionQuery;
import io.lockcron.Outcome;
import io.lockcron.Scheduler;
import io.lockcron.SchedulerClient;
import io.lockcron.job.JobContext;
import io.lockcron.spring.autoconfigure.LockcronAutoConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * With no transaction manager of its DataSource, lockcron opens each fire's transaction itself and
 * binds the fire's (guarded) connection for Spring JDBC. A scheduled fire's attempt then goes on
 * record only when it matters: for a job using {@code JdbcTemplate}, before its first statement.
 */
class LockcronOwnTransactionJdbcTest {
    /** What the JDBC job's first statement saw: running attempts, their id, the running execution's token. */
    record FirstStatement(long runningAttempts, long attemptId, long executionToken, long fencingToken) {}

    static final List<FirstStatement> SEEN = new CopyOnWriteArrayList<>();

    @Test
    void aJdbcJobsFirstStatementFindsItsAttemptAndExecutionOnRecordAndAQuickJobCommitsWithNone() {
        SEEN.clear();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        PropertyPlaceholderAutoConfiguration.class,
                        DataSourceAutoConfiguration.class,
                        LockcronAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "lockcron.poll-interval=100ms")
                .withBean(JdbcJobs.class)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(PlatformTransactionManager.class);
                    SchedulerClient client = context.getBean(SchedulerClient.class);
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> succeeded(client, "jdbc-writer").size() >= 3
                                    && succeeded(client, "quick").size() >= 3);
                    context.getBean(Scheduler.class).stop(); // nothing runs while the records are read

                    assertThat(SEEN).isNotEmpty().allSatisfy(seen -> {
                        assertThat(seen.runningAttempts()).isEqualTo(1);
                        assertThat(seen.attemptId()).isPositive();
                        assertThat(seen.executionToken()).isEqualTo(seen.attemptId());
                        assertThat(seen.fencingToken()).isEqualTo(seen.attemptId());
                    });
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    List<ExecutionInfo> writes = succeeded(client, "jdbc-writer");
                    assertThat(writes).allSatisfy(e -> {
                        assertThat(client.attempts("jdbc-writer", e.fireTime()))
                                .singleElement()
                                .satisfies(a -> assertThat(a.outcome()).isEqualTo(AttemptOutcome.COMMITTED))
                                .extracting(AttemptInfo::fencingToken)
                                .isEqualTo(e.fencingToken());
                        assertThat(jdbc.queryForObject(
                                        "SELECT COUNT(*) FROM jdbc_effect WHERE token = ?",
                                        Long.class,
                                        e.fencingToken()))
                                .isEqualTo(1);
                    });
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jdbc_effect", Long.class))
                            .isEqualTo(writes.size());
                    // A job that never touches its transaction: its execution is its only record, unless
                    // the fire ran 100 ms (a loaded machine) and its attempt went on record anyway.
                    List<ExecutionInfo> quick = succeeded(client, "quick");
                    assertThat(quick)
                            .anySatisfy(e -> assertThat(e.fencingToken()).isZero());
                    assertThat(quick)
                            .allSatisfy(e -> assertThat(client.attempts("quick", e.fireTime()))
                                    .extracting(AttemptInfo::fencingToken)
                                    .isEqualTo(e.fencingToken() == 0 ? List.of() : List.of(e.fencingToken())));
                });
    }

    private static List<ExecutionInfo> succeeded(SchedulerClient client, String job) {
        return client.executions(
                        ExecutionQuery.all().job(job).outcome(Outcome.SUCCEEDED).page(0, 500))
                .items();
    }

    static class JdbcJobs {
        private final JdbcTemplate jdbc;

        JdbcJobs(DataSource dataSource) {
            this.jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE IF NOT EXISTS jdbc_effect (token BIGINT NOT NULL)");
        }

        @ClusteredJob(name = "jdbc-writer", fixedRate = "300ms")
        void write(JobContext ctx) {
            long running = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM fire_attempt WHERE job_name = 'jdbc-writer' AND outcome = 'RUNNING'",
                    Long.class);
            long attemptId = jdbc.queryForObject(
                    "SELECT MAX(id) FROM fire_attempt WHERE job_name = 'jdbc-writer' AND outcome = 'RUNNING'",
                    Long.class);
            long executionToken = jdbc.queryForObject(
                    "SELECT MAX(fencing_token) FROM job_execution WHERE job_name = 'jdbc-writer' AND outcome = 'RUNNING'",
                    Long.class);
            SEEN.add(new FirstStatement(running, attemptId, executionToken, ctx.fencingToken()));
            jdbc.update("INSERT INTO jdbc_effect (token) VALUES (?)", ctx.fencingToken());
        }

        @ClusteredJob(name = "quick", fixedRate = "300ms")
        void quick() {}
    }
}
