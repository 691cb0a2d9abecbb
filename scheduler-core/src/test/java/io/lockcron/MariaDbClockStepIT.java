package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.job.JobDefinition;
import io.lockcron.testing.Effects;
import io.lockcron.testing.FireChecker;
import io.lockcron.testing.Nodes;
import io.lockcron.testing.PrivateMariaDb;
import io.lockcron.testing.TcpProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Staleness survives clock steps and mixed settings: on a private MariaDB under libfaketime, the
 * database clock steps 60 s forward and back while nodes with different heartbeat settings and node
 * clocks 2 minutes off either way run — nobody is fenced — and afterwards a node that really
 * hangs is still fenced. Before, a forward step beyond the heartbeat timeout made the first node to
 * heartbeat fence every other one, and a node whose heartbeats come less often than another's
 * timeout was fenced between two of them.
 */
class MariaDbClockStepIT {
    private static PrivateMariaDb server;

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @BeforeAll
    static void startServer() {
        server = PrivateMariaDb.start(true);
    }

    @AfterAll
    static void removeServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void databaseAndNodeClockStepsAndMixedHeartbeatsFenceNobodyAliveButStillTheHungNode() throws Exception {
        nodes.use(server);
        HikariDataSource admin = nodes.pool(4);
        server.installSchema(admin);
        Effects effects = new Effects(admin);
        effects.reset();
        SchedulerClient client = SchedulerClient.create(admin);
        List<JobDefinition> jobs = List.of(JobDefinition.builder("tick")
                .fixedRate(Duration.ofSeconds(1))
                .handler(ctx -> {
                    Effects.inTransaction(ctx);
                    effects.autocommit(ctx);
                })
                .build());
        // Quick to judge others, node clock 2 minutes ahead.
        nodes.start(
                "eager",
                jobs,
                b -> b.heartbeatInterval(Duration.ofMillis(300))
                        .heartbeatTimeout(Duration.ofSeconds(2))
                        .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2))));
        // Beats less often than "eager"'s timeout, node clock 2 minutes behind.
        nodes.start(
                "relaxed",
                jobs,
                b -> b.heartbeatInterval(Duration.ofMillis(2_500))
                        .heartbeatTimeout(Duration.ofSeconds(8))
                        .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2))));
        await().atMost(Duration.ofSeconds(30)).until(() -> effects.total(Effects.TX) >= 3);
        Thread.sleep(6_000);
        assertThat(client.fencings(10)).as("mixed heartbeat settings").isEmpty();

        server.stepClock(Duration.ofSeconds(60));
        Thread.sleep(5_000);
        assertThat(client.fencings(10)).as("database clock 60 s forward").isEmpty();
        server.stepClock(Duration.ofSeconds(-60));
        Thread.sleep(5_000);
        assertThat(client.fencings(10)).as("database clock 60 s back").isEmpty();
        server.stepClock(Duration.ZERO);

        try (TcpProxy proxy = TcpProxy.in(server)) {
            nodes.startVia(
                    proxy,
                    "hung",
                    jobs,
                    b -> b.heartbeatInterval(Duration.ofMillis(300)).heartbeatTimeout(Duration.ofSeconds(2)));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.nodes().stream()
                            .anyMatch(n -> n.nodeId().equals("hung") && n.state() == NodeState.ACTIVE));
            Thread.sleep(1_000);
            proxy.freeze();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !client.fencings(10).isEmpty());
            assertThat(client.fencings(10))
                    .singleElement()
                    .satisfies(f -> assertThat(f.nodeId()).isEqualTo("hung"));
            proxy.restore();
        }
        new FireChecker(Jdbi.create(admin), effects).assertNoBodyRanTwice();
    }

    /** A node clock that steps when the test says so. */
    private static final class SteppableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return Clock.systemUTC().instant().plus(offset);
        }
    }

    @Test
    void aNodeWhoseClockStepsRecomputesItsWakesAndKeepsFiring() throws Exception {
        nodes.use(server);
        HikariDataSource admin = nodes.pool(4);
        server.installSchema(admin);
        Effects effects = new Effects(admin);
        effects.reset();
        SteppableClock clock = new SteppableClock();
        nodes.start(
                "stepper",
                List.of(JobDefinition.builder("beat")
                        .fixedRate(Duration.ofSeconds(1))
                        .handler(Effects::inTransaction)
                        .build()),
                b -> b.clock(clock));
        await().atMost(Duration.ofSeconds(30)).until(() -> effects.count("beat", Effects.TX) >= 3);
        for (Duration step : List.of(Duration.ofMinutes(-2), Duration.ofMinutes(2))) {
            clock.offset = step; // wakes computed before would come two minutes late (or at once)
            int before = effects.count("beat", Effects.TX);
            await().atMost(Duration.ofSeconds(20))
                    .alias("fires go on after a node clock step of " + step)
                    .until(() -> effects.count("beat", Effects.TX) >= before + 3);
        }
        new FireChecker(Jdbi.create(admin), effects).assertNoBodyRanTwice();
    }
}
