package io.lockcron.internal.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The wakes of scheduled fires, one timer per due time rather than per job: every job due at
 * that time is one wake of the drain, and all of them reach it together when the timer fires
 * (crons cluster on round times, so a node with 100 jobs would set 100 timers per second).
 */
final class DrainWakes {
    /** What a timer does: {@code wakes} jobs fell due at {@code due}. */
    interface Signal {
        void due(Instant due, int wakes);
    }

    /** One job's share of a timer, or a timer of its own. */
    interface Timer {
        boolean done();

        long delayMillis();

        void cancel();
    }

    private final ScheduledExecutorService timers;
    private final Signal signal;
    private final Map<Instant, Group> groups = new ConcurrentHashMap<>();

    DrainWakes(ScheduledExecutorService timers, Signal signal) {
        this.timers = timers;
        this.signal = signal;
    }

    /** A job's wake at {@code due}, in {@code delay}: it joins the timer already set for that time. */
    Timer join(Instant due, Duration delay) {
        while (true) {
            Group group = groups.computeIfAbsent(due, Group::new);
            Timer member = group.join(delay);
            if (member != null) {
                return member;
            }
            groups.remove(due, group); // it fired meanwhile: a new timer for this time
        }
    }

    /** A timer of its own, for a wake that is not a drain's. */
    static Timer of(ScheduledFuture<?> future) {
        return new Timer() {
            @Override
            public boolean done() {
                return future.isDone();
            }

            @Override
            public long delayMillis() {
                return future.getDelay(TimeUnit.MILLISECONDS);
            }

            @Override
            public void cancel() {
                future.cancel(false);
            }
        };
    }

    /** The jobs due at one time, and their timer. */
    private final class Group {
        private final Instant due;
        private int members;
        private boolean fired;
        private @Nullable ScheduledFuture<?> future;

        Group(Instant due) {
            this.due = due;
        }

        /** Null if the timer fired already. */
        synchronized @Nullable Timer join(Duration delay) {
            if (fired) {
                return null;
            }
            if (future == null || Math.abs(future.getDelay(TimeUnit.MILLISECONDS) - delay.toMillis()) >= 250) {
                // The first job, or a clock or offset step moved the time for all of them (above 250 ms).
                if (future != null) {
                    future.cancel(false);
                }
                future = timers.schedule(this::fire, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
            members++;
            return new Member(this);
        }

        private void fire() {
            int wakes;
            synchronized (this) {
                fired = true;
                wakes = members;
            }
            groups.remove(due, this);
            if (wakes > 0) {
                signal.due(due, wakes);
            }
        }

        synchronized boolean done() {
            return fired;
        }

        synchronized long delayMillis() {
            return future == null ? 0 : future.getDelay(TimeUnit.MILLISECONDS);
        }

        /** One job's wake taken back: the timer goes when nobody is left on it. */
        synchronized void leave() {
            if (fired) {
                return;
            }
            members--;
            if (members == 0 && future != null) {
                future.cancel(false);
                fired = true; // a later job of this time sets a new timer
                groups.remove(due, this);
            }
        }
    }

    private static final class Member implements Timer {
        private final Group group;
        private boolean cancelled;

        Member(Group group) {
            this.group = group;
        }

        @Override
        public boolean done() {
            synchronized (group) {
                return cancelled || group.done();
            }
        }

        @Override
        public long delayMillis() {
            return group.delayMillis();
        }

        @Override
        public void cancel() {
            synchronized (group) {
                if (!cancelled) {
                    cancelled = true;
                    group.leave();
                }
            }
        }
    }
}
