package io.lockcron.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jobs due at the same time share one timer, which wakes the drain once with all of them. */
class DrainWakesTest {
    private static final Instant DUE = Instant.parse("2026-12-02T05:00:00Z");

    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
    private final List<String> signals = new CopyOnWriteArrayList<>();
    private final DrainWakes wakes = new DrainWakes(timers, (due, n) -> signals.add(due + " x" + n));

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private void settle() throws InterruptedException {
        Thread.sleep(300);
    }

    @Test
    void jobsDueTogetherWakeTheDrainOnceWithAllOfThem() throws Exception {
        timers.setRemoveOnCancelPolicy(true);
        DrainWakes.Timer a = wakes.join(DUE, Duration.ofMillis(100));
        DrainWakes.Timer b = wakes.join(DUE, Duration.ofMillis(100));
        wakes.join(DUE, Duration.ofMillis(100));
        assertThat(timers.getQueue()).hasSize(1);
        b.cancel();
        b.cancel(); // twice counts once
        assertThat(a.done()).isFalse();
        settle();
        assertThat(signals).containsExactly(DUE + " x2");
        assertThat(a.done()).isTrue();
        assertThat(b.done()).isTrue();
    }

    @Test
    void aTimeEveryJobLeftWakesNobodyAndALaterJobOfItGetsATimerOfItsOwn() throws Exception {
        DrainWakes.Timer a = wakes.join(DUE, Duration.ofMillis(100));
        a.cancel();
        settle();
        assertThat(signals).isEmpty();
        DrainWakes.Timer later = wakes.join(DUE, Duration.ofMillis(50));
        assertThat(later.done()).isFalse();
        settle();
        assertThat(signals).containsExactly(DUE + " x1");
        wakes.join(DUE, Duration.ZERO); // after the timer fired: a new one
        settle();
        assertThat(signals).containsExactly(DUE + " x1", DUE + " x1");
    }

    @Test
    void aClockStepMovesTheTimeOfEveryJobDueThen() throws Exception {
        DrainWakes.Timer a = wakes.join(DUE, Duration.ofSeconds(30));
        DrainWakes.Timer b = wakes.join(DUE, Duration.ofMillis(100)); // the offset stepped by ~30 s
        assertThat(a.delayMillis()).isLessThan(1_000);
        assertThat(timers.getQueue().stream().filter(r -> !((java.util.concurrent.Future<?>) r).isCancelled()))
                .hasSize(1);
        settle();
        assertThat(signals).containsExactly(DUE + " x2");
        assertThat(b.done()).isTrue();
    }
}
