package io.lockcron.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockcron.InvalidJobException;
import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.Triggers;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.scheduling.support.CronExpression;

/**
 * {@code @ClusteredJob(cron = ...)} means what {@code @Scheduled(cron = ...)} means: for each
 * expression, the next fires lockcron computes in several zones are exactly the ones Spring's own
 * {@link CronExpression} computes.
 */
class SpringCronTest {
    static final int FIRES = 25;
    static final Instant FROM = Instant.parse("2026-04-10T10:17:23Z");
    static final List<ZoneId> ZONES = List.of(
            ZoneId.of("UTC"),
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Australia/Sydney"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0 0 6 * * 1-5",
                "0 0 6 * * MON-FRI",
                "0 30 9 * * 0",
                "0 30 9 * * 7",
                "0 0 12 * * 5-7",
                "0 0 12 * * 1,3,5",
                "0 0 12 * * */2",
                "0 0 12 * * 1/2",
                "0 0 12 * * 0-6/3",
                "0 0 12 ? * SUN,SAT",
                "0 0 8 * * 5L",
                "0 0 8 * * FRIL",
                "0 0 8 * * 1#2",
                "0 0 8 * * MON#1",
                "0 0 8 L * *",
                "0 0 8 L-2 * *",
                "0 0 8 LW * *",
                "0 0 8 15W * *",
                "0 0 8 1-7 * ?",
                "@daily",
                "@midnight",
                "@hourly",
                "@weekly",
                "@monthly",
                "@yearly",
                "@annually",
                "*/15 * * * * *",
                "0 */15 9-17 * * MON-FRI",
                "0 0 0 1 */3 *",
                "0 15 10 ? * *",
                "0 0 9-17/2 * * *",
                "0 0 0 L 2 *",
                "0 0 12 1 JAN,JUL *",
                "0 0 12 * JUN-AUG 6"
            })
    void nextFiresMatchSpringInEveryZone(String expression) {
        CronExpression spring = CronExpression.parse(expression);
        for (ZoneId zone : ZONES) {
            Trigger ours = Triggers.cron(SpringCron.toQuartz(expression), zone);
            List<Instant> expected = new ArrayList<>();
            ZonedDateTime t = FROM.atZone(zone);
            for (int i = 0; i < FIRES; i++) {
                t = spring.next(t);
                expected.add(t.toInstant());
            }
            List<Instant> actual = new ArrayList<>();
            Instant fire = ours.firstFire(FROM).orElseThrow();
            for (int i = 0; i < FIRES; i++) {
                actual.add(fire);
                fire = ours.nextFire(fire, fire).orElseThrow();
            }
            assertThat(actual)
                    .as("'%s' (stored as '%s') in %s", expression, ours.value(), zone)
                    .containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 6 * * 1-5", "0 0 6 ? * 1-5"})
    void weekdayNumbersAreStoredAsNames(String expression) {
        assertThat(SpringCron.toQuartz(expression)).isEqualTo("0 0 6 ? * MON,TUE,WED,THU,FRI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 6 15 * MON", "0 0 6 * * * 2030", "0 0 6 * *", "0 0 6 * * 8", "0 0 6 * * 5-2"})
    void whatSpringRefusesOrLockcronCannotExpressIsRefusedWithTheReason(String expression) {
        assertThatThrownBy(() -> SpringCron.toQuartz(expression))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("'" + expression + "'");
    }
}
