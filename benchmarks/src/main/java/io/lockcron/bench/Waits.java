package io.lockcron.bench;

import java.time.Duration;

/** A bounded wait for a condition. */
final class Waits {
    private Waits() {}

    interface Check {
        boolean ok() throws Exception;
    }

    static void until(String what, Duration timeout, Check check) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
