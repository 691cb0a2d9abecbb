package io.lockcron.admin.cluster;

import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.Triggers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Validates a cron schedule and lists its next fire times, before anyone saves it. */
public final class SchedulePreviewer {
    public static final int DEFAULT_COUNT = 5;
    public static final int MAX_COUNT = 50;
    private final ConsoleReader reader;

    public SchedulePreviewer(ConsoleReader reader) {
        this.reader = reader;
    }

    /**
     * @throws io.lockcron.InvalidJobException with a message that names the bad expression or zone
     *     and shows a valid one
     */
    public SchedulePreview preview(String expression, String zone, int count) {
        Trigger trigger = parse(expression, zone);
        int n = Math.max(1, Math.min(count, MAX_COUNT));
        List<Instant> next = new ArrayList<>(n);
        Optional<Instant> fire = trigger.firstFire(reader.now());
        while (fire.isPresent() && next.size() < n) {
            next.add(fire.get());
            fire = trigger.nextFire(fire.get(), fire.get());
        }
        return new SchedulePreview(
                trigger.value() == null ? expression : trigger.value(),
                trigger.zone().getId(),
                trigger.describe(),
                List.copyOf(next));
    }

    /** The trigger a schedule change saves; the same validation as the preview. */
    public static Trigger parse(String expression, String zone) {
        if (expression.isBlank()) {
            throw new io.lockcron.InvalidJobException(
                    "the cron expression is empty. Write six or seven fields: second minute hour day-of-month"
                            + " month day-of-week [year], e.g. '0 */5 * * * ?' for every five minutes.");
        }
        return Triggers.cron(expression.strip(), zone.isBlank() ? "UTC" : zone.strip());
    }
}
