package io.lockcron.sample.billing;

import io.lockcron.job.JobContext;
import io.lockcron.spring.ClusteredJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every few seconds, settles payments with the provider. The call leaves our database, so it is
 * at-least-once; the fire's idempotency key (identical across retries and failovers) makes the
 * provider's side exactly-once, and the local record commits with the fire.
 */
@Component
class PaymentSyncJob {
    private static final Logger log = LoggerFactory.getLogger(PaymentSyncJob.class);

    private final PaymentGateway gateway;
    private final JdbcTemplate jdbc;

    PaymentSyncJob(PaymentGateway gateway, JdbcTemplate jdbc) {
        this.gateway = gateway;
        this.jdbc = jdbc;
    }

    @ClusteredJob(name = "payment-sync", fixedDelay = "${billing.payment-sync.delay}")
    void sync(JobContext ctx) {
        PaymentGateway.Settlement settlement = gateway.settle(ctx.idempotencyKey(), ctx.fencingToken());
        jdbc.update(
                "INSERT INTO payment_sync (idempotency_key, payments, replayed, node_id) VALUES (?, ?, ?, ?)",
                settlement.idempotencyKey(),
                settlement.payments(),
                settlement.replayed(),
                ctx.nodeId());
        log.debug("Settled {} payment(s) under key {}", settlement.payments(), settlement.idempotencyKey());
    }
}
