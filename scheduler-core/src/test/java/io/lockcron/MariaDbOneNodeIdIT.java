package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockcron.testing.DatabaseIT;
import io.lockcron.testing.FireChecker;
import io.lockcron.testing.NodeProcess;
import io.lockcron.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two processes started with one node id: the second becomes the next incarnation, the first
 * steps down at its next heartbeat instead of joining again, and the two never displace each
 * other; the first one's leaving does not mark the second LEFT.
 */
class MariaDbOneNodeIdIT extends DatabaseIT {
    @Override
    protected TestDatabase database() {
        return MariaDbSchedulerIT.DATABASE;
    }

    @Test
    void aSecondProcessWithTheSameNodeIdTakesItOverAndTheFirstStepsDown() throws Exception {
        NodeProcess first = nodes.process("twin", "--jobs", "2");
        await().atMost(Duration.ofSeconds(60)).until(() -> executions() >= 2);
        NodeProcess second = nodes.process("twin", "--jobs", "2");

        await().atMost(Duration.ofSeconds(60)).until(() -> first.output().contains("steps down"));
        Map<String, Object> taken = node();
        assertThat(taken.get("pid")).isEqualTo(second.pid());
        int before = executions();
        Thread.sleep(5_000); // long enough for several heartbeats of both processes
        Map<String, Object> later = node();
        assertThat(later.get("incarnation")).as("no displacing back and forth").isEqualTo(taken.get("incarnation"));
        assertThat(later.get("state")).isEqualTo("ACTIVE");
        assertThat(later.get("pid")).isEqualTo(second.pid());
        assertThat(executions()).as("the second process fires").isGreaterThan(before);
        assertThat(second.output()).contains("was in use by another process");
        new FireChecker(jdbi, effects).assertNoBodyRanTwice();
    }

    private int executions() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM job_execution")
                .mapTo(Integer.class)
                .one());
    }

    private Map<String, Object> node() {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT state, incarnation, pid FROM scheduler_node WHERE node_id = 'twin'")
                        .map((rs, ctx) -> Map.<String, Object>of(
                                "state",
                                rs.getString("state"),
                                "incarnation",
                                rs.getInt("incarnation"),
                                "pid",
                                rs.getLong("pid")))
                        .one());
    }
}
