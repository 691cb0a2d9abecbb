package io.lockcron.admin.cluster;

import io.lockcron.Outcome;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A job's execution durations over time, oldest first: one point per execution, labelled with its
 * start ({@code MM-dd HH:mm:ss} in the console's time zone). Running executions have no duration.
 */
public record DurationChart(String job, List<String> labels, List<@Nullable Long> durationsMs, List<Outcome> outcomes) {
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

    static DurationChart of(String job, List<ExecutionView> executions, ZoneId zone) {
        List<ExecutionView> oldestFirst = executions.stream()
                .sorted(Comparator.comparing(ExecutionView::startedAt))
                .toList();
        List<String> labels = new ArrayList<>();
        List<@Nullable Long> durations = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (ExecutionView e : oldestFirst) {
            labels.add(LABEL.format(e.startedAt().atZone(zone)));
            durations.add(e.durationMs());
            outcomes.add(e.outcome());
        }
        return new DurationChart(job, labels, durations, outcomes);
    }
}
