package io.lockcron.sample.billing;

import io.lockcron.job.JobContext;
import io.lockcron.spring.ClusteredJob;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Imports exchange rates from a flaky feed: about half of all first attempts fail. lockcron rolls
 * back what the failed attempt wrote and runs the same fire again after the backoff (2 s, then
 * 4 s), up to three attempts; the executions show the attempt that succeeded.
 */
@Component
class ExchangeRateJob {
    private final JdbcTemplate jdbc;

    ExchangeRateJob(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @ClusteredJob(name = "exchange-rates", fixedRate = "${billing.rates.period}", maxAttempts = 3, backoff = "2s")
    void importRates(JobContext ctx) {
        String fire = ctx.scheduledFireTime().toString();
        jdbc.update(
                "INSERT INTO exchange_rate (currency, fire_time, rate, attempt, node_id) VALUES ('USD', ?, ?, ?, ?)",
                fire,
                rate(),
                ctx.attempt(),
                ctx.nodeId());
        if (ctx.attempt() == 1 && ThreadLocalRandom.current().nextBoolean()) {
            throw new IllegalStateException("rate feed timed out (simulated); the USD row above is rolled back");
        }
        jdbc.update(
                "INSERT INTO exchange_rate (currency, fire_time, rate, attempt, node_id) VALUES ('GBP', ?, ?, ?, ?)",
                fire,
                rate(),
                ctx.attempt(),
                ctx.nodeId());
    }

    private static BigDecimal rate() {
        return BigDecimal.valueOf(0.8 + ThreadLocalRandom.current().nextDouble(0.4))
                .setScale(6, RoundingMode.HALF_UP);
    }
}
