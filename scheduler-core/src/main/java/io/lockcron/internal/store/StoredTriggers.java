package io.lockcron.internal.store;

import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.TriggerType;
import io.lockcron.trigger.Triggers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The triggers of stored rows, parsed once: every fire reads its row, and parsing a cron
 * expression again for each fire was a visible share of a node's CPU. Triggers are immutable.
 */
final class StoredTriggers {
    private static final int MAX = 10_000;
    private static final Map<String, Trigger> PARSED = new ConcurrentHashMap<>();

    private StoredTriggers() {}

    static Trigger of(TriggerType type, @Nullable String value, String zone) {
        String key = type + "\u0000" + value + "\u0000" + zone;
        Trigger trigger = PARSED.get(key);
        if (trigger == null) {
            trigger = Triggers.parse(type, value, zone); // throws for bad input: nothing cached then
            if (PARSED.size() >= MAX) {
                PARSED.clear(); // more distinct schedules than any cluster has: just start over
            }
            PARSED.put(key, trigger);
        }
        return trigger;
    }
}
