package io.lockcron.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * What the tables say about the fires scheduled in a window: a job that fires every second and
 * shows a two-second gap missed a fire; a fire with two effect rows ran twice.
 */
record Results(long fires, long missing, long duplicates, long lagP50, long lagP99, long lagMax) {

    private record Fire(String job, long fireMillis, long lagMillis) {}

    static Results measure(Jdbi jdbi, Instant from, Instant to) {
        return jdbi.withHandle(h -> {
            List<Fire> fires = h.createQuery("SELECT job_name, TIMESTAMPDIFF(MICROSECOND, '1970-01-01', fire_time) DIV"
                            + " 1000 AS fire_ms, TIMESTAMPDIFF(MICROSECOND, fire_time, started_at) DIV 1000 AS lag_ms"
                            + " FROM job_execution WHERE fire_time >= :from AND fire_time < :to")
                    .bind("from", text(from))
                    .bind("to", text(to))
                    .map((rs, ctx) -> new Fire(rs.getString("job_name"), rs.getLong("fire_ms"), rs.getLong("lag_ms")))
                    .list();
            long duplicates = h.createQuery("SELECT COUNT(*) FROM (SELECT job_name, fire_time FROM bench_effect"
                            + " GROUP BY job_name, fire_time HAVING COUNT(*) > 1) d")
                    .mapTo(Long.class)
                    .one();
            Map<String, List<Long>> byJob = new TreeMap<>();
            fires.forEach(
                    f -> byJob.computeIfAbsent(f.job(), j -> new ArrayList<>()).add(f.fireMillis()));
            long missing = 0;
            for (List<Long> times : byJob.values()) {
                times.sort(null);
                for (int i = 1; i < times.size(); i++) {
                    missing += Math.max(0, Math.round((times.get(i) - times.get(i - 1)) / 1000.0) - 1);
                }
            }
            List<Long> lags =
                    new ArrayList<>(fires.stream().map(Fire::lagMillis).toList());
            lags.sort(null);
            return new Results(
                    fires.size(),
                    missing,
                    duplicates,
                    percentile(lags, 50),
                    percentile(lags, 99),
                    lags.isEmpty() ? 0 : lags.get(lags.size() - 1));
        });
    }

    private static String text(Instant t) {
        return t.toString().replace('T', ' ').replace("Z", "");
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    void print(Duration window) {
        System.out.printf(
                Locale.ROOT,
                "fires: %d, missing: %d, duplicates: %d, fires/s: %.1f%n",
                fires,
                missing,
                duplicates,
                fires / (double) window.toSeconds());
        System.out.printf(
                Locale.ROOT,
                "trigger lag (start - scheduled, database time): p50 %d ms, p99 %d ms, max %d ms%n",
                lagP50,
                lagP99,
                lagMax);
    }
}
