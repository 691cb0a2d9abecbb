package io.lockcron.admin.cluster;

import java.time.Instant;
import java.util.List;

/**
 * A cron schedule that parsed, in the form it is stored ({@code expression}, normalized), in words
 * ({@code description}), and its next fire times from now (database time).
 */
public record SchedulePreview(String expression, String zone, String description, List<Instant> nextFireTimes) {}
