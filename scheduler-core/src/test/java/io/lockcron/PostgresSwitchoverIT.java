package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.internal.store.StoreFactory;
import io.lockcron.job.ExecutionMode;
import io.lockcron.job.JobDefinition;
import io.lockcron.testing.Effects;
import io.lockcron.testing.NodeWitness;
import io.lockcron.testing.NodeWitness.Acknowledged;
import io.lockcron.testing.Nodes;
import io.lockcron.testing.PrivatePostgresPair;
import io.lockcron.testing.RunIntervals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL primary with a synchronous standby crashes mid-run and the standby is promoted,
 * while two nodes reach the database through a multi-host URL that only accepts the primary: no
 * commit a node saw acknowledged is lost, no fire commits twice, firing resumes on the promoted
 * server, the outage and every takeover are recorded, nobody is fenced, a lease running across
 * the switchover keeps its one owner, and the fires' sessions on the new primary carry their
 * node's label (what fencing finds them by: its pids are a new pid space).
 */
class PostgresSwitchoverIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int JOBS = 6;
    /** How long the failover manager takes to notice the primary is gone and promote: part of the outage. */
    private static final Duration DETECTION = Duration.ofSeconds(1);

    private static PrivatePostgresPair pair;

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @BeforeAll
    static void startServers() {
        long start = System.nanoTime();
        pair = PrivatePostgresPair.start();
        System.out.printf(
                "switchover: primary and synchronous standby up in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void removeServers() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void promotingTheSynchronousStandbyLosesNoAcknowledgedFireAndDoublesNone() throws Exception {
        nodes.use(pair);
        HikariDataSource admin = nodes.pool(4);
        pair.installSchema(admin);
        Effects effects = new Effects(admin);
        effects.reset();
        RunIntervals intervals = new RunIntervals(admin);
        intervals.reset();
        Jdbi jdbi = StoreFactory.create(admin, "").jdbi();
        jdbi.useHandle(
                h -> h.execute(
                        "CREATE TABLE test_session (job_name VARCHAR(190) NOT NULL, fire_time"
                                + " VARCHAR(40) NOT NULL, node_id VARCHAR(100) NOT NULL, label TEXT NOT NULL, server_port INT NOT NULL)"));
        SchedulerClient client = SchedulerClient.create(admin);

        List<JobDefinition> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            jobs.add(JobDefinition.builder("tick-" + i)
                    .cron("* * * * * ?")
                    .handler(ctx -> {
                        Effects.inTransaction(ctx);
                        ctx.handle()
                                .createUpdate(
                                        "INSERT INTO test_session (job_name, fire_time, node_id, label, server_port)"
                                                + " VALUES (:job, :fire, :node, current_setting('application_name'),"
                                                + " inet_server_port())")
                                .bind("job", ctx.jobName())
                                .bind("fire", ctx.scheduledFireTime().toString())
                                .bind("node", ctx.nodeId())
                                .execute();
                        Thread.sleep(300); // so that some fire is always mid-run
                    })
                    .build());
        }
        jobs.add(intervals.leaseJob("leased", 14_000)); // runs across the switchover
        CountDownLatch crash = new CountDownLatch(1);
        AtomicInteger finishingRuns = new AtomicInteger();
        jobs.add(JobDefinition.builder("lease-ends-in-outage") // its finish meets the database gone
                .fixedRate(Duration.ofHours(1))
                .mode(ExecutionMode.LEASE)
                .handler(ctx -> {
                    finishingRuns.incrementAndGet();
                    crash.await(60, TimeUnit.SECONDS);
                })
                .build());
        Map<String, NodeWitness> witnesses = Map.of("n1", new NodeWitness(), "n2", new NodeWitness());
        witnesses.forEach((node, witness) -> nodes.start(
                node,
                jobs,
                b -> b.listener(witness)
                        .heartbeatInterval(Duration.ofMillis(500))
                        .heartbeatTimeout(Duration.ofSeconds(3))));

        await().atMost(WAIT)
                .until(() -> intervals.all("leased").size() == 1
                        && Stream.of("n1", "n2")
                                .allMatch(n -> !witnesses.get(n).executions().isEmpty())
                        && effects.total(Effects.TX) >= 3 * JOBS);
        await().atMost(WAIT).until(() -> runningTicks(jdbi) > 0);
        pair.crashPrimary();
        Instant crashed = Instant.now();
        crash.countDown();
        Thread.sleep(DETECTION.toMillis());
        pair.promoteStandby();
        Instant promoted = Instant.now();

        await().atMost(WAIT)
                .until(() -> witnesses.values().stream()
                        .allMatch(w -> !w.executionsAfter(promoted).isEmpty()));
        Instant resumed = witnesses.values().stream()
                .flatMap(w -> w.executionsAfter(promoted).stream())
                .map(Acknowledged::at)
                .min(Instant::compareTo)
                .orElseThrow();
        for (String leaseJob : List.of("leased", "lease-ends-in-outage")) {
            await().atMost(WAIT)
                    .until(() -> client.executions(ExecutionQuery.all().job(leaseJob)).items().stream()
                            .anyMatch(e -> e.outcome() == Outcome.SUCCEEDED));
        }
        Thread.sleep(2000);
        nodes.stopAll();

        List<Acknowledged> acknowledged = witnesses.values().stream()
                .flatMap(w -> w.executions().stream())
                .filter(a -> a.job().startsWith("tick-"))
                .toList();
        Set<String> committed = jdbi.withHandle(h -> h.createQuery(
                        "SELECT job_name, fire_time FROM job_execution" + " WHERE outcome = 'SUCCEEDED'")
                .map((rs, ctx) -> rs.getString(1) + "@"
                        + rs.getTimestamp(2).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC))
                .set());
        assertThat(acknowledged.stream().map(Acknowledged::fire))
                .as("every fire whose commit a node saw acknowledged, before the crash as after it")
                .allMatch(committed::contains);
        assertThat(effects.duplicates(Effects.TX)).as("fires committed twice").isEmpty();
        List<String> unsuccessful = jdbi.withHandle(h -> h.createQuery(
                        "SELECT job_name || '@' || fire_time || ' ' || outcome FROM job_execution WHERE outcome <> 'SUCCEEDED'")
                .mapTo(String.class)
                .list());
        assertThat(unsuccessful).as("executions that did not succeed").isEmpty();
        for (int i = 0; i < JOBS; i++) {
            String job = "tick-" + i;
            List<Instant> fires = committed.stream()
                    .filter(f -> f.startsWith(job + "@"))
                    .map(f -> Instant.parse(f.substring(job.length() + 1)))
                    .sorted()
                    .toList();
            assertThat(effects.fires(job, Effects.TX))
                    .as("the committed effects of %s: one per execution", job)
                    .containsExactlyElementsOf(
                            fires.stream().map(Instant::toString).toList());
            for (int k = 1; k < fires.size(); k++) {
                if (!Duration.between(fires.get(k - 1), fires.get(k)).equals(Duration.ofSeconds(1))) {
                    assertThat(fires.get(k - 1))
                            .as("%s missed fires after %s, outside the outage", job, fires.get(k - 1))
                            .isAfter(crashed.minusSeconds(2));
                    assertThat(fires.get(k)).isBefore(resumed.plusSeconds(5));
                }
            }
        }

        int lost = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM fire_attempt WHERE outcome = 'LOST'")
                .mapTo(Integer.class)
                .one());
        List<FailoverInfo> failovers = client.failovers(1000);
        assertThat(failovers)
                .as("every attempt the crash cut short is a recorded takeover")
                .hasSize(lost)
                .allSatisfy(f -> {
                    assertThat(f.reason()).isIn(FailoverReason.CRASH, FailoverReason.CONNECTION_LOST);
                    assertThat(f.lostStartedAt()).isBefore(crashed.plusSeconds(1));
                    assertThat(f.jobName()).as("a lease is never taken over").startsWith("tick-");
                });
        int stillRunning =
                jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM fire_attempt WHERE outcome = 'RUNNING'")
                        .mapTo(Integer.class)
                        .one());
        assertThat(stillRunning).as("attempts left running").isZero();
        assertThat(client.fencings(100)).as("a switchover fences nobody").isEmpty();
        witnesses.forEach((node, w) -> assertThat(w.availability())
                .as("%s recorded the outage and the return", node)
                .extracting(NodeWitness.Availability::down)
                .startsWith(true)
                .endsWith(false));

        assertThat(intervals.all("leased"))
                .as("one owner ran the lease job, once")
                .singleElement();
        assertThat(intervals.overlaps("leased")).isEmpty();
        assertThat(client.executions(ExecutionQuery.all().job("leased")).items())
                .singleElement()
                .satisfies(e -> assertThat(e.attempt()).isEqualTo(1));
        assertThat(finishingRuns)
                .as("the lease job that finished while the database was away ran once")
                .hasValue(1);
        assertThat(client.executions(ExecutionQuery.all().job("lease-ends-in-outage"))
                        .items())
                .as("and its result was recorded once the promoted server took writes")
                .singleElement()
                .satisfies(e -> assertThat(e.attempt()).isEqualTo(1));

        List<Map<String, Object>> newPrimarySessions =
                jdbi.withHandle(h -> h.createQuery("SELECT node_id, label FROM test_session WHERE server_port = :port")
                        .bind("port", pair.standby().port())
                        .mapToMap()
                        .list());
        assertThat(newPrimarySessions)
                .as("fires on the promoted server, each on a session labelled with its node")
                .isNotEmpty()
                .allSatisfy(s -> assertThat((String) s.get("label")).endsWith("." + s.get("node_id") + "#1"));
        assertThat(newPrimarySessions.stream().map(s -> s.get("node_id")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("n1", "n2");

        System.out.printf(
                "switchover: %d fires committed (%d acknowledged before the crash, all kept), 0 doubled; outage seen"
                        + " by n1 %s, n2 %s; first fire acknowledged %d ms after the promotion (%d ms after the"
                        + " crash); %d takeover(s) %s%n",
                committed.size(),
                acknowledged.stream().filter(a -> a.at().isBefore(crashed)).count(),
                outage(witnesses.get("n1")),
                outage(witnesses.get("n2")),
                Duration.between(promoted, resumed).toMillis(),
                Duration.between(crashed, resumed).toMillis(),
                failovers.size(),
                failovers.stream()
                        .map(f -> f.reason() + " " + f.takeoverDelay().toMillis() + " ms")
                        .toList());
    }

    private static String outage(NodeWitness witness) {
        List<NodeWitness.Availability> changes = witness.availability();
        return Duration.between(
                                changes.get(0).at(),
                                changes.get(changes.size() - 1).at())
                        .toMillis()
                + " ms";
    }

    private static int runningTicks(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM fire_attempt WHERE outcome = 'RUNNING' AND job_name LIKE 'tick-%'")
                .mapTo(Integer.class)
                .one());
    }
}
