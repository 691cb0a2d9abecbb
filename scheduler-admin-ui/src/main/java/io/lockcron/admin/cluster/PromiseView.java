package io.lockcron.admin.cluster;

import io.lockcron.GapReason;
import io.lockcron.JobPromise;
import io.lockcron.PromiseGap;
import io.lockcron.PromiseReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The promise audited over a range, as pages and the JSON API show it: totals, and per job the
 * fires expected and recorded, gaps counted by reason (the first {@value #GAPS_SHOWN} listed),
 * fires recorded twice. {@code refused} says why a range could not be audited (too many fires).
 */
public record PromiseView(
        Instant from,
        Instant to,
        boolean kept,
        long expected,
        long unexplained,
        long recordedTwice,
        List<JobPromiseView> jobs,
        @Nullable String refused) {
    public static final int GAPS_SHOWN = 50;

    /** One job's line. */
    public record JobPromiseView(
            String job,
            String schedule,
            int expected,
            int recorded,
            Map<GapReason, Long> gapsByReason,
            List<PromiseGap> gaps,
            int recordedTwice,
            boolean kept,
            @Nullable String notAudited) {}

    static PromiseView of(PromiseReport report) {
        return new PromiseView(
                report.from(),
                report.to(),
                report.kept(),
                report.expected(),
                report.unexplained(),
                report.recordedTwice(),
                report.jobs().stream().map(PromiseView::job).toList(),
                null);
    }

    static PromiseView refused(Instant from, Instant to, String why) {
        return new PromiseView(from, to, false, 0, 0, 0, List.of(), why);
    }

    private static JobPromiseView job(JobPromise p) {
        return new JobPromiseView(
                p.job(),
                p.schedule(),
                p.expected(),
                p.recorded(),
                p.byReason(),
                p.gaps().stream().limit(GAPS_SHOWN).toList(),
                p.recordedTwice(),
                p.kept(),
                p.notAudited());
    }

    public long gaps(GapReason reason) {
        return jobs.stream()
                .mapToLong(j -> j.gapsByReason().getOrDefault(reason, 0L))
                .sum();
    }
}
