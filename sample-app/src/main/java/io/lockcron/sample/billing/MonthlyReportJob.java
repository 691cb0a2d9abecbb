package io.lockcron.sample.billing;

import io.lockcron.job.ExecutionMode;
import io.lockcron.job.JobContext;
import io.lockcron.spring.ClusteredJob;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A long report. Lease mode: the job holds a lease rather than an open transaction for its whole
 * run, so it must not use {@code ctx.handle()}; it writes its result in one statement at the end,
 * keyed by the fire, so a rerun after a failover replaces rather than duplicates it.
 */
@Component
class MonthlyReportJob {
    private final JdbcTemplate jdbc;
    private final Duration crunchTime;

    MonthlyReportJob(JdbcTemplate jdbc, @Value("${billing.report.crunch-time:20s}") Duration crunchTime) {
        this.jdbc = jdbc;
        this.crunchTime = crunchTime;
    }

    @ClusteredJob(
            name = "monthly-report",
            cron = "${billing.report.cron}",
            zone = "${billing.zone}",
            mode = ExecutionMode.LEASE,
            timeout = "10m")
    void generate(JobContext ctx) throws InterruptedException {
        Thread.sleep(crunchTime.toMillis()); // aggregating a month of invoices
        String period = ctx.scheduledFireTime().toString();
        jdbc.update("DELETE FROM monthly_report WHERE period = ?", period);
        jdbc.update(
                "INSERT INTO monthly_report (period, invoices, total_cents, node_id, generated_at)"
                        + " SELECT ?, COUNT(*), COALESCE(SUM(amount_cents), 0), ?, CURRENT_TIMESTAMP FROM invoice",
                period,
                ctx.nodeId());
    }
}
