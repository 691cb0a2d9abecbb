package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.job.JobDefinition;
import io.lockcron.testing.Effects;
import io.lockcron.testing.FireChecker;
import io.lockcron.testing.Nodes;
import io.lockcron.testing.PrivateServer;
import io.lockcron.testing.RunIntervals;
import io.lockcron.testing.TcpProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Staleness survives clock steps and mixed settings: on a private server under libfaketime, the
 * database clock steps 60 s forward and back while nodes with different heartbeat settings and node
 * clocks 2 minutes off either way run — nobody is fenced — and afterwards a node that really
 * hangs is still fenced; and a forward step that makes a running owner's lease look expired does
 * not hand the lease to a second owner. Before, a forward step beyond the heartbeat timeout made the first node to
 * heartbeat fence every other one, and a node whose heartbeats come less often than another's
 * timeout was fenced between two of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClockStepContractIT {
    private PrivateServer server;

    @RegisterExtension
    final Nodes nodes = new Nodes();

    /** A started private server of the database under test, under libfaketime. */
    protected abstract PrivateServer startFakeTimeServer();

    @BeforeAll
    void startServer() {
        server = startFakeTimeServer();
    }

    @AfterAll
    void removeServer() {
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

    @Test
    void aForwardStepOfTheDatabaseClockTakesNoLeaseFromItsRunningOwner() throws Exception {
        nodes.use(server);
        HikariDataSource admin = nodes.pool(4);
        server.installSchema(admin);
        RunIntervals runs = new RunIntervals(admin);
        runs.reset();
        SchedulerClient client = SchedulerClient.create(admin);
        JobDefinition report = runs.leaseJob("report", 12_000);
        nodes.start("owner", List.of(report), b -> b.leaseDuration(Duration.ofSeconds(6)));
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.all("report").size() == 1);
        nodes.start("other", List.of(report), b -> b.leaseDuration(Duration.ofSeconds(6)));
        Thread.sleep(1_000);
        server.stepClock(Duration.ofSeconds(60)); // every lease now looks 54 s overdue to the database
        try {
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> client.job("report").map(JobInfo::lastOutcome).orElse(null) != null);
        } finally {
            server.stepClock(Duration.ZERO);
        }
        assertThat(runs.overlaps("report")).as("two owners at once").isEmpty();
        assertThat(runs.all("report")).as("the owner's run only").hasSize(1);
        assertThat(client.failovers(10)).as("no takeover of a live owner").isEmpty();
        assertThat(client.executions(ExecutionQuery.all().job("report")).items())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.nodeId()).isEqualTo("owner");
                    assertThat(e.outcome()).isEqualTo(Outcome.SUCCEEDED);
                });
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
