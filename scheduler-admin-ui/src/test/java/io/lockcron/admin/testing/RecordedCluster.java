package io.lockcron.admin.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.ExecutionInfo;
import io.lockcron.ExecutionQuery;
import io.lockcron.Outcome;
import io.lockcron.Scheduler;
import io.lockcron.SchedulerClient;
import io.lockcron.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A cluster's history, made by real nodes on a real database and then left still, so that page
 * tests see stable data: the demo jobs' executions (including a failure whose error is HTML), a
 * node whose id is HTML, an audit entry by a hostile actor, and one failover between the two nodes.
 */
public final class RecordedCluster {
    public static final String NODE = "node-a";
    public static final String HOSTILE_NODE = "<b onmouseover=alert(1)>evil-node</b>";
    public static final String HOSTILE_ACTOR = "<i>mallory</i>";
    public static final String HOSTILE_DETAIL = "<script>document.title='owned'</script>";

    private RecordedCluster() {}

    /** Fills the database and stops the nodes; the returned pool stays open for the test's checks. */
    public static HikariDataSource record(ConsoleDatabase database) {
        HikariDataSource pool = database.pool(4);
        database.reset(pool);
        SchedulerClient client = SchedulerClient.create(pool);
        try (HikariDataSource poolA = database.pool(10);
                HikariDataSource poolB = database.pool(10);
                Scheduler a = node(poolA, NODE);
                Scheduler b = node(poolB, HOSTILE_NODE)) {
            a.start();
            b.start();
            client.triggerNow(DemoJobs.HOSTILE_NAME, "test");
            client.triggerNow(DemoJobs.DAILY_REPORT, "test");
            Wait.until("a failed flaky-import and a run of every triggered job", Duration.ofSeconds(30), () -> {
                return count(client, DemoJobs.FLAKY_IMPORT, Outcome.FAILED) > 0
                        && count(client, DemoJobs.HOSTILE_NAME, Outcome.SUCCEEDED) > 0
                        && count(client, DemoJobs.DAILY_REPORT, Outcome.SUCCEEDED) > 0
                        && count(client, DemoJobs.SYNC_INVENTORY, Outcome.SUCCEEDED) > 1
                        && executionOnly(client).isPresent();
            });
        }
        client.recordAction(HOSTILE_ACTOR, "PAUSE", DemoJobs.HOSTILE_NAME, HOSTILE_DETAIL);
        // A failover needs a node to die mid-fire, which the browser test does with a real process;
        // here one row stands in for it, so the pages can be checked for escaping node names.
        Instant now = Instant.now();
        TestDatabase.execute(
                pool,
                List.of("INSERT INTO failover_event (job_name, fire_time, from_node, to_node, reason, lost_attempt,"
                        + " lost_started_at, detected_at, takeover_delay_ms) VALUES ('"
                        + DemoJobs.HOSTILE_NAME.replace("'", "''")
                        + "', TIMESTAMP '" + sql(now.minusSeconds(5)) + "', '" + HOSTILE_NODE + "', '" + NODE
                        + "', 'CRASH', 1, TIMESTAMP '" + sql(now.minusSeconds(5)) + "', TIMESTAMP '" + sql(now)
                        + "', 1234)"));
        return pool;
    }

    private static String sql(Instant instant) {
        return instant.toString().replace('T', ' ').replace("Z", "");
    }

    private static Scheduler node(HikariDataSource pool, String nodeId) {
        return Scheduler.builder(pool)
                .nodeId(nodeId)
                .pollInterval(Duration.ofMillis(200))
                .shutdownTimeout(Duration.ofSeconds(5))
                .jobs(DemoJobs.all(Duration.ofMillis(400)))
                .job(DemoJobs.quickCheck(Duration.ofMillis(400)))
                .build();
    }

    /** A quick-check fire whose execution is its only record: it committed before its attempt went on record. */
    public static Optional<ExecutionInfo> executionOnly(SchedulerClient client) {
        return client
                .executions(ExecutionQuery.all()
                        .job(DemoJobs.QUICK_CHECK)
                        .outcome(Outcome.SUCCEEDED)
                        .page(0, 50))
                .items()
                .stream()
                .filter(e -> e.fencingToken() == 0)
                .findFirst();
    }

    private static long count(SchedulerClient client, String job, Outcome outcome) {
        return client.executions(ExecutionQuery.all().job(job).outcome(outcome).page(0, 1))
                .total();
    }
}
