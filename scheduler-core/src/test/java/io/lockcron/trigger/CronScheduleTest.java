package io.lockcron.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockcron.InvalidJobException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static List<Instant> fires(CronSchedule cron, String from, String to) {
        List<Instant> fires = new ArrayList<>();
        Instant t = Instant.parse(from);
        while (true) {
            t = cron.nextAfter(t).orElseThrow();
            if (t.isAfter(Instant.parse(to))) {
                return fires;
            }
            fires.add(t);
        }
    }

    @Test
    void secondsLAndHashWork() {
        CronSchedule lastFriday = CronSchedule.parse("0 0 18 ? * 6L", ZoneId.of("UTC"));
        assertThat(lastFriday.nextAfter(Instant.parse("2026-11-01T00:00:00Z")))
                .contains(Instant.parse("2026-11-27T18:00:00Z"));
        CronSchedule everyTenSeconds = CronSchedule.parse("*/10 * * * * ?", ZoneId.of("UTC"));
        assertThat(everyTenSeconds.nextAfter(Instant.parse("2026-11-01T00:00:05Z")))
                .contains(Instant.parse("2026-11-01T00:00:10Z"));
    }

    @Test
    void springStyleExpressionsAreAccepted() {
        assertThat(CronSchedule.parse("0 0 * * * *", ZoneId.of("UTC")).expression())
                .isEqualTo("0 0 * * * ?");
        assertThat(CronSchedule.parse("0 0 9 * * MON-FRI", ZoneId.of("UTC")).expression())
                .isEqualTo("0 0 9 ? * MON-FRI");
        assertThat(CronSchedule.parse("0 0 9 1 * *", ZoneId.of("UTC")).expression())
                .isEqualTo("0 0 9 1 * ?");
    }

    @Test
    void badExpressionsSayWhatIsWrongAndHowToWriteIt() {
        assertThatThrownBy(() -> CronSchedule.parse("0 61 * * * ?", ZoneId.of("UTC")))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("'0 61 * * * ?'")
                .hasMessageContaining("second minute hour day-of-month month day-of-week");
        assertThatThrownBy(() -> CronSchedule.parse("*/5 * * * *", ZoneId.of("UTC")))
                .hasMessageContaining("five fields")
                .hasMessageContaining("'0 */5 * * * *'");
    }

    @Test
    void aDailyFireInTheSpringForwardGapRunsShiftedByTheGap() {
        CronSchedule daily = CronSchedule.parse("0 30 2 * * ?", NEW_YORK);
        assertThat(fires(daily, "2026-03-07T12:00:00Z", "2026-03-09T12:00:00Z"))
                .containsExactly(
                        ZonedDateTime.parse("2026-03-08T03:30-04:00[America/New_York]")
                                .toInstant(),
                        ZonedDateTime.parse("2026-03-09T02:30-04:00[America/New_York]")
                                .toInstant());

        CronSchedule berlin = CronSchedule.parse("0 30 2 * * ?", BERLIN);
        assertThat(fires(berlin, "2026-03-28T12:00:00Z", "2026-03-30T12:00:00Z"))
                .containsExactly(Instant.parse("2026-03-29T01:30:00Z"), Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void anHourlyJobAcrossTheGapFiresEachRealHourOnce() {
        CronSchedule hourly = CronSchedule.parse("0 0 * * * ?", NEW_YORK);
        assertThat(fires(hourly, "2026-03-08T05:30:00Z", "2026-03-08T08:30:00Z"))
                .containsExactly(
                        Instant.parse("2026-03-08T06:00:00Z"), // 01:00 EST
                        Instant.parse("2026-03-08T07:00:00Z"), // 03:00 EDT, the clock jumped from 02:00
                        Instant.parse("2026-03-08T08:00:00Z"));
    }

    @Test
    void inTheRepeatedFallBackHourEachWallClockTimeFiresOnce() {
        CronSchedule daily = CronSchedule.parse("0 30 1 * * ?", NEW_YORK);
        assertThat(fires(daily, "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z"))
                .containsExactly(Instant.parse("2026-11-01T06:30:00Z"), Instant.parse("2026-11-02T06:30:00Z"));

        CronSchedule halfHourly = CronSchedule.parse("0 */30 * * * ?", BERLIN);
        List<Instant> fires = fires(halfHourly, "2026-10-24T22:45:00Z", "2026-10-25T03:15:00Z");
        assertThat(fires).isSorted().doesNotHaveDuplicates();
        assertThat(fires.stream().map(i -> i.atZone(BERLIN).toLocalTime().toString()))
                .doesNotHaveDuplicates()
                .contains("02:00", "02:30", "03:00", "04:00");
    }

    @Test
    void anExpressionWithoutFutureFiresEnds() {
        CronSchedule past = CronSchedule.parse("0 0 0 1 1 ? 2020", ZoneId.of("UTC"));
        assertThat(past.nextAfter(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
    }
}
