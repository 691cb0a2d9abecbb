package io.lockcron.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockcron.admin.ConsoleProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new ConsoleProperties().getLogin(), new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @Test
    void threeFailuresAreFreeThenTheWaitDoublesUpToFiveMinutes() {
        assertThat(throttle.failed("ana", "10.0.0.1")).isZero();
        assertThat(throttle.failed("ana", "10.0.0.1")).isZero();
        assertThat(throttle.waitFor("ana", "10.0.0.1")).isEmpty();
        assertThat(throttle.failed("ana", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("ana", "10.0.0.2")).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("bob", "10.0.0.1")).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("bob", "10.0.0.2")).isEmpty();
        now = now.plusSeconds(1);
        assertThat(throttle.waitFor("ana", "10.0.0.1")).isEmpty();
        assertThat(throttle.failed("ana", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.delay(12)).isEqualTo(Duration.ofMinutes(5));
        assertThat(throttle.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void successClearsTheCountAndOldFailuresAreForgotten() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("ana", "10.0.0.1");
        }
        throttle.succeeded("ana", "10.0.0.1");
        assertThat(throttle.waitFor("ana", "10.0.0.1")).isEmpty();
        for (int i = 0; i < 5; i++) {
            throttle.failed("ana", "10.0.0.1");
        }
        now = now.plus(Duration.ofMinutes(11));
        assertThat(throttle.waitFor("ana", "10.0.0.1")).isEmpty();
        assertThat(throttle.failed("ana", "10.0.0.1")).isZero();
    }

    @Test
    void aFloodOfInventedNamesStaysBounded() {
        for (int i = 0; i < LoginThrottle.MAX_ENTRIES * 2; i++) {
            throttle.failed("name-" + i, "10.0.0.1");
        }
        // The address is the most recently used entry, so it is kept and still throttled.
        assertThat(throttle.waitFor("someone", "10.0.0.1")).isPresent();
    }

    @Test
    void badSettingsAreRefusedWithTheProperty() {
        ConsoleProperties.Login login = new ConsoleProperties.Login();
        login.setFreeFailures(0);
        assertThatThrownBy(() -> new LoginThrottle(login, Clock.systemUTC()))
                .hasMessageContaining("lockcron.console.login.free-failures");
        login.setFreeFailures(3);
        login.setMaxDelay(Duration.ZERO);
        assertThatThrownBy(() -> new LoginThrottle(login, Clock.systemUTC()))
                .hasMessageContaining("lockcron.console.login.max-delay");
    }
}
