package io.lockcron.internal.fire;

import io.lockcron.JobStatus;
import io.lockcron.internal.store.JobRow;
import io.lockcron.job.FireKind;
import io.lockcron.trigger.MisfirePolicy;
import io.lockcron.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decides, from a locked row and the database's time, which fire to run, if any. Pure: no I/O, so
 * misfire and retry rules are tested without a database.
 */
final class FirePlanner {
    private final Duration misfireThreshold;
    private final LeaseWatch leases;

    FirePlanner(Duration misfireThreshold) {
        this(misfireThreshold, new LeaseWatch(Duration.ZERO));
    }

    FirePlanner(Duration misfireThreshold, LeaseWatch leases) {
        this.misfireThreshold = misfireThreshold;
        this.leases = leases;
    }

    Plan plan(JobRow row, Instant now) {
        if (row.status() == JobStatus.RUNNING) {
            return leaseHeld(row, now);
        }
        Instant requested = row.triggerRequestedAt();
        if (requested != null && !requested.isAfter(now) && row.status() != JobStatus.RUNNING) {
            return new Plan.Run(requested, FireKind.MANUAL, false);
        }
        Instant due = row.dueTime();
        Instant fire = row.nextFireTime();
        if (row.status() != JobStatus.IDLE || due == null || fire == null) {
            return new Plan.NotDue(row.status() == JobStatus.IDLE ? requested : null);
        }
        if (due.isAfter(now)) {
            return new Plan.NotDue(earliest(due, requested));
        }
        if (row.failedAttempts() > 0) {
            return new Plan.Run(fire, FireKind.SCHEDULED, true);
        }
        if (Duration.between(fire, now).compareTo(misfireThreshold) <= 0) {
            return new Plan.Run(fire, FireKind.SCHEDULED, false);
        }
        Trigger trigger = row.trigger();
        MisfirePolicy policy = row.misfirePolicy();
        int keep = policy == MisfirePolicy.CATCH_UP ? row.misfireCatchUp() : 1;
        List<Instant> missed = MissedFires.latest(trigger, fire, now, keep);
        return switch (policy) {
            case SKIP ->
                new Plan.Advance(
                        trigger.nextFire(missed.get(missed.size() - 1), now).orElse(null));
            case FIRE_ONCE_NOW -> new Plan.Run(missed.get(missed.size() - 1), FireKind.SCHEDULED, false);
            case CATCH_UP -> new Plan.Run(missed.get(0), FireKind.SCHEDULED, false);
        };
    }

    /**
     * A lease-mode fire is running somewhere; once its lease has expired by the database clock and
     * this node has watched it stand still for a lease duration (see {@link LeaseWatch}), its fire
     * is taken over.
     */
    private Plan leaseHeld(JobRow row, Instant now) {
        Instant lease = row.leaseUntil();
        if (lease != null && lease.isAfter(now)) {
            return new Plan.NotDue(lease);
        }
        Duration watch = lease == null ? Duration.ZERO : leases.remaining(row.name(), lease, System.nanoTime());
        if (!watch.isZero()) {
            return new Plan.NotDue(now.plus(watch));
        }
        Instant requested = row.triggerRequestedAt();
        if (requested != null) {
            return new Plan.Run(requested, FireKind.MANUAL, true);
        }
        Instant fire = row.nextFireTime();
        return fire == null ? new Plan.NotDue(null) : new Plan.Run(fire, FireKind.SCHEDULED, true);
    }

    private static Instant earliest(Instant a, @Nullable Instant b) {
        return b != null && b.isBefore(a) ? b : a;
    }
}
