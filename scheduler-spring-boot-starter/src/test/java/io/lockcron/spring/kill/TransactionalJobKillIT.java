package io.lockcron.spring.kill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.schema.LockcronSchema;
import io.lockcron.testing.MariaDbTestDatabase;
import io.lockcron.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The promise of transactional mode, end to end: a node writing through {@code JdbcTemplate} and
 * Spring Data JPA is SIGKILLed mid-job; none of its writes land and its AFTER_COMMIT listener
 * never runs, and another node runs the same fire exactly once, recording the failover.
 */
class TransactionalJobKillIT {
    private static final TestDatabase DATABASE = MariaDbTestDatabase.named("lockcron_starter_test");
    private static final String PREFIX = "kill_";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private HikariDataSource admin;
    private JdbcTemplate jdbc;
    private Process victim;
    private ConfigurableApplicationContext survivor;

    @BeforeEach
    void cleanTables() {
        admin = DATABASE.newDataSource(3);
        DATABASE.checkReachable(admin);
        LockcronSchema.install(admin, PREFIX);
        jdbc = new JdbcTemplate(admin);
        jdbc.execute("CREATE TABLE IF NOT EXISTS kill_effect (fire_time VARCHAR(40) NOT NULL,"
                + " node_id VARCHAR(100) NOT NULL, attempt INT NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS kill_invoice (id VARCHAR(200) NOT NULL PRIMARY KEY,"
                + " node_id VARCHAR(100) NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS kill_after_commit (invoice_id VARCHAR(200) NOT NULL,"
                + " node_id VARCHAR(100) NOT NULL)");
        for (String table : List.of(
                "kill_effect",
                "kill_invoice",
                "kill_after_commit",
                "kill_failover_event",
                "kill_fire_attempt",
                "kill_job_execution",
                "kill_scheduler_node",
                "kill_lock_cron")) {
            jdbc.execute("DELETE FROM " + table);
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        try {
            if (victim != null && victim.isAlive()) {
                victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            try {
                if (survivor != null) {
                    survivor.close();
                }
            } finally {
                admin.close();
            }
        }
    }

    @Test
    void theJdbcAndJpaWritesOfAKilledFireNeverLandNorRunItsAfterCommitAndAnotherNodeRunsTheFireOnce() throws Exception {
        Path log = Files.createTempFile("lockcron-kill-victim", ".log");
        victim = startVictim(log);
        String marker = awaitMarker(log);
        Instant fire = Instant.parse(marker.substring(
                marker.indexOf(KillTestNode.MARKER) + KillTestNode.MARKER.length(),
                marker.indexOf(" in-transaction=")));
        assertThat(marker).as("the write joined the fire's transaction").endsWith("in-transaction=true");
        assertThat(count("SELECT COUNT(*) FROM kill_effect"))
                .as("the victim's write is uncommitted, inside the transaction holding the row lock")
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM kill_invoice"))
                .as("the victim's flushed JPA write is uncommitted too")
                .isZero();

        victim.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the victim itself
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.exitValue()).isEqualTo(137);

        survivor = new SpringApplicationBuilder(KillTestNode.class)
                .properties(properties("survivor"))
                .run();
        await().atMost(WAIT)
                .until(() -> count("SELECT COUNT(*) FROM kill_job_execution WHERE outcome = 'SUCCEEDED'") == 1);

        List<Map<String, Object>> effects = jdbc.queryForList("SELECT fire_time, node_id, attempt FROM kill_effect");
        assertThat(effects)
                .as("exactly one write landed: the survivor's")
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("fire_time")).isEqualTo(fire.toString());
                    assertThat(row.get("node_id")).isEqualTo("survivor");
                    assertThat(row.get("attempt")).isEqualTo(2);
                });
        assertThat(jdbc.queryForList("SELECT id, node_id FROM kill_invoice"))
                .as("exactly one JPA write landed: the survivor's")
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("id")).isEqualTo(KillTestNode.JOB + "@" + fire);
                    assertThat(row.get("node_id")).isEqualTo("survivor");
                });
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM kill_after_commit") >= 1);
        assertThat(jdbc.queryForList("SELECT invoice_id, node_id FROM kill_after_commit"))
                .as("AFTER_COMMIT ran once, for the survivor's committed fire, never for the killed one")
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("invoice_id")).isEqualTo(KillTestNode.JOB + "@" + fire);
                    assertThat(row.get("node_id")).isEqualTo("survivor");
                });
        List<Map<String, Object>> executions =
                jdbc.queryForList("SELECT job_name, fire_time, node_id, attempt, outcome FROM kill_job_execution");
        assertThat(executions).singleElement().satisfies(row -> {
            assertThat(row.get("job_name")).isEqualTo(KillTestNode.JOB);
            assertThat(utc(row.get("fire_time"))).isEqualTo(fire);
            assertThat(row.get("node_id")).isEqualTo("survivor");
            assertThat(row.get("attempt")).isEqualTo(2);
        });
        List<Map<String, Object>> failovers =
                jdbc.queryForList("SELECT fire_time, from_node, to_node, reason FROM kill_failover_event");
        assertThat(failovers).singleElement().satisfies(row -> {
            assertThat(utc(row.get("fire_time"))).isEqualTo(fire);
            assertThat(row.get("from_node")).isEqualTo("victim");
            assertThat(row.get("to_node")).isEqualTo("survivor");
            assertThat(row.get("reason")).isEqualTo("CRASH");
        });
    }

    private Process startVictim(Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                KillTestNode.class.getName()));
        properties("victim").forEach((key, value) -> command.add("--" + key + "=" + value));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private String awaitMarker(Path log) {
        List<String> found = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!victim.isAlive()) {
                throw new AssertionError("the victim JVM exited early:\n" + Files.readString(log));
            }
            Files.readAllLines(log).stream()
                    .filter(line -> line.contains(KillTestNode.MARKER))
                    .findFirst()
                    .ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    /** The node settings both nodes share, with {@code role} as node id; the victim gets them as arguments. */
    private static Map<String, Object> properties(String role) {
        try (HikariDataSource template = DATABASE.newDataSource(1)) {
            return Map.of(
                    "spring.datasource.url",
                    template.getJdbcUrl(),
                    "spring.datasource.username",
                    template.getUsername(),
                    "spring.datasource.password",
                    template.getPassword() == null ? "" : template.getPassword(),
                    "spring.datasource.hikari.connection-init-sql",
                    template.getConnectionInitSql(),
                    "spring.main.web-application-type",
                    "none",
                    "lockcron.table-prefix",
                    PREFIX,
                    "lockcron.node-id",
                    role,
                    "lockcron.poll-interval",
                    "200ms",
                    "kill-test.role",
                    role);
        }
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }

    private static Instant utc(Object value) {
        return ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
    }
}
