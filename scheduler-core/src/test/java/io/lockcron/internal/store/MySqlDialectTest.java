package io.lockcron.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The DATETIME(3) literal an instant is bound as: exactly what the pattern yyyy-MM-dd HH:mm:ss.SSS prints. */
class MySqlDialectTest {
    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Test
    void theLiteralIsThePatternsTextMillisecondsTruncated() {
        MySqlDialect dialect = new MySqlDialect();
        assertThat(dialect.bindable(LocalDateTime.parse("2026-12-02T05:07:09.123999999")))
                .isEqualTo("2026-12-02 05:07:09.123");
        assertThat(dialect.bindable(LocalDateTime.parse("2026-01-01T00:00"))).isEqualTo("2026-01-01 00:00:00.000");
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            LocalDateTime t = LocalDateTime.of(
                    random.nextInt(1, 10_000 + 50),
                    random.nextInt(1, 13),
                    random.nextInt(1, 29),
                    random.nextInt(24),
                    random.nextInt(60),
                    random.nextInt(60),
                    random.nextInt(1_000_000_000));
            assertThat(dialect.bindable(t)).as("%s", t).isEqualTo(PATTERN.format(t));
        }
    }
}
