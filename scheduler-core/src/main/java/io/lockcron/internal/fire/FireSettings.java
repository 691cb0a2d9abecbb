package io.lockcron.internal.fire;

import io.lockcron.job.FireTransactions;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * @param misfireThreshold how late a fire may be and still run as itself
 * @param leaseDuration how long a lease-mode claim lasts unless renewed (renewed every third of it)
 * @param idleLimit how long the server lets a fire's session sit idle in its transaction
 * @param transactions who begins the fires' transactions; null: lockcron, on its own connections
 */
public record FireSettings(
        Duration misfireThreshold,
        Duration leaseDuration,
        Duration idleLimit,
        @Nullable FireTransactions transactions) {}
