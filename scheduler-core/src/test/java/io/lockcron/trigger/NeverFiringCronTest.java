package io.lockcron.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lockcron.InvalidJobException;
import io.lockcron.job.JobDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cron that never fires again, in a zone with daylight saving time: the next-fire search once
 * walked DST transitions toward the year 292 million. Every way in answers within 100 ms now.
 */
class NeverFiringCronTest {
    static final String NEVER = "0 0 0 29 2 ? 2020";
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Duration BOUND = Duration.ofMillis(100);

    @BeforeAll
    static void warmUp() {
        // Class loading and the first Quartz parse are not what is measured.
        CronSchedule.parse("0 0 12 * * ?", BERLIN).nextAfter(Instant.now());
        Triggers.cron("0 0 12 * * ?", BERLIN);
    }

    @Test
    void theNextFireSearchStopsAtTheHorizon() {
        CronSchedule never = CronSchedule.parse(NEVER, BERLIN);
        assertTimeoutPreemptively(
                BOUND, () -> assertThat(never.nextAfter(Instant.now())).isEmpty());
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThat(never.nextAfter(Instant.parse("2020-03-01T00:00:00Z")))
                        .isEmpty());
        for (String zone : new String[] {"America/New_York", "Australia/Sydney", "Europe/London", "UTC"}) {
            CronSchedule elsewhere = CronSchedule.parse("0 30 2 30 2 ?", ZoneId.of(zone));
            assertTimeoutPreemptively(
                    BOUND, () -> assertThat(elsewhere.nextAfter(Instant.now())).isEmpty());
        }
    }

    @Test
    void theApiRefusesItAtOnce() {
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> Triggers.cron(NEVER, BERLIN))
                        .isInstanceOf(InvalidJobException.class)
                        .hasMessageContaining("'0 0 0 29 2 ? 2020' in Europe/Berlin never fires again"));
    }

    @Test
    void theBuilderRefusesItAtOnceNamingTheJob() {
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> JobDefinition.builder("leap")
                                .cron(NEVER, "Europe/Berlin")
                                .handler(ctx -> {})
                                .build())
                        .isInstanceOf(InvalidJobException.class)
                        .hasMessageContaining("leap")
                        .hasMessageContaining("never fires again"));
    }

    @Test
    void datesThatNeverComeAreToldFromRareOnes() {
        assertThat(ImpossibleDates.never("0 0 0 30 FEB ?")).isTrue();
        assertThat(ImpossibleDates.never("0 0 0 31 4,6,9,11 ?")).isTrue();
        assertThat(ImpossibleDates.never("0 0 0 29 2 ?")).as("leap days come").isFalse();
        assertThat(ImpossibleDates.never("0 0 0 31 1-12 ?")).isFalse();
        assertThat(ImpossibleDates.never("0 0 0 L 2 ?")).isFalse();
        assertThat(ImpossibleDates.never("0 0 0 30-31 2,3 ?")).isFalse();
        assertThat(Triggers.cron("0 0 0 29 2 ?", BERLIN).firstFire(Instant.parse("2026-01-01T00:00:00Z")))
                .contains(Instant.parse("2028-02-28T23:00:00Z"));
    }

    @Test
    void aFireShiftedOutOfADstGapIsStillFound() {
        // 02:30 on 29 March 2026 does not exist in Berlin; it fires at 03:30 local, 01:30 UTC.
        CronSchedule gap = CronSchedule.parse("0 30 2 29 3 ? 2026", BERLIN);
        assertThat(gap.nextAfter(Instant.parse("2026-01-01T00:00:00Z")))
                .contains(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void dayOfWeekNumbersAreRefusedWithBothReadings() {
        assertThatThrownBy(() -> Triggers.cron("0 0 6 ? * 1-5", "UTC"))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("'SUN-THU'")
                .hasMessageContaining("'MON-FRI'");
        assertThatThrownBy(() -> Triggers.cron("0 0 18 ? * 6L", "UTC")).hasMessageContaining("FRIL");
        assertThatThrownBy(() -> Triggers.cron("0 0 18 ? * 0", "UTC")).hasMessageContaining("0 is no Quartz day");
        assertThat(Triggers.cron("0 0 6 ? * MON-FRI", "UTC").value()).isEqualTo("0 0 6 ? * MON-FRI");
        assertThat(Triggers.cron("0 0 6 ? * MON#2", "UTC").value()).isEqualTo("0 0 6 ? * MON#2");
        assertThat(Triggers.cron("0 */5 1-5 * * ?", "UTC").value())
                .as("numbers elsewhere are fine")
                .isNotNull();
    }

    @Test
    void storedRowsKeepTheirMeaning() {
        // Written by an older release: read as Quartz reads it, without refusing.
        Trigger stored = Triggers.parse(TriggerType.CRON, "0 0 18 ? * 6L", "UTC");
        assertThat(stored.firstFire(Instant.parse("2026-11-01T00:00:00Z")))
                .contains(Instant.parse("2026-11-27T18:00:00Z"));
        assertThat(Triggers.parse(TriggerType.CRON, NEVER, "Europe/Berlin").firstFire(Instant.now()))
                .isEmpty();
    }
}
