package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockcron.job.JobDefinition;
import io.lockcron.testing.BlockingBorrows;
import io.lockcron.testing.CommitOrder;
import io.lockcron.testing.DatabaseIT;
import io.lockcron.testing.Effects;
import io.lockcron.testing.NodeProcess;
import io.lockcron.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two nodes stall for 30 s while each holds a job's row lock, side by side, with the settings users
 * get (2 s heartbeats, 10 s timeout): one process frozen by SIGSTOP mid-job, and one whose pool
 * runs dry right after its fire took the lock, so the fire's second borrow (its attempt record) and
 * its heartbeats block. A live node fences both — ending the sessions it finds by their labels,
 * recorded or not — runs both fires once and records the frozen one's takeover; when the stalled
 * nodes wake, nothing they began commits (by commit order) and no attempt is left RUNNING.
 */
class MariaDbLongFreezeIT extends DatabaseIT {
    private static final Duration STALL = Duration.ofSeconds(30);

    @Override
    protected TestDatabase database() {
        return MariaDbSchedulerIT.DATABASE;
    }

    private JobDefinition audit() {
        return JobDefinition.builder("audit")
                .fixedRate(Duration.ofHours(1))
                .handler(ctx -> {
                    Effects.inTransaction(ctx);
                    Thread.sleep(3_000);
                })
                .build();
    }

    @Test
    void nodesStalledThirtySecondsHoldingLocksAreFencedTakenOverAndCommitNothing() throws Exception {
        try (CommitOrder order = CommitOrder.install(database(), admin)) {
            NodeProcess frozen =
                    nodes.process("frozen", "--slow-millis", "8000", "--heartbeat-timeout-millis", "10000");
            await().atMost(ProcessFailoverContractIT.PROCESS_WAIT)
                    .until(() -> effects.count("slow", Effects.AUTO) == 1); // mid-job, holding the lock

            BlockingBorrows dry = new BlockingBorrows(nodes.pool(10));
            dry.armAfterNextBorrowBy("lockcron-worker-dry-");
            nodes.start(dry, "dry", List.of(audit()), b -> {});
            assertThat(dry.awaitBlocking(Duration.ofSeconds(30)))
                    .as("the dry node's fire took the lock")
                    .isTrue();

            frozen.freeze();
            long stalled = System.nanoTime();
            nodes.start("live", List.of(ProcessFailoverContractIT.slow(effects), audit()));
            await().atMost(STALL).until(() -> client.fencings(10).size() == 2);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> effects.count("audit", Effects.TX) == 1
                            && client.job("slow").map(JobInfo::lastOutcome).orElse(null) == Outcome.SUCCEEDED);
            Thread.sleep(Math.max(
                    0,
                    STALL.toMillis()
                            - Duration.ofNanos(System.nanoTime() - stalled).toMillis()));
            frozen.thaw();
            dry.release();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.nodes().stream()
                                    .filter(n -> n.state() == NodeState.ACTIVE && n.incarnation() == 2)
                                    .count()
                            == 2);
            Thread.sleep(3_000); // the woken nodes' late work has had its chance to commit

            assertThat(client.fencings(10)).extracting(FencingInfo::nodeId).containsExactlyInAnyOrder("frozen", "dry");
            assertThat(client.fencings(10))
                    .allSatisfy(f -> assertThat(f.sessionsKilled())
                            .as("labelled sessions of %s ended", f.nodeId())
                            .isPositive());
            for (String job : List.of("slow", "audit")) {
                assertThat(client.executions(ExecutionQuery.all().job(job)).items())
                        .singleElement()
                        .satisfies(e -> {
                            assertThat(e.nodeId()).isEqualTo("live");
                            assertThat(e.outcome()).isEqualTo(Outcome.SUCCEEDED);
                        });
                assertThat(effects.count(job, Effects.TX))
                        .as("%s committed once", job)
                        .isEqualTo(1);
            }
            assertThat(client.failovers(10)).singleElement().satisfies(f -> {
                assertThat(f.jobName()).isEqualTo("slow");
                assertThat(f.fromNode()).isEqualTo("frozen");
                assertThat(f.reason()).isEqualTo(FailoverReason.HANG);
            });
            int running =
                    jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM fire_attempt WHERE outcome = 'RUNNING'")
                            .mapTo(Integer.class)
                            .one());
            assertThat(running).as("attempts left RUNNING").isZero();
            assertThat(order.committedAfterFencing())
                    .as("committed after their node's fencing")
                    .isEmpty();
        }
    }
}
