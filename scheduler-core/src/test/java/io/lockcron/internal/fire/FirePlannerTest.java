package io.lockcron.internal.fire;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockcron.JobStatus;
import io.lockcron.internal.store.JobRow;
import io.lockcron.job.ExecutionMode;
import io.lockcron.job.FireKind;
import io.lockcron.trigger.MisfirePolicy;
import io.lockcron.trigger.TriggerType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FirePlannerTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00.400Z");
    final FirePlanner planner = new FirePlanner(Duration.ofSeconds(5));

    static JobRow row(
            TriggerType type,
            String value,
            MisfirePolicy policy,
            int catchUp,
            Instant next,
            Instant due,
            int failed,
            Instant requested,
            JobStatus status) {
        return new JobRow(
                "job",
                "job",
                status,
                type,
                value,
                "UTC",
                policy,
                catchUp,
                ExecutionMode.TRANSACTIONAL,
                3,
                1000,
                null,
                null,
                next,
                due,
                failed,
                requested,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                "h",
                "CODE",
                1,
                NOW);
    }

    static JobRow everySecond(MisfirePolicy policy, int catchUp, Instant next) {
        return row(TriggerType.CRON, "* * * * * ?", policy, catchUp, next, next, 0, null, JobStatus.IDLE);
    }

    @Test
    void aFireOnTimeOrSlightlyLateRuns() {
        Instant fire = NOW.minusSeconds(3);
        assertThat(planner.plan(everySecond(MisfirePolicy.SKIP, 1, fire), NOW))
                .isEqualTo(new Plan.Run(fire, FireKind.SCHEDULED, false));
    }

    @Test
    void aFireNotYetDueWaits() {
        Instant fire = NOW.plusMillis(600);
        assertThat(planner.plan(everySecond(MisfirePolicy.FIRE_ONCE_NOW, 1, fire), NOW))
                .isEqualTo(new Plan.NotDue(fire));
    }

    @Test
    void fireOnceNowRunsTheLatestMissedFire() {
        Instant missed = Instant.parse("2026-11-21T11:00:00Z");
        assertThat(planner.plan(everySecond(MisfirePolicy.FIRE_ONCE_NOW, 1, missed), NOW))
                .isEqualTo(new Plan.Run(Instant.parse("2026-11-21T12:00:00Z"), FireKind.SCHEDULED, false));
    }

    @Test
    void skipMovesToTheFirstFireAfterNow() {
        Instant missed = Instant.parse("2026-11-21T11:00:00Z");
        assertThat(planner.plan(everySecond(MisfirePolicy.SKIP, 1, missed), NOW))
                .isEqualTo(new Plan.Advance(Instant.parse("2026-11-21T12:00:01Z")));
    }

    @Test
    void catchUpStartsWithTheOldestOfTheLatestMissedFires() {
        Instant monthAgo = Instant.parse("2026-10-21T12:00:00Z");
        assertThat(planner.plan(everySecond(MisfirePolicy.CATCH_UP, 4, monthAgo), NOW))
                .isEqualTo(new Plan.Run(Instant.parse("2026-11-21T11:59:57Z"), FireKind.SCHEDULED, false));
        JobRow rate = row(
                TriggerType.FIXED_RATE,
                "PT10M",
                MisfirePolicy.CATCH_UP,
                2,
                monthAgo,
                monthAgo,
                0,
                null,
                JobStatus.IDLE);
        assertThat(planner.plan(rate, NOW))
                .isEqualTo(new Plan.Run(Instant.parse("2026-11-21T11:50:00Z"), FireKind.SCHEDULED, false));
    }

    @Test
    void aRetryRunsTheSameFireWhenItsBackoffIsOver() {
        Instant fire = NOW.minus(Duration.ofMinutes(10));
        JobRow retrying = row(
                TriggerType.CRON,
                "0 */10 * * * ?",
                MisfirePolicy.SKIP,
                1,
                fire,
                NOW.minusMillis(1),
                1,
                null,
                JobStatus.IDLE);
        assertThat(planner.plan(retrying, NOW)).isEqualTo(new Plan.Run(fire, FireKind.SCHEDULED, true));
        JobRow waiting = row(
                TriggerType.CRON,
                "0 */10 * * * ?",
                MisfirePolicy.SKIP,
                1,
                fire,
                NOW.plusSeconds(2),
                1,
                null,
                JobStatus.IDLE);
        assertThat(planner.plan(waiting, NOW)).isEqualTo(new Plan.NotDue(NOW.plusSeconds(2)));
    }

    @Test
    void aRequestRunsEvenAPausedJobButNotOneWhoseLeaseIsHeld() {
        Instant requested = NOW.minusMillis(100);
        JobRow paused = row(
                TriggerType.ON_DEMAND,
                null,
                MisfirePolicy.FIRE_ONCE_NOW,
                1,
                null,
                null,
                0,
                requested,
                JobStatus.PAUSED);
        assertThat(planner.plan(paused, NOW)).isEqualTo(new Plan.Run(requested, FireKind.MANUAL, false));
        JobRow leased = leased(NOW.plusSeconds(20), requested);
        assertThat(planner.plan(leased, NOW)).isEqualTo(new Plan.NotDue(NOW.plusSeconds(20)));
    }

    static JobRow leased(Instant leaseUntil, Instant requested) {
        Instant fire = NOW.minusSeconds(40);
        return new JobRow(
                "job",
                "job",
                JobStatus.RUNNING,
                TriggerType.CRON,
                "0 * * * * ?",
                "UTC",
                MisfirePolicy.FIRE_ONCE_NOW,
                1,
                ExecutionMode.LEASE,
                1,
                0,
                null,
                null,
                fire,
                fire,
                0,
                requested,
                null,
                null,
                null,
                null,
                7,
                "gone-node",
                leaseUntil,
                "h",
                "CODE",
                1,
                NOW);
    }

    @Test
    void anExpiredLeaseIsTakenOverForTheSameFire() {
        JobRow expired = leased(NOW.minusMillis(1), null);
        assertThat(planner.plan(expired, NOW)).isEqualTo(new Plan.Run(NOW.minusSeconds(40), FireKind.SCHEDULED, true));
        JobRow manual = leased(NOW.minusMillis(1), NOW.minusSeconds(45));
        assertThat(planner.plan(manual, NOW)).isEqualTo(new Plan.Run(NOW.minusSeconds(45), FireKind.MANUAL, true));
    }

    @Test
    void aPausedJobDoesNotFire() {
        Instant fire = NOW.minusSeconds(1);
        JobRow paused = row(
                TriggerType.CRON, "* * * * * ?", MisfirePolicy.FIRE_ONCE_NOW, 1, fire, fire, 0, null, JobStatus.PAUSED);
        assertThat(planner.plan(paused, NOW)).isEqualTo(new Plan.NotDue(null));
    }
}
