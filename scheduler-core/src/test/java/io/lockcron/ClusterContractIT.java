package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockcron.job.JobDefinition;
import io.lockcron.testing.DatabaseIT;
import io.lockcron.testing.Effects;
import io.lockcron.testing.FireChecker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Several nodes in one JVM against one database: each fire runs once, none is missed. */
public abstract class ClusterContractIT extends DatabaseIT {
    static final int JOBS = 50;
    static final int ONE_SHOTS = 20;
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("lockcron.cluster.seconds", 20));

    List<JobDefinition> everySecond(String prefix, int count) {
        List<JobDefinition> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(JobDefinition.builder(prefix + i)
                    .cron("* * * * * ?")
                    .handler(ctx -> {
                        Effects.inTransaction(ctx);
                        effects.autocommit(ctx);
                    })
                    .build());
        }
        return jobs;
    }

    @Test
    void threeNodesRunEveryFireExactlyOnce() throws InterruptedException {
        List<JobDefinition> jobs = new ArrayList<>(everySecond("job-", JOBS));
        jobs.add(JobDefinition.builder("reminder")
                .onDemand()
                .handler(ctx -> {
                    Effects.inTransaction(ctx);
                    effects.autocommit(ctx);
                })
                .build());
        for (String node : List.of("n1", "n2", "n3")) {
            nodes.start(node, jobs, b -> b.workerThreads(8));
        }
        Instant started = Instant.now();
        List<String> oneShots = new ArrayList<>();
        for (int i = 0; i < ONE_SHOTS; i++) {
            long at = ThreadLocalRandom.current().nextLong(RUN.toMillis() - 3000);
            oneShots.add(client.scheduleOnce("reminder", "r" + i, started.plusMillis(at), "payload-" + i));
        }
        Thread.sleep(RUN.toMillis());
        Instant ended = Instant.now();
        await().atMost(WAIT)
                .until(() -> oneShots.stream()
                        .allMatch(name -> client.job(name).orElseThrow().status() == JobStatus.COMPLETED));
        nodes.stopAll(); // what is in the tables now is final

        FireChecker checker = new FireChecker(jdbi, effects);
        int fires = 0;
        for (int i = 0; i < JOBS; i++) {
            fires += checker.assertEveryFireOnce(
                    "job-" + i, Duration.ofSeconds(1), started.plusSeconds(3), ended.minusSeconds(3));
        }
        for (String oneShot : oneShots) {
            assertThat(effects.count(oneShot, Effects.TX)).as(oneShot).isEqualTo(1);
        }
        checker.assertNoBodyRanTwice();
        assertThat(effects.total(Effects.AUTO)).isEqualTo(fires + ONE_SHOTS);
        assertThat(fires).isGreaterThanOrEqualTo(JOBS * (int) (RUN.toSeconds() - 3));

        List<Map<String, Object>> byNode =
                jdbi.withHandle(h -> h.createQuery("SELECT node_id, COUNT(*) AS n FROM job_execution GROUP BY node_id")
                        .mapToMap()
                        .list());
        assertThat(byNode).as("fires spread over the nodes").hasSize(3);
        int notCommitted =
                jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM fire_attempt WHERE outcome <> 'COMMITTED'")
                        .mapTo(Integer.class)
                        .one());
        assertThat(notCommitted).as("attempts lost or failed in a healthy run").isZero();
        assertThat(client.failovers(10)).isEmpty();
    }

    @Test
    void nodesWithClocksMinutesOffFireNeitherEarlyNorLateNorTwice() throws InterruptedException {
        List<JobDefinition> jobs = everySecond("skewed-", 10);
        nodes.start("ahead", jobs, b -> b.clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5))));
        nodes.start("behind", jobs, b -> b.clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5))));
        Instant started = Instant.now();
        Thread.sleep(8000);
        Instant ended = Instant.now();
        nodes.stopAll();

        FireChecker checker = new FireChecker(jdbi, effects);
        for (int i = 0; i < 10; i++) {
            checker.assertEveryFireOnce(
                    "skewed-" + i, Duration.ofSeconds(1), started.plusSeconds(3), ended.minusSeconds(3));
        }
        checker.assertNoBodyRanTwice();
        List<ExecutionInfo> runs =
                client.executions(ExecutionQuery.all().page(0, 500)).items();
        assertThat(runs).allSatisfy(e -> {
            assertThat(e.startedAt()).as("never before its time").isAfterOrEqualTo(e.fireTime());
            assertThat(e.lag()).as("never minutes late").isLessThan(Duration.ofSeconds(2));
        });
        assertThat(runs).extracting(ExecutionInfo::nodeId).contains("ahead", "behind");
    }
}
