package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockcron.job.ExecutionMode;
import io.lockcron.job.JobDefinition;
import io.lockcron.testing.DatabaseIT;
import io.lockcron.testing.Effects;
import io.lockcron.testing.TcpProxy;
import io.lockcron.testing.TestDatabase;
import io.lockcron.trigger.MisfirePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A takeover marks the lost attempt and records its failover in one transaction: when recording
 * the failover fails, the lost attempt stays RUNNING, and the takeover that succeeds later records
 * it. Every attempt of a committed fire ends closed.
 */
class MariaDbFailoverRecordIT extends DatabaseIT {
    @Override
    protected TestDatabase database() {
        return MariaDbSchedulerIT.DATABASE;
    }

    @AfterEach
    void dropObstacle() {
        jdbi.useHandle(h -> h.execute("ALTER TABLE failover_event DROP CONSTRAINT IF EXISTS test_refuse_failover"));
    }

    @Test
    void aFailoverThatCannotBeRecordedLeavesTheLostAttemptForTheNextTakeover() throws Exception {
        JobDefinition ledger = JobDefinition.builder("ledger")
                .fixedRate(Duration.ofHours(1))
                .misfire(MisfirePolicy.SKIP)
                .mode(ExecutionMode.TRANSACTIONAL)
                .handler(ctx -> {
                    Effects.inTransaction(ctx);
                    if (ctx.nodeId().equals("lost")) {
                        Thread.sleep(120_000);
                    }
                })
                .build();
        try (TcpProxy proxy = TcpProxy.in(database())) {
            nodes.startVia(
                    proxy,
                    "lost",
                    List.of(ledger),
                    b -> b.heartbeatInterval(Duration.ofMillis(300)).heartbeatTimeout(Duration.ofSeconds(2)));
            await().atMost(WAIT).until(() -> "RUNNING".equals(attempt(1).get("outcome")));
            proxy.cut(); // its connections close: the fire rolls back, its attempt stays RUNNING
            jdbi.useHandle(h -> h.execute(
                    "ALTER TABLE failover_event ADD CONSTRAINT test_refuse_failover" + " CHECK (from_node <> 'lost')"));

            nodes.start(
                    "live",
                    List.of(ledger),
                    b -> b.heartbeatInterval(Duration.ofMillis(300))
                            .heartbeatTimeout(Duration.ofSeconds(2))
                            .misfireThreshold(Duration.ofMillis(500)));
            // The lock is free (the connection closed): takeovers are tried, and fail to record, at once.
            Thread.sleep(4_000);
            assertThat(attempt(1).get("outcome"))
                    .as("a takeover whose failover record failed changed nothing")
                    .isEqualTo("RUNNING");
            assertThat(client.executions(ExecutionQuery.all().job("ledger")).total())
                    .isZero();

            jdbi.useHandle(h -> h.execute("ALTER TABLE failover_event DROP CONSTRAINT test_refuse_failover"));
            await().atMost(WAIT)
                    .until(() -> client.executions(ExecutionQuery.all().job("ledger"))
                                    .total()
                            == 1);
            assertThat(client.failovers(10)).singleElement().satisfies(f -> {
                assertThat(f.fromNode()).isEqualTo("lost");
                assertThat(f.toNode()).isEqualTo("live");
                assertThat(f.lostAttempt()).isEqualTo(1);
            });
            assertThat(attempt(1).get("outcome")).isEqualTo("LOST");
            assertThat(effects.count("ledger", Effects.TX)).isEqualTo(1);
            int running =
                    jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM fire_attempt WHERE outcome = 'RUNNING'")
                            .mapTo(Integer.class)
                            .one());
            assertThat(running)
                    .as("the committed fire's attempt is closed with it")
                    .isZero();
            proxy.restore();
        }
    }

    private Map<String, Object> attempt(int number) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT outcome, node_id FROM fire_attempt WHERE job_name = 'ledger' AND attempt = :n")
                .bind("n", number)
                .mapToMap()
                .findOne()
                .orElse(Map.of()));
    }
}
