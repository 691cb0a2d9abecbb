package io.lockcron.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockcron.GapReason;
import io.lockcron.JobPromise;
import io.lockcron.SchedulerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Proves the promise from the tables after a run: every fire of a job executed once and
 * committed its transactional effect once, the bodies ran once (no effect written twice even
 * outside the transaction), and no fire in the window is missing.
 */
public final class FireChecker {
    private final Jdbi jdbi;
    private final Effects effects;

    public FireChecker(Jdbi jdbi, Effects effects) {
        this.jdbi = jdbi;
        this.effects = effects;
    }

    public record Fires(String job, List<Instant> fireTimes) {}

    public List<Instant> fireTimes(String job) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT fire_time FROM job_execution WHERE job_name = :job AND outcome = 'SUCCEEDED'"
                                + " ORDER BY fire_time")
                        .bind("job", job)
                        .mapTo(Instant.class)
                        .list());
    }

    /** Executions of {@code job} that did not succeed, for the failure message. */
    private List<String> unsuccessful(String job) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT fire_time, outcome, attempt, node_id, error FROM job_execution"
                                + " WHERE job_name = :job AND outcome <> 'SUCCEEDED' ORDER BY fire_time")
                        .bind("job", job)
                        .mapToMap()
                        .map(Object::toString)
                        .list());
    }

    /** Every {@code period} from the first fire to the last, each once, each with one committed effect. */
    public int assertEveryFireOnce(String job, Duration period, Instant windowStart, Instant windowEnd) {
        return assertEveryFireOnce(job, period, windowStart, windowEnd, null);
    }

    /**
     * As {@link #assertEveryFireOnce(String, Duration, Instant, Instant)}, but a gap is allowed where
     * {@code client}'s promise audit shows the misfire policy folded it (the next fire started later
     * than the misfire threshold: nodes starved or all down) — what users get with the default 5 s
     * threshold. A fire a node had started is never folded: it is taken over as itself.
     */
    public int assertEveryFireOnce(
            String job, Duration period, Instant windowStart, Instant windowEnd, SchedulerClient client) {
        List<Instant> fires = fireTimes(job);
        assertThat(fires).as("fires of %s", job).isNotEmpty().doesNotHaveDuplicates();
        for (int i = 1; i < fires.size(); i++) {
            Duration gap = Duration.between(fires.get(i - 1), fires.get(i));
            if (client != null && gap.compareTo(period) > 0) {
                JobPromise promise = client.promise(fires.get(i - 1), fires.get(i), job)
                        .jobs()
                        .get(0);
                assertThat(promise.gaps())
                        .as("gap in the fires of %s after %s: %s", job, fires.get(i - 1), promise)
                        .isNotEmpty()
                        .allSatisfy(g -> assertThat(g.reason()).isEqualTo(GapReason.FOLDED_BY_MISFIRE_POLICY));
                continue;
            }
            assertThat(gap)
                    .as(
                            "gap in the fires of %s after %s; executions not succeeded: %s",
                            job, fires.get(i - 1), unsuccessful(job))
                    .isEqualTo(period);
        }
        assertThat(fires.get(0)).as("first fire of %s", job).isBefore(windowStart);
        assertThat(fires.get(fires.size() - 1)).as("last fire of %s", job).isAfter(windowEnd);
        assertThat(effects.fires(job, Effects.TX))
                .as("committed effects of %s", job)
                .containsExactlyElementsOf(fires.stream().map(Instant::toString).toList());
        return fires.size();
    }

    /** No body ran twice for one fire: not even its autocommit effect, which a rollback cannot undo. */
    public void assertNoBodyRanTwice() {
        List<Map<String, Object>> twice = effects.duplicates(Effects.AUTO);
        assertThat(twice).as("fires whose body ran more than once").isEmpty();
        assertThat(effects.duplicates(Effects.TX))
                .as("fires committed more than once")
                .isEmpty();
    }
}
