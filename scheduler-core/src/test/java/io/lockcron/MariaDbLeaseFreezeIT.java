package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockcron.testing.DatabaseIT;
import io.lockcron.testing.NodeProcess;
import io.lockcron.testing.RunIntervals;
import io.lockcron.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node process frozen for 12 s (longer than the 10 s heartbeat timeout, shorter than the 30 s
 * lease) while it owns a lease: it is fenced, but its lease is not taken from it, so when it wakes
 * it finishes the run, and at no moment do two owners run the job (checked from the runs' own
 * start and end times). Defaults users get: 10 s heartbeat timeout, 30 s lease.
 */
class MariaDbLeaseFreezeIT extends DatabaseIT {
    @Override
    protected TestDatabase database() {
        return MariaDbSchedulerIT.DATABASE;
    }

    @Test
    void aFrozenLeaseOwnerIsFencedButNoSecondOwnerRunsBesideIt() throws Exception {
        RunIntervals runs = new RunIntervals(admin);
        runs.reset();
        NodeProcess owner = nodes.process(
                "owner",
                "--lease-millis",
                "20000",
                "--lease-duration-millis",
                "30000",
                "--heartbeat-timeout-millis",
                "10000");
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.all("leased").size() == 1);

        nodes.start(
                "other",
                List.of(runs.leaseJob("leased", 20_000)),
                b -> b.heartbeatTimeout(Duration.ofSeconds(10)).leaseDuration(Duration.ofSeconds(30)));
        owner.freeze();
        Thread.sleep(12_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.fencings(10).size() == 1);
        owner.thaw();

        await().atMost(Duration.ofSeconds(90))
                .until(() -> client.job("leased").map(JobInfo::lastOutcome).orElse(null) != null);
        assertThat(runs.overlaps("leased")).as("two owners at once").isEmpty();
        assertThat(client.fencings(10))
                .singleElement()
                .satisfies(f -> assertThat(f.nodeId()).isEqualTo("owner"));
        assertThat(client.job("leased").orElseThrow().lastOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(client.executions(ExecutionQuery.all().job("leased")).items())
                .singleElement()
                .satisfies(e -> assertThat(e.nodeId()).isEqualTo("owner"));
        assertThat(runs.all("leased")).as("the owner's run only").hasSize(1);
    }
}
