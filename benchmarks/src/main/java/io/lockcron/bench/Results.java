package io.lockcron.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * What the effect rows and the execution table say about the fires scheduled in a window: a fire
 * without an effect row was missed (folded by the misfire policy, or never run), a fire with two
 * ran twice; the start lag is the execution's start minus its scheduled time, both database time.
 */
record Results(long asked, long done, long doubled, long executions, Lags lags) {

    record Lags(double p50, double p99, double max) {}

    static Results measure(Jdbi jdbi, Instant from, Instant to, long asked) {
        return jdbi.withHandle(h -> {
            List<Long> copies = h.createQuery(
                            "SELECT COUNT(*) FROM bench_effect WHERE fire_ms >= :from AND fire_ms < :to"
                                    + " AND job_name LIKE 'bench-%' GROUP BY job_name, fire_ms")
                    .bind("from", from.toEpochMilli())
                    .bind("to", to.toEpochMilli())
                    .mapTo(Long.class)
                    .list();
            List<Long> lags = h.createQuery(
                            "SELECT TIMESTAMPDIFF(MICROSECOND, fire_time, started_at) FROM job_execution"
                                    + " WHERE fire_time >= :from AND fire_time < :to ORDER BY 1")
                    .bind("from", text(from))
                    .bind("to", text(to))
                    .mapTo(Long.class)
                    .list();
            long doubled = copies.stream().filter(c -> c > 1).count();
            return new Results(
                    asked,
                    copies.size(),
                    doubled,
                    lags.size(),
                    new Lags(percentile(lags, 50), percentile(lags, 99), percentile(lags, 100)));
        });
    }

    long missed() {
        return Math.max(0, asked - done);
    }

    private static String text(Instant t) {
        return t.toString().replace('T', ' ').replace("Z", "");
    }

    /** In milliseconds. */
    static double percentile(List<Long> sortedMicros, int p) {
        if (sortedMicros.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, index)) / 1000.0;
    }

    static String millis(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms);
    }
}
