package io.lockcron.admin.cluster;

import io.lockcron.AttemptInfo;
import io.lockcron.AttemptOutcome;
import io.lockcron.ExecutionQuery;
import io.lockcron.JobInfo;
import io.lockcron.JobQuery;
import io.lockcron.JobStatus;
import io.lockcron.NodeInfo;
import io.lockcron.Outcome;
import io.lockcron.Page;
import io.lockcron.SchedulerClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Everything the pages and the JSON API show, read through the scheduler client. */
public final class ConsoleReader {
    /** Enough to find the last hour's failovers and a job's recent ones without a query of their own. */
    static final int FAILOVER_SCAN = 500;

    static final int AUDIT_SCAN = 500;
    private static final int CHART_MINUTES = 60;

    private final ConsoleClient client;
    private final Duration nodeDeadAfter;
    private final ZoneId zone;

    public ConsoleReader(ConsoleClient client, Duration nodeDeadAfter, ZoneId zone) {
        this.client = client;
        this.nodeDeadAfter = nodeDeadAfter;
        this.zone = zone;
    }

    private SchedulerClient client() {
        return client.get();
    }

    public Overview overview() {
        List<JobView> jobs = jobs();
        List<NodeInfo> nodeInfos = client().nodes();
        List<NodeView> nodes = nodes(jobs, nodeInfos);
        Instant now = client().now();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Instant firstMinute = now.truncatedTo(ChronoUnit.MINUTES).minus(CHART_MINUTES - 1, ChronoUnit.MINUTES);
        ExecutionChart chart =
                ExecutionChart.of(client().executionCounts(firstMinute), firstMinute, CHART_MINUTES, zone);
        Map<JobStatus, Long> byState = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            byState.put(status, jobs.stream().filter(j -> j.status() == status).count());
        }
        List<FailoverView> lastHour = failovers(FAILOVER_SCAN).stream()
                .filter(f -> !f.detectedAt().isBefore(hourAgo))
                .toList();
        int fencingsLastHour = (int) fencings(FAILOVER_SCAN).stream()
                .filter(f -> !f.fencedAt().isBefore(hourAgo))
                .count();
        long executions = 0;
        for (Outcome outcome : Outcome.values()) {
            executions += chart.total(outcome);
        }
        return new Overview(
                now,
                count(nodes, NodeHealth.ALIVE),
                count(nodes, NodeHealth.DEAD) + count(nodes, NodeHealth.FENCED),
                count(nodes, NodeHealth.LEFT),
                byState,
                (int) jobs.stream().filter(j -> j.runningOn() != null).count(),
                executions,
                client().failedAttempts(hourAgo),
                lastHour.size(),
                fencingsLastHour,
                chart,
                lastHour.stream().limit(5).toList(),
                executions(ExecutionQuery.all().outcome(Outcome.FAILED).page(0, 5))
                        .items());
    }

    private static int count(List<NodeView> nodes, NodeHealth health) {
        return (int) nodes.stream().filter(n -> n.health() == health).count();
    }

    public List<JobView> jobs() {
        return client().jobs().stream().map(JobView::of).toList();
    }

    /** Jobs matching {@code query}, one page. */
    public PageView<JobView> jobs(JobQuery query) {
        Page<JobInfo> page = client().jobs(query);
        return new PageView<>(
                page.items().stream().map(JobView::of).toList(), page.page(), page.size(), page.total(), page.pages());
    }

    /** One fire's whole story, or empty if it left no trace (no execution and no attempt). */
    public Optional<FireView> fire(String job, Instant fireTime) {
        List<ExecutionView> recorded = executions(ExecutionQuery.all()
                        .job(job)
                        .between(fireTime, fireTime.plusMillis(1))
                        .page(0, 1))
                .items();
        List<AttemptInfo> attempts = client().attempts(job, fireTime);
        if (recorded.isEmpty() && attempts.isEmpty()) {
            return Optional.empty();
        }
        List<FailoverView> failovers = failoversOf(job, FAILOVER_SCAN).stream()
                .filter(f -> f.fireTime().equals(fireTime))
                .toList();
        List<FencingView> fencings = fencings(FAILOVER_SCAN).stream()
                .filter(f -> attempts.stream()
                        .anyMatch(a -> a.nodeId().equals(f.node())
                                && a.outcome() != AttemptOutcome.COMMITTED
                                && !f.fencedAt().isBefore(a.startedAt())
                                && (a.finishedAt() == null
                                        || !f.fencedAt().isAfter(a.finishedAt().plusSeconds(60)))))
                .toList();
        return Optional.of(FireView.of(
                job,
                fireTime,
                recorded.isEmpty() ? null : recorded.get(0),
                attempts,
                failovers,
                fencings,
                client().payload(job).orElse(null)));
    }

    /**
     * The promise audited over {@code [from, to)}, for every job or one. For pages (lenient): a
     * range asking for too many fires comes back refused, with the reason, rather than failing.
     */
    public PromiseView promise(Instant from, Instant to, @org.jspecify.annotations.Nullable String job) {
        try {
            return PromiseView.of(client().promise(from, to, job));
        } catch (IllegalArgumentException e) {
            return PromiseView.refused(from, to, e.getMessage());
        }
    }

    /** As {@link #promise}, but a refused range throws (400 in the API). */
    public PromiseView promiseStrict(Instant from, Instant to, @org.jspecify.annotations.Nullable String job) {
        return PromiseView.of(client().promise(from, to, job));
    }

    public Optional<JobView> job(String name) {
        return client().job(name).map(JobView::of);
    }

    public List<String> jobNames() {
        return client().jobs().stream().map(JobInfo::name).toList();
    }

    public PageView<ExecutionView> executions(ExecutionQuery query) {
        Page<io.lockcron.ExecutionInfo> page = client().executions(query);
        return new PageView<>(
                page.items().stream().map(ExecutionView::of).toList(),
                page.page(),
                page.size(),
                page.total(),
                page.pages());
    }

    /** The job's latest {@code limit} executions as a chart of durations, oldest first. */
    public DurationChart durations(String job, int limit) {
        List<ExecutionView> latest =
                executions(ExecutionQuery.all().job(job).page(0, limit)).items();
        return DurationChart.of(job, latest, zone);
    }

    public List<FailoverView> failovers(int limit) {
        return client().failovers(limit).stream().map(FailoverView::of).toList();
    }

    public List<FencingView> fencings(int limit) {
        return client().fencings(limit).stream().map(FencingView::of).toList();
    }

    public List<FailoverView> failoversOf(String job, int limit) {
        return failovers(FAILOVER_SCAN).stream()
                .filter(f -> f.job().equals(job))
                .limit(limit)
                .toList();
    }

    public List<NodeView> nodes() {
        return nodes(jobs(), client().nodes());
    }

    private List<NodeView> nodes(List<JobView> jobs, List<NodeInfo> nodeInfos) {
        Map<String, List<String>> running = jobs.stream()
                .filter(j -> j.runningOn() != null)
                .collect(Collectors.groupingBy(
                        JobView::runningOn, Collectors.mapping(JobView::name, Collectors.toList())));
        return nodeInfos.stream()
                .map(n -> NodeView.of(n, nodeDeadAfter, running.getOrDefault(n.nodeId(), List.of())))
                .toList();
    }

    public List<AuditView> audit(int limit) {
        return client().auditLog(limit).stream().map(AuditView::of).toList();
    }

    /** Pause, resume, trigger and reschedule requests that wait for the job's running fire to end. */
    public List<io.lockcron.JobRequest> pendingRequests(String job) {
        return client().pendingRequests(job);
    }

    public List<AuditView> auditOf(String job, int limit) {
        return audit(AUDIT_SCAN).stream()
                .filter(a -> job.equals(a.job()))
                .limit(limit)
                .toList();
    }

    /** Now on the database clock, which decides everything in lockcron. */
    public Instant now() {
        return client().now();
    }
}
