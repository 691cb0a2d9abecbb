package io.lockcron.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.schema.LockcronSchema;
import io.lockcron.spring.actuate.LockcronEndpoint;
import io.lockcron.spring.actuate.LockcronHealthIndicator;
import io.lockcron.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole starter in a running application: jobs' JdbcTemplate, JdbcClient, JDBI and
 * {@code @Transactional} writes commit with their fire, once, or not at all. One subclass per database.
 */
@SpringBootTest(
        classes = JobsTestApp.class,
        properties = {
            "lockcron.table-prefix=sbt_",
            "lockcron.poll-interval=200ms",
            "lockcron.node-id=sbt-node",
            "management.endpoints.web.exposure.include=*",
            "management.endpoints.jmx.exposure.include=*",
            "management.endpoint.lockcron.access=unrestricted"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ClusteredJobsSpringBootIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LockcronEndpoint endpoint;

    @Autowired
    LockcronHealthIndicator health;

    @Autowired
    MeterRegistry meters;

    /** Called from each subclass's @DynamicPropertySource, before the context starts: fresh tables, then the DataSource. */
    static void prepare(TestDatabase database, DynamicPropertyRegistry registry) {
        try (HikariDataSource admin = database.newDataSource(2)) {
            database.checkReachable(admin);
            LockcronSchema.install(admin, "sbt_");
            JdbcTemplate jdbc = new JdbcTemplate(admin);
            jdbc.execute(
                    "CREATE TABLE IF NOT EXISTS sbt_effect (job VARCHAR(100) NOT NULL, fire_time VARCHAR(40) NOT NULL,"
                            + " kind VARCHAR(20) NOT NULL, detail VARCHAR(250) NOT NULL)");
            for (String table : List.of(
                    "sbt_effect",
                    "sbt_failover_event",
                    "sbt_fire_attempt",
                    "sbt_job_execution",
                    "sbt_scheduler_node",
                    "sbt_audit_event",
                    "sbt_lock_cron")) {
                jdbc.execute("DELETE FROM " + table);
            }
            registry.add("spring.datasource.url", admin::getJdbcUrl);
            registry.add("spring.datasource.username", admin::getUsername);
            registry.add("spring.datasource.password", () -> admin.getPassword() == null ? "" : admin.getPassword());
            if (admin.getConnectionInitSql() != null) {
                registry.add("spring.datasource.hikari.connection-init-sql", admin::getConnectionInitSql);
            }
        }
    }

    @Test
    void jdbcTemplateJdbcClientAndJdbiWritesCommitOnceWithTheirExecution() {
        await().atMost(WAIT).until(() -> executions("writes", "SUCCEEDED") >= 3);

        List<Map<String, Object>> effects =
                jdbc.queryForList("SELECT fire_time, kind, COUNT(*) AS n FROM sbt_effect WHERE job = 'writes'"
                        + " GROUP BY fire_time, kind");
        Set<String> succeeded = fireTimes("writes", "SUCCEEDED"); // read after: a superset of the fires above
        Map<String, Long> kindsPerFire = effects.stream()
                .collect(Collectors.groupingBy(row -> (String) row.get("fire_time"), Collectors.counting()));
        assertThat(effects)
                .allSatisfy(
                        row -> assertThat(((Number) row.get("n")).intValue()).isEqualTo(1));
        assertThat(kindsPerFire).isNotEmpty().allSatisfy((fire, kinds) -> {
            assertThat(kinds)
                    .as("jdbc-template, jdbc-client and jdbi rows of fire %s", fire)
                    .isEqualTo(3);
            assertThat(succeeded).contains(fire);
        });
        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT detail FROM sbt_effect WHERE job = 'writes' AND kind = 'jdbc-template'",
                        String.class))
                .as("Spring's name of the fire's transaction, seen by the job")
                .containsExactly("lockcron:writes");
    }

    @Test
    void aFailedAttemptsWritesAreRolledBackAndTheRetryCommits() {
        await().atMost(WAIT).until(() -> executions("flaky", "SUCCEEDED") == 1);

        assertThat(kinds("flaky")).containsExactly("attempt-2");
        assertThat(jdbc.queryForObject("SELECT attempt FROM sbt_job_execution WHERE job_name = 'flaky'", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void transactionalRequiredJoinsTheFireAndRequiresNewCommitsOnItsOwn() {
        await().atMost(WAIT).until(() -> executions("propagation", "FAILED") == 1);

        assertThat(kinds("propagation")).containsExactly("requires-new");
    }

    @Test
    void aJoinedTransactionMarkedRollbackOnlyFailsTheFire() {
        await().atMost(WAIT).until(() -> executions("rollback-only", "FAILED") == 1);

        assertThat(kinds("rollback-only")).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT error FROM sbt_job_execution WHERE job_name = 'rollback-only'", String.class))
                .contains("rollback-only");
    }

    @Test
    void theSpringBoundConnectionCannotCommitTheFire() {
        await().atMost(WAIT).until(() -> executions("commits", "FAILED") == 1);

        assertThat(kinds("commits"))
                .as("rolled back with the fire, never committed half-way")
                .isEmpty();
        assertThat(jdbc.queryForObject("SELECT error FROM sbt_job_execution WHERE job_name = 'commits'", String.class))
                .contains("may not commit");
    }

    @Test
    void aJobTriggeredThroughTheEndpointGetsItsFireContext() {
        assertThat(endpoint.trigger("context")).isNotNull();
        await().atMost(WAIT).until(() -> executions("context", "SUCCEEDED") == 1);

        Map<String, Object> row = jdbc.queryForMap("SELECT fire_time, detail FROM sbt_effect WHERE job = 'context'");
        String[] detail = ((String) row.get("detail")).split("\\|");
        assertThat(detail[0]).isEqualTo("context@" + row.get("fire_time"));
        assertThat(detail[1]).isEqualTo("1");
        assertThat(Long.parseLong(detail[2])).isPositive();
        assertThat(detail[3]).isEqualTo("MANUAL");
    }

    @Test
    void healthIsUpAndExecutionsAreTimedByJobAndOutcome() {
        await().atMost(WAIT).until(() -> executions("writes", "SUCCEEDED") >= 1);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(meters.get("lockcron.executions")
                                .tag("job", "writes")
                                .tag("outcome", "SUCCEEDED")
                                .timer()
                                .count())
                        .isPositive());
        assertThat(meters.get("lockcron.trigger.lag")
                        .tag("job", "writes")
                        .timer()
                        .count())
                .isPositive();
    }

    private int executions(String job, String outcome) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM sbt_job_execution WHERE job_name = ? AND outcome = ?",
                Integer.class,
                job,
                outcome);
        return n == null ? 0 : n;
    }

    private Set<String> fireTimes(String job, String outcome) {
        return jdbc
                .queryForList(
                        "SELECT fire_time FROM sbt_job_execution WHERE job_name = ? AND outcome = ?",
                        LocalDateTime.class,
                        job,
                        outcome)
                .stream()
                .map(t -> t.toInstant(ZoneOffset.UTC).toString())
                .collect(Collectors.toSet());
    }

    private List<String> kinds(String job) {
        return jdbc.queryForList("SELECT kind FROM sbt_effect WHERE job = ? ORDER BY kind", String.class, job);
    }
}
