package io.lockcron.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockcron.InvalidJobException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Parsed schedules are shared: one per expression and zone, and shared ones still answer right. */
class CronScheduleCacheTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void theSameExpressionAndZoneGiveTheSameScheduleAnotherZoneAnother() {
        CronSchedule a = CronSchedule.parse("0 30 2 * * ?", CronScheduleTest.BERLIN);
        assertThat(CronSchedule.parse("0 30 2 * * ?", CronScheduleTest.BERLIN)).isSameAs(a);
        CronSchedule inNewYork = CronSchedule.parse("0 30 2 * * ?", CronScheduleTest.NEW_YORK);
        assertThat(inNewYork).isNotSameAs(a);
        // The zone is part of the answer: 02:30 in New York is 07:30 UTC in winter, in Berlin 01:30.
        assertThat(inNewYork.nextAfter(Instant.parse("2026-12-01T00:00:00Z")))
                .contains(Instant.parse("2026-12-01T07:30:00Z"));
        assertThat(a.nextAfter(Instant.parse("2026-12-01T00:00:00Z"))).contains(Instant.parse("2026-12-01T01:30:00Z"));
    }

    @Test
    void theFireAfterAnInstantAskedAgainIsTheSameAnswerAlsoBetweenOtherQuestions() {
        CronSchedule daily = CronSchedule.parse("0 30 2 * * ?", CronScheduleTest.BERLIN);
        // 02:30 does not exist on 29 March 2026 in Berlin: that fire is shifted to 03:30 CEST.
        Instant beforeGap = Instant.parse("2026-03-28T12:00:00Z");
        Instant shifted = Instant.parse("2026-03-29T01:30:00Z");
        Instant winter = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < 2; i++) {
            assertThat(daily.nextAfter(beforeGap)).contains(shifted);
            assertThat(daily.nextAfter(beforeGap)).contains(shifted);
            assertThat(daily.nextAfter(winter)).contains(Instant.parse("2026-12-01T01:30:00Z"));
            assertThat(daily.nextAfter(shifted)).contains(Instant.parse("2026-03-30T00:30:00Z"));
        }
        assertThat(CronSchedule.parse("0 0 0 1 1 ? 2020", UTC).nextAfter(winter))
                .isEmpty();
        assertThat(CronSchedule.parse("0 0 0 1 1 ? 2020", UTC).nextAfter(winter))
                .isEmpty();
    }

    @Test
    void aBadExpressionIsRefusedEveryTime() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> CronSchedule.parse("0 61 * * * ?", UTC)).isInstanceOf(InvalidJobException.class);
        }
    }

    @Test
    void manyThreadsOnOneSharedScheduleEachGetTheirOwnNextTime() throws Exception {
        CronSchedule everySecond = CronSchedule.parse("* * * * * ?", UTC);
        Instant start = Instant.parse("2026-12-02T00:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    CronSchedule shared = CronSchedule.parse("* * * * * ?", UTC);
                    for (int i = 0; i < 2_000; i++) {
                        Instant after = start.plusSeconds(thread * 10_000L + i).plusMillis(500);
                        Instant expected = start.plusSeconds(thread * 10_000L + i + 1);
                        if (shared != everySecond
                                || !shared.nextAfter(after).orElseThrow().equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
