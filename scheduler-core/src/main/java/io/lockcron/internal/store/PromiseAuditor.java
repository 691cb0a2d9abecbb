package io.lockcron.internal.store;

import io.lockcron.JobPromise;
import io.lockcron.NodeInfo;
import io.lockcron.Outcome;
import io.lockcron.PromiseReport;
import io.lockcron.internal.store.JobPromiseJudge.Event;
import io.lockcron.internal.store.JobPromiseJudge.Recorded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>This class reads the tables, in a few bounded queries for all the jobs at once; {@link
 * JobPromiseJudge} judges each job from what they returned.
 */
final class PromiseAuditor {
    /** Fires due this recently may not have run yet: they are not judged. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final Store store;

    PromiseAuditor(Store store) {
        this.store = store;
    }

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
            JobPromise promise = JobPromiseJudge.judge(row, start, until, runs, pauses, nodes, budget, to);
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

    private static IllegalArgumentException tooMany(Instant from, Instant to, String what) {
        return new IllegalArgumentException("Auditing " + from + " to " + to + " reads more than "
                + PromiseReport.MAX_EXPECTED_FIRES * 2 + " " + what + "; narrow the range or audit one job.");
    }
}
