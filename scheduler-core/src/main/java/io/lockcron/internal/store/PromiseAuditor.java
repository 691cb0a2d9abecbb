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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Audits the promise from the tables: per job, the fires its schedule asked for in a range beside
 * the executions recorded, each gap explained (paused, folded by the misfire policy, no node alive,
 * failed after its attempts) or flagged as unexplained, and fires recorded twice. Every query is
 * bounded: at most {@link PromiseReport#MAX_EXPECTED_FIRES} expected fires per report.
 *
 * <p>The explanations come from what the tables remember: pauses from the audit log, node
 * lifetimes from {@code scheduler_node} (each node's latest incarnation only), executions from
 * {@code job_execution} (until the history retention purges them). A gap they cannot explain is
 * flagged, never hidden.
 */
final class PromiseAuditor {
    /** Fires due this recently may not have run yet: they are not judged. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** A run that starts this long after the following expected fire shows the scheduler was late past a fire. */
    private static final Duration LATE = Duration.ofSeconds(1);
    /** A node's last heartbeat stands for this long after it: it may have died any time in between. */
    private static final Duration HEARTBEAT_SLACK = Duration.ofSeconds(10);

    private final Store store;

    PromiseAuditor(Store store) {
        this.store = store;
    }

    private record Recorded(Instant fireTime, String kind, Outcome outcome, Instant startedAt) {}

    private record Event(String action, Instant at) {}

    PromiseReport audit(Instant from, Instant to, @Nullable String job) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ").");
        }
        Instant now = store.now();
        Instant until = to.isAfter(now.minus(GRACE)) ? now.minus(GRACE) : to;
        List<JobRow> rows = store.jobs().all().stream()
                .filter(r -> job == null || r.name().equals(job))
                .toList();
        if (job != null && rows.isEmpty()) {
            throw new io.lockcron.UnknownJobException(job);
        }
        String filter = job == null ? "" : "AND job_name = :job";
        int limit = PromiseReport.MAX_EXPECTED_FIRES * 2;
        Map<String, List<Recorded>> recorded = new HashMap<>();
        Map<String, Integer> twice = new HashMap<>();
        Map<String, List<Event>> events = new HashMap<>();
        store.jdbi().useHandle(h -> {
            var executions = store.query(h, "promise-executions")
                    .define("where", filter)
                    .bind("from", from)
                    .bind("to", to)
                    .bind("limit", limit + 1);
            var pauses = store.query(h, "promise-pauses")
                    .define("where", filter)
                    .bind("to", to)
                    .bind("limit", limit + 1);
            var duplicates = store.query(h, "promise-duplicates")
                    .define("where", filter)
                    .bind("from", from)
                    .bind("to", to);
            if (job != null) {
                executions.bind("job", job);
                pauses.bind("job", job);
                duplicates.bind("job", job);
            }
            List<Map.Entry<String, Recorded>> rowsSeen = executions
                    .map((rs, ctx) -> Map.entry(
                            rs.getString("job_name"),
                            new Recorded(
                                    Rows.requiredInstant(rs, "fire_time"),
                                    rs.getString("fire_kind"),
                                    Outcome.valueOf(rs.getString("outcome")),
                                    Rows.requiredInstant(rs, "started_at"))))
                    .list();
            if (rowsSeen.size() > limit) {
                throw tooMany(from, to, "executions");
            }
            rowsSeen.forEach(e ->
                    recorded.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            pauses.map((rs, ctx) -> Map.entry(
                            rs.getString("job_name"),
                            new Event(rs.getString("action"), Rows.requiredInstant(rs, "at"))))
                    .list()
                    .forEach(e -> events.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(e.getValue()));
            duplicates
                    .map((rs, ctx) -> Map.entry(rs.getString("job_name"), rs.getInt("n")))
                    .list()
                    .forEach(e -> twice.put(e.getKey(), e.getValue()));
        });
        Map<String, Instant> created = new HashMap<>();
        store.jdbi()
                .useHandle(h -> store.query(h, "promise-created")
                        .map((rs, ctx) -> Map.entry(rs.getString("lock_name"), Rows.requiredInstant(rs, "created_at")))
                        .list()
                        .forEach(e -> created.put(e.getKey(), e.getValue())));
        List<NodeInfo> nodes = store.nodes().all();
        int budget = PromiseReport.MAX_EXPECTED_FIRES;
        List<JobPromise> jobs = new ArrayList<>();
        for (JobRow row : rows) {
            List<Recorded> runs = recorded.getOrDefault(row.name(), List.of());
            List<Event> history = events.getOrDefault(row.name(), List.of());
            // Judged from the job's creation and its latest schedule change on: earlier fires followed another
            // schedule.
            Instant start = from;
            Instant since = created.get(row.name());
            if (since != null && since.isAfter(start)) {
                start = since;
            }
            for (Event e : history) {
                if (e.action().equals("RESCHEDULE") && e.at().isAfter(start)) {
                    start = e.at();
                }
            }
            List<Event> pauses = history.stream()
                    .filter(e -> !e.action().equals("RESCHEDULE"))
                    .toList();
            JobPromise promise = audit(row, start, until, runs, pauses, nodes, budget, to);
            budget -= promise.expected();
            jobs.add(new JobPromise(
                    promise.job(),
                    promise.schedule(),
                    promise.expected(),
                    promise.recorded(),
                    promise.gaps(),
                    twice.getOrDefault(row.name(), 0),
                    promise.notAudited()));
        }
        return new PromiseReport(from, to, List.copyOf(jobs));
    }

    private JobPromise audit(
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

    private static IllegalArgumentException tooMany(Instant from, Instant to, String what) {
        return new IllegalArgumentException("Auditing " + from + " to " + to + " reads more than "
                + PromiseReport.MAX_EXPECTED_FIRES * 2 + " " + what + "; narrow the range or audit one job.");
    }

    private static String describe(JobRow row) {
        try {
            return row.trigger().describe();
        } catch (LockcronException e) {
            return row.triggerType() + " " + row.triggerValue();
        }
    }
}
