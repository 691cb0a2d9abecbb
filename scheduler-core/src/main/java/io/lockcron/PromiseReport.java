package io.lockcron;

import java.time.Instant;
import java.util.List;

/**
 * The promise audited over {@code [from, to)}: per job, the fires the schedule asked for beside
 * the executions recorded, each gap explained or flagged as unexplained, and fires recorded twice.
 * Computed from the tables; see {@link SchedulerClient#promise}.
 */
public record PromiseReport(Instant from, Instant to, List<JobPromise> jobs) {
    /** The most expected fires one report computes, over all its jobs. */
    public static final int MAX_EXPECTED_FIRES = 20_000;

    public long expected() {
        return jobs.stream().mapToLong(JobPromise::expected).sum();
    }

    public long unexplained() {
        return jobs.stream().mapToLong(j -> j.count(GapReason.UNEXPLAINED)).sum();
    }

    public long recordedTwice() {
        return jobs.stream().mapToLong(JobPromise::recordedTwice).sum();
    }

    public boolean kept() {
        return jobs.stream().allMatch(JobPromise::kept);
    }
}
