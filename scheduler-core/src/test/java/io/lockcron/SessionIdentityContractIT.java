package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.job.ExecutionMode;
import io.lockcron.job.JobDefinition;
import io.lockcron.testing.Effects;
import io.lockcron.testing.Nodes;
import io.lockcron.testing.PrivateServer;
import io.lockcron.testing.TcpProxy;
import io.lockcron.trigger.MisfirePolicy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fencing after a real server restart: MariaDB numbers connections from 1 again and PostgreSQL
 * hands out operating-system pids that recycle, so session ids recorded before the restart may
 * name other sessions (the test makes sure of it by pointing the records at a bystander). The fencer must end every session of the
 * hung node — found by its label, recorded or not — and no other, here a bystander connection of
 * the application holding an open transaction under a recorded id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionIdentityContractIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private PrivateServer server;

    @RegisterExtension
    final Nodes nodes = new Nodes();

    /** A started private server of the database under test. */
    protected abstract PrivateServer startServer();

    /** The statement that reads the session's own id (the one fire_attempt records). */
    protected abstract String sessionIdQuery();

    /** Whether the server numbers sessions from 1 again after a restart (MariaDB), so reuse shows by itself. */
    protected abstract boolean idsRestartFromOne();

    @BeforeAll
    void start() {
        server = startServer();
    }

    @AfterAll
    void removeServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void afterARestartFencingEndsTheHungNodesSessionsAndSparesAReusedId() throws Exception {
        nodes.use(server);
        HikariDataSource admin = nodes.pool(4);
        server.installSchema(admin);
        Effects effects = new Effects(admin);
        effects.reset();
        Jdbi jdbi = Jdbi.create(admin);
        SchedulerClient client = SchedulerClient.create(admin);
        JobDefinition ledger = JobDefinition.builder("ledger")
                .fixedRate(Duration.ofHours(1))
                .misfire(MisfirePolicy.SKIP)
                .mode(ExecutionMode.TRANSACTIONAL)
                .handler(ctx -> {
                    Effects.inTransaction(ctx);
                    // On "frozen" the fire runs until its session dies (the restart) or the node hangs.
                    for (int i = 0; i < 600 && ctx.nodeId().equals("frozen"); i++) {
                        ctx.handle()
                                .createQuery("SELECT 1")
                                .mapTo(Integer.class)
                                .one();
                        Thread.sleep(200);
                    }
                })
                .build();

        try (TcpProxy proxy = TcpProxy.in(server)) {
            nodes.startVia(
                    proxy,
                    "frozen",
                    List.of(ledger),
                    b -> b.heartbeatInterval(Duration.ofMillis(300)).heartbeatTimeout(Duration.ofSeconds(2)));
            await().atMost(WAIT).until(() -> runningSessions(jdbi, "frozen").size() == 1);
            long before = 0;
            for (int i = 0; i < 40 && idsRestartFromOne(); i++) { // use up ids, so that their reuse shows
                try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password())) {
                    before = single(c, sessionIdQuery());
                }
            }

            server.restart(true); // a crash: every session ends, ids start again from 1
            // The node reconnects and runs the still-due fire again, as attempt 2.
            // The test's own pooled connections died with the server too: the first reads may fail.
            await().atMost(WAIT)
                    .ignoreExceptions()
                    .until(() -> runningSessions(jdbi, "frozen").size() == 1 && attemptRunning(jdbi) == 2);

            try (Connection bystander = DriverManager.getConnection(server.url(), server.user(), server.password())) {
                long bystanderId = single(bystander, sessionIdQuery());
                if (idsRestartFromOne()) {
                    assertThat(bystanderId).as("ids reused after the restart").isLessThan(before);
                }
                bystander.setAutoCommit(false);
                execute(bystander, "CREATE TABLE IF NOT EXISTS bystander_work (v INT)");
                execute(bystander, "INSERT INTO bystander_work VALUES (7)");

                proxy.freeze(); // the node hangs holding the row lock on its labelled sessions
                // What a failed close leaves behind: the crashed run's attempt still RUNNING, and the
                // node's recorded session, both naming an id the server has given to the bystander.
                jdbi.useHandle(h -> {
                    h.createUpdate("UPDATE fire_attempt SET outcome = 'RUNNING', session_id = :id"
                                    + " WHERE node_id = 'frozen' AND attempt = 1")
                            .bind("id", Long.toString(bystanderId))
                            .execute();
                    h.createUpdate("UPDATE scheduler_node SET session_id = :id WHERE node_id = 'frozen'")
                            .bind("id", Long.toString(bystanderId))
                            .execute();
                });
                nodes.start(
                        "live",
                        List.of(ledger),
                        b -> b.heartbeatInterval(Duration.ofMillis(300))
                                .heartbeatTimeout(Duration.ofSeconds(2))
                                .misfireThreshold(Duration.ofMillis(500)));
                await().atMost(WAIT)
                        .until(() -> client.executions(ExecutionQuery.all().job("ledger"))
                                        .total()
                                == 1);
                // The kill frees the row lock, so the takeover can commit before the fencer has
                // written its record: wait for the record, and only then judge the bystander.
                await().atMost(WAIT).until(() -> !client.fencings(10).isEmpty());

                assertThat(bystander.isValid(5))
                        .as("the bystander's session survived fencing")
                        .isTrue();
                bystander.commit();
                assertThat(single(bystander, "SELECT COUNT(*) FROM bystander_work"))
                        .isEqualTo(1);
            }
            ExecutionInfo run = client.executions(ExecutionQuery.all().job("ledger"))
                    .items()
                    .get(0);
            assertThat(run.nodeId()).isEqualTo("live");
            assertThat(effects.count("ledger", Effects.TX)).isEqualTo(1);
            assertThat(client.fencings(10)).singleElement().satisfies(f -> {
                assertThat(f.nodeId()).isEqualTo("frozen");
                assertThat(f.sessionsKilled())
                        .as("the labelled sessions: the fire's and any other borrowed")
                        .isPositive();
                assertThat(f.detail()).isNull();
            });
            proxy.restore();
        }
    }

    private static List<String> runningSessions(Jdbi jdbi, String node) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT session_id FROM fire_attempt WHERE node_id = :node AND outcome = 'RUNNING'")
                        .bind("node", node)
                        .mapTo(String.class)
                        .list());
    }

    private static int attemptRunning(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT MAX(attempt) FROM fire_attempt WHERE node_id = 'frozen' AND outcome = 'RUNNING'")
                .mapTo(Integer.class)
                .findOne()
                .orElse(0));
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
