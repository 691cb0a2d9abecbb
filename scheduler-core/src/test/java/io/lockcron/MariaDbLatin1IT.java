package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.internal.store.StoreFactory;
import io.lockcron.job.JobDefinition;
import io.lockcron.testing.Effects;
import io.lockcron.testing.MariaDbTestDatabase;
import io.lockcron.testing.Nodes;
import io.lockcron.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An older install on a latin1 MariaDB database: tables created from the version-1 schema, whose
 * text columns are latin1 and cannot hold CJK or emoji. Upgrading makes them utf8mb4; a fire
 * whose error still cannot be stored ends with an outcome within its attempt budget.
 */
class MariaDbLatin1IT {
    static final TestDatabase DATABASE = MariaDbTestDatabase.withCharset("lockcron_latin1", "latin1");
    static final String CJK = "任务失败 💥 ошибка";

    @RegisterExtension
    final Nodes nodes = new Nodes();

    HikariDataSource admin;
    Jdbi jdbi;
    Effects effects;
    SchedulerClient client;

    @BeforeEach
    void oldInstall() throws IOException {
        nodes.use(DATABASE);
        admin = nodes.pool(4);
        DATABASE.checkReachable(admin);
        DATABASE.dropSchema(admin);
        TestDatabase.execute(admin, script(resource("/io/lockcron/sql/mysql/history/schema-001.sql")));
        jdbi = StoreFactory.create(admin, "").jdbi();
        effects = new Effects(admin);
        effects.reset();
        client = SchedulerClient.create(admin);
        assertThat(charset("job_execution", "error"))
                .as("what an old install has")
                .isEqualTo("latin1");
    }

    @Test
    void theUpgradeScriptMakesEveryTableUtf8mb4AndCjkErrorsAreStoredAsWritten() throws IOException {
        assertThatThrownBy(() -> nodes.start("u1", List.of(failing(1))))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("sql/mysql/upgrade-002.sql");
        List<String> upgrade = script(Files.readString(Path.of("..", "sql", "mysql", "upgrade-002.sql")));
        TestDatabase.execute(admin, upgrade);
        TestDatabase.execute(admin, upgrade); // idempotent
        assertThat(charset("job_execution", "error")).isEqualTo("utf8mb4");
        assertThat(charset("lock_cron", "lock_name")).isEqualTo("utf8mb4");
        int version = jdbi.withHandle(h -> h.createQuery("SELECT MAX(version) FROM lockcron_schema_version")
                .mapTo(Integer.class)
                .one());
        assertThat(version).isEqualTo(2);

        nodes.start("u1", List.of(failing(1)));
        client.triggerNow("cjk");
        await().atMost(Duration.ofSeconds(20)).until(() -> finished("cjk") == 1);
        String error = jdbi.withHandle(h -> h.createQuery("SELECT error FROM job_execution WHERE job_name = 'cjk'")
                .mapTo(String.class)
                .one());
        assertThat(error).contains(CJK);
    }

    @Test
    void anErrorTheColumnCannotStoreEndsTheFireWithinItsAttemptsAndNeverLooksLikeAnOutage() throws IOException {
        // Upgraded, but with error columns left latin1 (converted back by hand, say): they cannot hold CJK.
        TestDatabase.execute(admin, script(Files.readString(Path.of("..", "sql", "mysql", "upgrade-002.sql"))));
        TestDatabase.execute(
                admin,
                List.of(
                        "ALTER TABLE job_execution MODIFY error TEXT CHARACTER SET latin1 NULL",
                        "ALTER TABLE fire_attempt MODIFY error TEXT CHARACTER SET latin1 NULL"));
        assertThat(charset("job_execution", "error")).isEqualTo("latin1");
        List<Boolean> outages = new CopyOnWriteArrayList<>();
        SchedulerListener watcher = new SchedulerListener() {
            @Override
            public void databaseAvailability(boolean down) {
                outages.add(down);
            }
        };
        for (String node : List.of("l1", "l2")) {
            nodes.start(
                    node,
                    List.of(failing(3)),
                    b -> b.listener(watcher)
                            .heartbeatInterval(Duration.ofMillis(500))
                            .heartbeatTimeout(Duration.ofSeconds(2)));
        }
        // A node that stopped beating: the healthy ones must still fence it meanwhile.
        jdbi.useHandle(h -> h.execute("INSERT INTO scheduler_node (node_id, host, pid, started_at, last_heartbeat,"
                + " session_id, state, incarnation) VALUES ('silent', 'h', 1, UTC_TIMESTAMP(3),"
                + " UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE, NULL, 'ACTIVE', 1)"));
        // A scheduled fire (a one-shot) has the job's retry budget; a manual one runs once.
        String once = client.scheduleOnce("cjk", "once", client.now().plusMillis(500), null);
        await().atMost(Duration.ofSeconds(30)).until(() -> finished(once) == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "FENCED"
                        .equals(jdbi.withHandle(
                                h -> h.createQuery("SELECT state FROM scheduler_node WHERE node_id = 'silent'")
                                        .mapTo(String.class)
                                        .one())));
        Thread.yield();
        var execution = client.executions(ExecutionQuery.all().job(once)).items();
        assertThat(execution).hasSize(1);
        assertThat(execution.get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(execution.get(0).attempt()).as("the job's attempt budget").isEqualTo(3);
        assertThat(execution.get(0).error()).contains("\\u4EFB").contains("escaped to fit the column");
        assertThat(effects.count(once, Effects.AUTO))
                .as("bodies run: the budget, not forever")
                .isEqualTo(3);
        assertThat(client.failovers(10)).as("no false failover").isEmpty();
        assertThat(outages).as("never taken for a database outage").doesNotContain(true);
    }

    @Test
    void aPauseAskedDuringAnUntouchedFireWhoseErrorCannotBeStoredIsStillApplied() throws Exception {
        TestDatabase.execute(admin, script(Files.readString(Path.of("..", "sql", "mysql", "upgrade-002.sql"))));
        TestDatabase.execute(
                admin,
                List.of(
                        "ALTER TABLE job_execution MODIFY error TEXT CHARACTER SET latin1 NULL",
                        "ALTER TABLE fire_attempt MODIFY error TEXT CHARACTER SET latin1 NULL"));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A scheduled first attempt that never touches its transaction: its execution is recorded
        // whole at the end, with no savepoint before it, and that record fails on the error text.
        JobDefinition untouched = JobDefinition.builder("untouched")
                .fixedRate(Duration.ofHours(1))
                .handler(ctx -> {
                    effects.autocommit(ctx);
                    running.countDown();
                    release.await(20, TimeUnit.SECONDS);
                    throw new IllegalStateException(CJK);
                })
                .build();
        nodes.start("l1", List.of(untouched));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(client.pause("untouched")).isTrue();
        assertThat(client.pendingRequests("untouched"))
                .as("pending: the fire holds the row")
                .hasSize(1);
        Thread.sleep(1_500); // the node's polls see the request, so the fire's end applies it
        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> finished("untouched") == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.pendingRequests("untouched").isEmpty());
        assertThat(client.executions(ExecutionQuery.all().job("untouched")).items())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
                    assertThat(e.error()).contains("escaped to fit the column");
                });
        assertThat(client.job("untouched").orElseThrow().status())
                .as("the pause asked during the fire")
                .isEqualTo(JobStatus.PAUSED);
        assertThat(effects.count("untouched", Effects.AUTO)).isEqualTo(1);
    }

    private JobDefinition failing(int attempts) {
        return JobDefinition.builder("cjk")
                .onDemand()
                .retry(attempts, Duration.ofMillis(200))
                .handler(ctx -> {
                    effects.autocommit(ctx);
                    throw new IllegalStateException(CJK);
                })
                .build();
    }

    private int finished(String job) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM job_execution WHERE job_name = :job AND outcome IN ('FAILED', 'SUCCEEDED')")
                .bind("job", job)
                .mapTo(Integer.class)
                .one());
    }

    private String charset(String table, String column) {
        return jdbi.withHandle(h -> h.createQuery("SELECT CHARACTER_SET_NAME FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = :t AND COLUMN_NAME = :c")
                .bind("t", table)
                .bind("c", column)
                .mapTo(String.class)
                .one());
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = MariaDbLatin1IT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> script(String text) {
        String body = String.join(
                "\n", text.lines().filter(l -> !l.strip().startsWith("--")).toList());
        return Arrays.stream(body.split(";\\s*(\\n|$)"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
