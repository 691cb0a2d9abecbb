package io.lockcron.sample.billing;

import io.lockcron.job.JobContext;
import io.lockcron.spring.ClusteredJob;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Bills every customer once per billing run: an invoice row, and the customer's balance raised by
 * the plan's fee. Raising a balance is not idempotent — run twice, it bills twice — which is why
 * this job is transactional: its JdbcTemplate writes commit together with lockcron's execution
 * record, exactly once per fire. If its node dies mid-run, nothing of the run lands and another
 * node bills the same run again, from the start.
 */
@Component
class InvoicingJob {
    private final JdbcTemplate jdbc;
    private final Duration renderTime;

    InvoicingJob(JdbcTemplate jdbc, @Value("${billing.invoicing.render-time:1500ms}") Duration renderTime) {
        this.jdbc = jdbc;
        this.renderTime = renderTime;
    }

    @ClusteredJob(name = "invoicing", cron = "${billing.invoicing.cron}", zone = "${billing.zone}")
    void billDueCustomers(JobContext ctx) throws InterruptedException {
        String period = ctx.scheduledFireTime().toString();
        List<Customer> customers = jdbc.query(
                "SELECT id, plan_cents FROM customer ORDER BY id",
                (rs, i) -> new Customer(rs.getLong(1), rs.getLong(2)));
        for (Customer customer : customers) {
            jdbc.update(
                    "INSERT INTO invoice (customer_id, period, amount_cents, node_id, created_at)"
                            + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)",
                    customer.id(),
                    period,
                    customer.planCents(),
                    ctx.nodeId());
            jdbc.update(
                    "UPDATE customer SET balance_cents = balance_cents + ? WHERE id = ?",
                    customer.planCents(),
                    customer.id());
            Thread.sleep(renderTime.toMillis()); // rendering and storing the PDF
        }
    }

    private record Customer(long id, long planCents) {}
}
