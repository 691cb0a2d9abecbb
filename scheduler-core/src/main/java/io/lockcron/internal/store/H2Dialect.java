package io.lockcron.internal.store;

import org.jspecify.annotations.Nullable;

/**
 * H2 2.x, the embedded default. Casting a time-zoned timestamp to TIMESTAMP converts it to the
 * JVM's zone in H2, so UTC is built from the epoch instead. Its CURRENT_TIMESTAMP stays fixed for
 * a transaction, which is why finish times are computed from the claim's database time plus
 * elapsed time, on every dialect alike.
 */
final class H2Dialect implements Dialect {
    @Override
    public String name() {
        return "h2";
    }

    @Override
    public String now() {
        return "DATEADD(MILLISECOND, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP(3)) * 1000 AS BIGINT),"
                + " TIMESTAMP '1970-01-01 00:00:00')";
    }

    @Override
    public String killSession() {
        return "CALL ABORT_SESSION(<session>)";
    }

    /** H2 has no idle-in-transaction limit; embedded, its sessions end with the process anyway. */
    @Override
    public @Nullable String idleLimit(long seconds) {
        return null;
    }

    @Override
    public String sessionId() {
        return "CAST(SESSION_ID() AS VARCHAR(32))";
    }
}
