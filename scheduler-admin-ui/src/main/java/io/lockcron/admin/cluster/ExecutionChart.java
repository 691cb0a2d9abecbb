package io.lockcron.admin.cluster;

import io.lockcron.ExecutionCount;
import io.lockcron.Outcome;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Executions started per minute and outcome, one entry per minute with none left out, so that a
 * quiet minute shows as zero. {@code labels} are the minutes as {@code HH:mm} in the console's
 * time zone, {@code minutes} the same instants in UTC.
 */
public record ExecutionChart(List<Instant> minutes, List<String> labels, Map<Outcome, List<Long>> counts) {
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("HH:mm");

    static ExecutionChart of(List<ExecutionCount> counts, Instant firstMinute, int minuteCount, ZoneId zone) {
        List<Instant> minutes = new ArrayList<>(minuteCount);
        List<String> labels = new ArrayList<>(minuteCount);
        Map<Outcome, List<Long>> series = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            series.put(outcome, new ArrayList<>(java.util.Collections.nCopies(minuteCount, 0L)));
        }
        for (int i = 0; i < minuteCount; i++) {
            Instant minute = firstMinute.plus(i, ChronoUnit.MINUTES);
            minutes.add(minute);
            labels.add(LABEL.format(minute.atZone(zone)));
        }
        for (ExecutionCount count : counts) {
            long index = ChronoUnit.MINUTES.between(firstMinute, count.minute().truncatedTo(ChronoUnit.MINUTES));
            if (index >= 0 && index < minuteCount) {
                List<Long> values = series.get(count.outcome());
                values.set((int) index, values.get((int) index) + count.count());
            }
        }
        return new ExecutionChart(List.copyOf(minutes), List.copyOf(labels), series);
    }

    public long total(Outcome outcome) {
        return counts.getOrDefault(outcome, List.of()).stream()
                .mapToLong(Long::longValue)
                .sum();
    }
}
