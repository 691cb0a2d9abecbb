package io.lockcron.sample.billing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stands in for the payment provider's HTTP API. It keeps its own records (table
 * {@code gateway_settlement}) in a transaction of its own — {@code REQUIRES_NEW}, as a remote
 * system would — so they stay even if the calling fire rolls back, and it deduplicates by
 * idempotency key as real providers do.
 */
@Component
class FakePaymentGateway implements PaymentGateway {
    private final JdbcTemplate jdbc;

    FakePaymentGateway(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Settlement settle(String idempotencyKey, long fencingToken) {
        List<Integer> earlier = jdbc.queryForList(
                "SELECT payments FROM gateway_settlement WHERE idempotency_key = ?", Integer.class, idempotencyKey);
        if (!earlier.isEmpty()) {
            return new Settlement(idempotencyKey, earlier.get(0), true);
        }
        int payments = ThreadLocalRandom.current().nextInt(1, 20);
        jdbc.update(
                "INSERT INTO gateway_settlement (idempotency_key, fencing_token, payments, received_at)"
                        + " VALUES (?, ?, ?, CURRENT_TIMESTAMP)",
                idempotencyKey,
                fencingToken,
                payments);
        return new Settlement(idempotencyKey, payments, false);
    }
}
