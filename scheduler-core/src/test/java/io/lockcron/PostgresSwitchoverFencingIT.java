package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.job.JobDefinition;
import io.lockcron.testing.Effects;
import io.lockcron.testing.Nodes;
import io.lockcron.testing.PrivatePostgresPair;
import io.lockcron.testing.TcpProxy;
import io.lockcron.trigger.MisfirePolicy;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fencing after a switchover to the standby: the promoted server's backend pids are a new pid
 * space, so what the tables recorded on the old primary names nobody there. A node that runs its
 * fire again on the promoted server and then hangs holding the row lock must still be fenced — its
 * labelled session there killed, which alone frees the lock — and its fire taken over once.
 */
class PostgresSwitchoverFencingIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private PrivatePostgresPair pair;

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @BeforeEach
    void startServers() {
        pair = PrivatePostgresPair.start();
    }

    @AfterEach
    void removeServers() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void aNodeThatHangsOnThePromotedServerIsFencedThereByItsLabel() throws Exception {
        nodes.use(pair);
        HikariDataSource admin = nodes.pool(4);
        pair.installSchema(admin);
        Effects effects = new Effects(admin);
        effects.reset();
        Jdbi jdbi = Jdbi.create(admin);
        SchedulerClient client = SchedulerClient.create(admin);
        java.util.concurrent.CountDownLatch bodyRunning = new java.util.concurrent.CountDownLatch(1);
        JobDefinition ledger = JobDefinition.builder("ledger")
                .fixedRate(Duration.ofHours(1))
                .misfire(MisfirePolicy.SKIP)
                .handler(ctx -> {
                    Effects.inTransaction(ctx);
                    // On "frozen" the fire runs until its session dies (the crash) or the node hangs.
                    for (int i = 0; i < 600 && ctx.nodeId().equals("frozen"); i++) {
                        bodyRunning.countDown();
                        ctx.handle()
                                .createQuery("SELECT 1")
                                .mapTo(Integer.class)
                                .one();
                        Thread.sleep(200);
                    }
                })
                .build();

        try (TcpProxy toPrimary = new TcpProxy("127.0.0.1", pair.primary().port());
                TcpProxy toStandby = new TcpProxy("127.0.0.1", pair.standby().port())) {
            nodes.startAt(
                    pair.urlVia(toPrimary, toStandby),
                    "frozen",
                    List.of(ledger),
                    b -> b.heartbeatInterval(Duration.ofMillis(300)).heartbeatTimeout(Duration.ofSeconds(2)));
            await().atMost(WAIT).until(() -> runningAttempt(jdbi) == 1);
            assertThat(bodyRunning.await(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            Thread.sleep(300); // mid-body: its transaction holds the row lock and has written

            pair.crashPrimary();
            Thread.sleep(1000);
            pair.promoteStandby();
            // The node reconnects to the promoted server and runs the still-due fire again itself.
            await().atMost(WAIT).ignoreExceptions().until(() -> runningAttempt(jdbi) == 2);

            toStandby.freeze(); // it hangs there, holding the row lock on its labelled session
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

            ExecutionInfo run = client.executions(ExecutionQuery.all().job("ledger"))
                    .items()
                    .get(0);
            assertThat(run.nodeId()).isEqualTo("live");
            assertThat(run.attempt()).isEqualTo(3);
            assertThat(effects.count("ledger", Effects.TX)).as("committed once").isEqualTo(1);
            // The fencer records the fencing once the kill returned; the kill frees the lock, so the
            // takeover may commit first.
            await().atMost(WAIT).until(() -> !client.fencings(10).isEmpty());
            assertThat(client.fencings(10)).singleElement().satisfies(f -> {
                assertThat(f.nodeId()).isEqualTo("frozen");
                assertThat(f.fencedBy()).isEqualTo("live");
                assertThat(f.sessionsKilled())
                        .as("its labelled sessions on the promoted server")
                        .isPositive();
            });
            List<String> attempts = jdbi.withHandle(h -> h.createQuery(
                            "SELECT attempt || ' ' || node_id || ' ' || outcome || ' ' || COALESCE(error, '') FROM fire_attempt ORDER BY attempt")
                    .mapTo(String.class)
                    .list());
            System.out.printf("switchover fencing: attempts %s%n", attempts);
            assertThat(client.failovers(10))
                    .as("takeovers; the attempts: %s", attempts)
                    .extracting(FailoverInfo::lostAttempt, FailoverInfo::reason)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(1, FailoverReason.CONNECTION_LOST),
                            org.assertj.core.groups.Tuple.tuple(2, FailoverReason.HANG));
            toStandby.restore();
        }
    }

    private static int runningAttempt(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT MAX(attempt) FROM fire_attempt WHERE node_id = 'frozen' AND outcome = 'RUNNING'")
                .mapTo(Integer.class)
                .findOne()
                .orElse(0));
    }
}
