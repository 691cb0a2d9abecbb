package io.lockcron.internal.store;

import io.lockcron.GapReason;
import io.lockcron.JobPromise;
import io.lockcron.JobStatus;
import io.lockcron.LockcronException;
import io.lockcron.NodeInfo;
import io.lockcron.Outcome;
import io.lockcron.PromiseGap;
import io.lockcron.PromiseReport;
import io.lockcron.trigger.MisfirePolicy;
import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.TriggerType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Judges one job's promise from what {@link PromiseAuditor} read: the fires its cron or fixed-rate
 * schedule asked for beside the executions recorded, each missing fire given a {@link GapReason}
 * (paused, no node alive, folded by the misfire policy) or flagged as unexplained, and each failed
 * one marked as failed after its attempts. It reads no table itself.
 */
final class JobPromiseJudge {
    /** A run that starts this long after the following expected fire shows the scheduler was late past a fire. */
    private static final Duration LATE = Duration.ofSeconds(1);
    /** A node's last heartbeat stands for this long after it: it may have died any time in between. */
    private static final Duration HEARTBEAT_SLACK = Duration.ofSeconds(10);

    private JobPromiseJudge() {}

    /** One execution of the job, as recorded. */
    record Recorded(Instant fireTime, String kind, Outcome outcome, Instant startedAt) {}

    /** One pause, resume or reschedule of the job, from the audit log. */
    record Event(String action, Instant at) {}

    /**
     * The promise of {@code row} from {@code from} to {@code until}: its expected fires (at most
     * {@code budget}) beside its scheduled {@code runs}, each gap given its reason; {@code to} is the
     * range asked for, for the message when the budget runs out. Its duplicates are counted apart.
     */
    static JobPromise judge(
            JobRow row,
            Instant from,
            Instant until,
            List<Recorded> runs,
            List<Event> events,
            List<NodeInfo> nodes,
            int budget,
            Instant to) {
        String schedule = describe(row);
        if (row.triggerType() != TriggerType.CRON && row.triggerType() != TriggerType.FIXED_RATE) {
            return new JobPromise(
                    row.name(),
                    schedule,
                    0,
                    0,
                    List.of(),
                    0,
                    row.triggerType() + ": its fires follow from run times or requests, not from the schedule alone");
        }
        TreeMap<Instant, Recorded> scheduled = new TreeMap<>();
        for (Recorded r : runs) {
            if (r.kind().equals("SCHEDULED")) {
                scheduled.put(r.fireTime(), r);
            }
        }
        // A fire at or after the row's next fire time is still pending (or running): not judged yet.
        Instant pending = row.nextFireTime();
        Instant judgedUntil = pending != null && pending.isBefore(until) ? pending : until;
        List<Instant> expected = expected(row, from, judgedUntil, scheduled, budget, to);
        List<PromiseGap> gaps = new ArrayList<>();
        int recordedCount = 0;
        for (int i = 0; i < expected.size(); i++) {
            Instant fire = expected.get(i);
            Recorded run = scheduled.get(fire);
            if (run != null) {
                recordedCount++;
                if (run.outcome() == Outcome.FAILED) {
                    gaps.add(new PromiseGap(fire, GapReason.FAILED_AFTER_ATTEMPTS));
                }
                continue;
            }
            Instant following = i + 1 < expected.size() ? expected.get(i + 1) : null;
            gaps.add(new PromiseGap(fire, reason(row, fire, following, scheduled, events, nodes)));
        }
        return new JobPromise(row.name(), schedule, expected.size(), recordedCount, List.copyOf(gaps), 0, null);
    }

    private static GapReason reason(
            JobRow row,
            Instant fire,
            @Nullable Instant following,
            TreeMap<Instant, Recorded> scheduled,
            List<Event> events,
            List<NodeInfo> nodes) {
        if (paused(row, fire, events)) {
            return GapReason.PAUSED;
        }
        boolean alive = nodes.stream()
                .anyMatch(n -> !n.startedAt().isAfter(fire)
                        && !n.lastHeartbeat().plus(HEARTBEAT_SLACK).isBefore(fire));
        if (!alive) {
            return GapReason.NO_NODE_ALIVE;
        }
        Map.Entry<Instant, Recorded> later = scheduled.higherEntry(fire);
        if (later != null) {
            boolean skipping = row.misfirePolicy() == MisfirePolicy.SKIP;
            boolean late = following != null && later.getValue().startedAt().isAfter(following.plus(LATE));
            if (skipping || late) {
                return GapReason.FOLDED_BY_MISFIRE_POLICY;
            }
        }
        return GapReason.UNEXPLAINED;
    }

    /** Paused at {@code fire} by the audited pauses and resumes, or paused now with no resume since. */
    private static boolean paused(JobRow row, Instant fire, List<Event> events) {
        Boolean state = null; // unknown before the first event
        for (Event e : events) {
            if (e.at().isAfter(fire)) {
                // The first event after the fire tells the state at the fire if nothing came before.
                return state != null ? state : e.action().equals("RESUME");
            }
            state = e.action().equals("PAUSE");
        }
        return state != null ? state : row.status() == JobStatus.PAUSED;
    }

    private static List<Instant> expected(
            JobRow row, Instant from, Instant until, TreeMap<Instant, Recorded> scheduled, int budget, Instant to) {
        Trigger trigger = row.trigger();
        Instant start = from;
        List<Instant> fires = new ArrayList<>();
        if (!start.isBefore(until)) {
            return fires;
        }
        if (row.triggerType() == TriggerType.CRON) {
            Instant t = start.minusMillis(1);
            while (true) {
                Instant next = trigger.nextFire(t, t).orElse(null);
                if (next == null || !next.isBefore(until)) {
                    break;
                }
                add(fires, next, budget, row, from, to);
                t = next;
            }
            return fires;
        }
        // Fixed rate: the period is fixed, the phase comes from a recorded fire or the next one due.
        Instant anchor = !scheduled.isEmpty() ? scheduled.firstKey() : row.nextFireTime();
        if (anchor == null) {
            return fires;
        }
        Duration period =
                Duration.between(anchor, trigger.nextFire(anchor, anchor).orElse(anchor));
        if (period.isZero() || period.isNegative()) {
            return fires;
        }
        long back = Math.max(0, Duration.between(start, anchor).toMillis() / period.toMillis());
        Instant t = anchor.minus(period.multipliedBy(back));
        while (t.isBefore(start)) {
            t = t.plus(period);
        }
        for (; t.isBefore(until); t = t.plus(period)) {
            add(fires, t, budget, row, from, to);
        }
        return fires;
    }

    private static void add(List<Instant> fires, Instant fire, int budget, JobRow row, Instant from, Instant to) {
        if (fires.size() >= budget) {
            throw new IllegalArgumentException("Auditing " + from + " to " + to + " asks for more than "
                    + PromiseReport.MAX_EXPECTED_FIRES + " expected fires (job '" + row.name() + "' fires "
                    + describe(row) + "); narrow the range or audit one job.");
        }
        fires.add(fire);
    }

    private static String describe(JobRow row) {
        try {
            return row.trigger().describe();
        } catch (LockcronException e) {
            return row.triggerType() + " " + row.triggerValue();
        }
    }
}
