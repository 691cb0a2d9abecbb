package io.lockcron.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockcron.InvalidJobException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TriggersTest {
    static final Instant T = Instant.parse("2026-11-21T10:00:00.250Z");

    @Test
    void fixedRateCountsFromTheScheduledFire() {
        Trigger rate = Triggers.fixedRate(Duration.ofSeconds(10), Duration.ofSeconds(3));
        assertThat(rate.firstFire(T)).contains(T.plusSeconds(3));
        assertThat(rate.nextFire(T, T.plusSeconds(7))).contains(T.plusSeconds(10));
        assertThat(rate.describe()).isEqualTo("every 10 seconds");
    }

    @Test
    void fixedDelayCountsFromTheFinish() {
        Trigger delay = Triggers.fixedDelay(Duration.ofMinutes(1));
        assertThat(delay.firstFire(T)).contains(T);
        assertThat(delay.nextFire(T, T.plusSeconds(7))).contains(T.plusSeconds(67));
        assertThat(delay.describe()).isEqualTo("1 minute after the previous run finished");
    }

    @Test
    void oneShotAndOnDemandFireOnceOrOnRequest() {
        assertThat(Triggers.oneShot(T).firstFire(Instant.EPOCH)).contains(T);
        assertThat(Triggers.oneShot(T).nextFire(T, T)).isEmpty();
        assertThat(Triggers.onDemand().firstFire(T)).isEmpty();
    }

    @Test
    void storedTriggersParseBack() {
        for (Trigger t : new Trigger[] {
            Triggers.cron("0 15 10 ? * MON", "Asia/Tokyo"),
            Triggers.fixedRate(Duration.ofMillis(1500)),
            Triggers.fixedDelay(Duration.ofHours(2)),
            Triggers.oneShot(T),
            Triggers.onDemand()
        }) {
            Trigger parsed = Triggers.parse(t.type(), t.value(), t.zone().getId());
            assertThat(parsed.type()).isEqualTo(t.type());
            assertThat(parsed.value()).isEqualTo(t.value());
            assertThat(parsed.zone()).isEqualTo(t.zone());
        }
    }

    @Test
    void badValuesNameTheValueAndTheFix() {
        assertThatThrownBy(() -> Triggers.zone("Mars/Olympus"))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("'Mars/Olympus'")
                .hasMessageContaining("Europe/Berlin");
        assertThatThrownBy(() -> Triggers.fixedRate(Duration.ZERO))
                .hasMessageContaining("period must be at least 1 ms");
        assertThatThrownBy(() -> Triggers.parse(TriggerType.FIXED_RATE, "ten seconds", "UTC"))
                .hasMessageContaining("'ten seconds'")
                .hasMessageContaining("PT30S");
    }
}
