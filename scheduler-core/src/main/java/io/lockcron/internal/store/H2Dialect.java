package io.lockcron.internal.store;

/**
 * H2 2.x, the embedded default. Its CURRENT_TIMESTAMP stays fixed for a transaction, which is
 * why finish times are computed from the claim's database time plus elapsed time, on every
 * dialect alike.
 */
final class H2Dialect implements Dialect {
    @Override
    public String name() {
        return "h2";
    }

    @Override
    public String now() {
        return "CAST(CURRENT_TIMESTAMP(3) AT TIME ZONE 'UTC' AS TIMESTAMP(3))";
    }

    @Override
    public String sessionId() {
        return "CAST(SESSION_ID() AS VARCHAR(32))";
    }
}
