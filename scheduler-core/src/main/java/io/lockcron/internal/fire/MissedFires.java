package io.lockcron.internal.fire;

import io.lockcron.trigger.CronTrigger;
import io.lockcron.trigger.FixedRateTrigger;
import io.lockcron.trigger.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The fires a trigger had between a missed fire and now. A cron job that fires every second and
 * was down for a month has millions; only the last few are wanted, so cron windows are probed
 * backwards from now, growing, instead of walking every fire since the first.
 */
final class MissedFires {
    private MissedFires() {}

    /** Up to {@code limit} latest fires in {@code [first, now]}, oldest first; {@code first} is due. */
    static List<Instant> latest(Trigger trigger, Instant first, Instant now, int limit) {
        if (trigger instanceof FixedRateTrigger rate) {
            return latestAtRate(rate.period(), first, now, limit);
        }
        if (trigger instanceof CronTrigger) {
            return latestCron(trigger, first, now, limit);
        }
        return List.of(first); // one-shot, fixed delay: there is only ever one fire pending
    }

    private static List<Instant> latestAtRate(Duration period, Instant first, Instant now, int limit) {
        long periods = Duration.between(first, now).toMillis() / period.toMillis();
        Deque<Instant> fires = new ArrayDeque<>();
        for (long k = periods; k >= 0 && fires.size() < limit; k--) {
            fires.addFirst(first.plus(period.multipliedBy(k)));
        }
        return List.copyOf(fires);
    }

    private static List<Instant> latestCron(Trigger trigger, Instant first, Instant now, int limit) {
        Duration window = Duration.ofSeconds(1);
        while (true) {
            Instant start = now.minus(window);
            boolean fromFirst = !start.isAfter(first);
            Deque<Instant> fires = new ArrayDeque<>();
            Optional<Instant> next = fromFirst ? Optional.of(first) : trigger.nextFire(start.minusMillis(1), now);
            while (next.isPresent() && !next.get().isAfter(now)) {
                fires.addLast(next.get());
                if (fires.size() > limit) {
                    fires.removeFirst();
                }
                next = trigger.nextFire(next.get(), now);
            }
            if (fires.size() >= limit || fromFirst) {
                return List.copyOf(fires);
            }
            window = window.multipliedBy(4);
        }
    }
}
