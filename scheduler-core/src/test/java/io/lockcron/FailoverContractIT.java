package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockcron.job.ExecutionMode;
import io.lockcron.job.JobDefinition;
import io.lockcron.job.JobHandler;
import io.lockcron.testing.DatabaseIT;
import io.lockcron.testing.Effects;
import io.lockcron.testing.TcpProxy;
import io.lockcron.trigger.MisfirePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failover inside one JVM, with a node cut off from the database by a proxy: fencing of a
 * half-open node, and lease expiry. Process-level kills and freezes are in ProcessFailoverContractIT.
 */
public abstract class FailoverContractIT extends DatabaseIT {

    /** Runs once per hour from start; on node {@code slowNode} the body takes {@code millis}. */
    JobDefinition slowOnce(String name, ExecutionMode mode, String slowNode, long millis) {
        JobHandler body = ctx -> {
            effects.autocommit(ctx);
            if (mode == ExecutionMode.TRANSACTIONAL) {
                Effects.inTransaction(ctx);
            }
            if (ctx.nodeId().equals(slowNode)) {
                Thread.sleep(millis);
            }
        };
        return JobDefinition.builder(name)
                .fixedRate(Duration.ofHours(1))
                .misfire(MisfirePolicy.SKIP) // a fire taken over late is still that fire, not a misfire
                .mode(mode)
                .handler(body)
                .build();
    }

    Map<String, Object> attemptOf(String job, String node) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT attempt, outcome, session_id FROM fire_attempt WHERE job_name = :job AND node_id = :node")
                .bind("job", job)
                .bind("node", node)
                .mapToMap()
                .findOne()
                .orElse(Map.of()));
    }

    @Test
    void aHalfOpenNodeIsFencedAndItsFireTakenOver() throws Exception {
        try (TcpProxy proxy = TcpProxy.in(database())) {
            JobDefinition job = slowOnce("ledger", ExecutionMode.TRANSACTIONAL, "frozen", 60_000);
            nodes.startVia(
                    proxy,
                    "frozen",
                    List.of(job),
                    b -> b.heartbeatInterval(Duration.ofMillis(300)).heartbeatTimeout(Duration.ofSeconds(2)));
            await().atMost(WAIT)
                    .until(() -> "RUNNING".equals(attemptOf("ledger", "frozen").get("outcome")));
            proxy.freeze(); // the node and the server still see an open connection, holding the row lock

            nodes.start(
                    "live",
                    List.of(job),
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
            assertThat(run.attempt()).isEqualTo(2);
            assertThat(client.failovers(10)).singleElement().satisfies(f -> {
                assertThat(f.fromNode()).isEqualTo("frozen");
                assertThat(f.toNode()).isEqualTo("live");
                assertThat(f.reason()).isEqualTo(FailoverReason.HANG);
                assertThat(f.takeoverDelay()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            });
            // The fencer records the fencing once the kill returned; the kill frees the lock, so the
            // takeover may commit first.
            await().atMost(WAIT).until(() -> !client.fencings(10).isEmpty());
            assertThat(client.fencings(10)).singleElement().satisfies(f -> {
                assertThat(f.nodeId()).isEqualTo("frozen");
                assertThat(f.fencedBy()).isEqualTo("live");
                assertThat(f.sessionsKilled()).isPositive();
                assertThat(f.detail()).isNull();
            });

            proxy.restore(); // the frozen node wakes: its transaction is gone, it must record nothing
            await().atMost(WAIT)
                    .until(() -> client.nodes().stream()
                            .anyMatch(n -> n.nodeId().equals("frozen")
                                    && n.state() == NodeState.ACTIVE
                                    && n.incarnation() == 2));
            assertThat(effects.count("ledger", Effects.TX)).isEqualTo(1);
            assertThat(client.executions(ExecutionQuery.all().job("ledger")).items())
                    .extracting(ExecutionInfo::nodeId)
                    .containsExactly("live");
        }
    }

    /**
     * The bound of a hang's takeover, on the database clock: a node that was watching is fenced, and
     * the fire taken over, within the timeout and a second of the hung node's last heartbeat. Looks
     * only on the fencer's heartbeat tick (1 s here) came up to two intervals late.
     */
    @Test
    void aHungNodeIsFencedAndItsFireTakenOverWithinTheTimeoutAndASecond() throws Exception {
        Duration timeout = Duration.ofSeconds(3);
        try (TcpProxy proxy = TcpProxy.in(database())) {
            JobDefinition job = slowOnce("payroll", ExecutionMode.TRANSACTIONAL, "hung", 60_000);
            nodes.startVia(
                    proxy,
                    "hung",
                    List.of(job),
                    b -> b.heartbeatInterval(Duration.ofSeconds(1)).heartbeatTimeout(timeout));
            await().atMost(WAIT)
                    .until(() -> "RUNNING".equals(attemptOf("payroll", "hung").get("outcome")));
            nodes.start(
                    "watcher",
                    List.of(job),
                    b -> b.heartbeatInterval(Duration.ofSeconds(1))
                            .heartbeatTimeout(timeout)
                            .misfireThreshold(Duration.ofMillis(500)));
            Thread.sleep(timeout.toMillis() + 1_000); // the watcher's grace after its start is over
            proxy.freeze();

            await().atMost(WAIT)
                    .until(() -> client.executions(ExecutionQuery.all().job("payroll"))
                                    .total()
                            == 1);
            await().atMost(WAIT).until(() -> !client.fencings(10).isEmpty());
            FencingInfo fencing = client.fencings(10).get(0);
            ExecutionInfo run = client.executions(ExecutionQuery.all().job("payroll"))
                    .items()
                    .get(0);
            assertThat(run.nodeId()).isEqualTo("watcher");
            Duration bound = timeout.plusSeconds(1);
            assertThat(Duration.between(fencing.lastHeartbeat(), fencing.fencedAt()))
                    .as("last heartbeat -> fenced")
                    .isGreaterThanOrEqualTo(timeout)
                    .isLessThanOrEqualTo(bound);
            assertThat(Duration.between(fencing.lastHeartbeat(), run.finishedAt()))
                    .as("last heartbeat -> fire taken over and done")
                    .isLessThanOrEqualTo(bound);
            proxy.restore();
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldOwnersFinishIsRejected() throws Exception {
        try (TcpProxy proxy = TcpProxy.in(database())) {
            // When the partitioned owner's run really ended, and when the new owner's began.
            java.util.concurrent.atomic.AtomicLong oldOwnerEnded = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicLong newOwnerStarted = new java.util.concurrent.atomic.AtomicLong();
            JobDefinition job = JobDefinition.builder("report")
                    .fixedRate(Duration.ofHours(1))
                    .misfire(MisfirePolicy.SKIP)
                    .mode(ExecutionMode.LEASE)
                    .handler(ctx -> {
                        effects.autocommit(ctx);
                        if (!ctx.nodeId().equals("partitioned")) {
                            newOwnerStarted.set(System.nanoTime());
                            return;
                        }
                        try {
                            Thread.sleep(4_000);
                        } finally {
                            oldOwnerEnded.set(System.nanoTime());
                        }
                    })
                    .build();
            nodes.startVia(proxy, "partitioned", List.of(job), b -> b.leaseDuration(Duration.ofMillis(900)));
            // The lease committed, not only the attempt (written just before the claim commits).
            await().atMost(WAIT)
                    .until(() ->
                            "RUNNING".equals(attemptOf("report", "partitioned").get("outcome"))
                                    && client.job("report").orElseThrow().status() == JobStatus.RUNNING);
            long firstToken = client.job("report").orElseThrow().fencingToken();
            proxy.cut(); // its renewals fail; the lease runs out

            nodes.start("healthy", List.of(job), b -> b.leaseDuration(Duration.ofMillis(900)));
            await().atMost(WAIT).until(() -> client.job("report").orElseThrow().lastOutcome() == Outcome.SUCCEEDED);
            proxy.restore();
            Thread.sleep(5_000); // the partitioned node's run ends and tries to finish

            JobInfo info = client.job("report").orElseThrow();
            assertThat(info.fencingToken()).isGreaterThan(firstToken);
            assertThat(info.status()).isEqualTo(JobStatus.IDLE);
            ExecutionInfo run = client.executions(ExecutionQuery.all().job("report"))
                    .items()
                    .get(0);
            assertThat(run.nodeId()).isEqualTo("healthy");
            assertThat(run.fencingToken()).isEqualTo(info.fencingToken());
            assertThat(run.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(client.failovers(10)).singleElement().satisfies(f -> {
                assertThat(f.reason()).isEqualTo(FailoverReason.LEASE_EXPIRED);
                assertThat(f.fromNode()).isEqualTo("partitioned");
                assertThat(f.toNode()).isEqualTo("healthy");
            });
            assertThat(effects.count("report", Effects.AUTO))
                    .as("the job started on both nodes")
                    .isEqualTo(2);
            assertThat(oldOwnerEnded.get())
                    .as("the partitioned owner stopped itself before the new owner started")
                    .isPositive()
                    .isLessThan(newOwnerStarted.get());
        }
    }

    @Test
    void aLeaseFireHandedBackAtShutdownRunsOnAnotherNode() {
        JobDefinition job = slowOnce("nightly", ExecutionMode.LEASE, "leaving", 60_000);
        Scheduler leaving = nodes.start("leaving", List.of(job), b -> b.shutdownTimeout(Duration.ofSeconds(1)));
        await().atMost(WAIT)
                .until(() -> "RUNNING".equals(attemptOf("nightly", "leaving").get("outcome")));
        leaving.stop(); // waits 1 s, then interrupts the run and hands the lease back

        assertThat(attemptOf("nightly", "leaving").get("outcome")).isEqualTo("RELEASED");
        nodes.start("staying", List.of(job));
        await().atMost(WAIT).until(() -> client.job("nightly").orElseThrow().lastOutcome() == Outcome.SUCCEEDED);
        assertThat(client.executions(ExecutionQuery.all().job("nightly")).items())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.nodeId()).isEqualTo("staying");
                    assertThat(e.attempt()).isEqualTo(2);
                });
        assertThat(client.failovers(10)).as("a hand-back is no failover").isEmpty();
    }

    @Test
    void renewalsKeepALongLeaseJobAliveWithoutATransaction() {
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("long-report")
                        .fixedRate(Duration.ofHours(1))
                        .mode(ExecutionMode.LEASE)
                        .handler(ctx -> {
                            effects.autocommit(ctx);
                            Thread.sleep(2_500);
                            try {
                                ctx.handle();
                            } catch (IllegalStateException expected) {
                                return; // a lease job has no lockcron transaction
                            }
                            throw new AssertionError("a lease-mode job was handed a transaction");
                        })
                        .build()),
                b -> b.leaseDuration(Duration.ofMillis(600)));
        nodes.start(
                "n2",
                List.of(JobDefinition.builder("long-report")
                        .fixedRate(Duration.ofHours(1))
                        .mode(ExecutionMode.LEASE)
                        .handler(effects::autocommit)
                        .build()),
                b -> b.leaseDuration(Duration.ofMillis(600)));

        await().atMost(WAIT).until(() -> client.job("long-report").orElseThrow().lastOutcome() != null);
        assertThat(client.job("long-report").orElseThrow().lastOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(effects.count("long-report", Effects.AUTO)).isEqualTo(1);
        assertThat(client.failovers(10)).isEmpty();
        ExecutionInfo run = client.executions(ExecutionQuery.all().job("long-report"))
                .items()
                .get(0);
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(run.duration().orElseThrow()).isGreaterThan(Duration.ofSeconds(2));
    }
}
