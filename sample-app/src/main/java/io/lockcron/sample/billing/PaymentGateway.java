package io.lockcron.sample.billing;

/**
 * The payment provider, outside our database. Its calls cannot roll back with a fire, so they
 * carry the fire's idempotency key: a retried or failed-over fire repeats the call, and the
 * provider answers it without settling twice.
 */
interface PaymentGateway {

    /** Settles the day's card payments; the same key always gets the first call's answer. */
    Settlement settle(String idempotencyKey, long fencingToken);

    record Settlement(String idempotencyKey, int payments, boolean replayed) {}
}
