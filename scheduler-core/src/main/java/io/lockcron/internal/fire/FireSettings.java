package io.lockcron.internal.fire;

import java.time.Duration;

/**
 * @param misfireThreshold how late a fire may be and still run as itself
 * @param leaseDuration how long a lease-mode claim lasts unless renewed (renewed every third of it)
 * @param idleLimit how long the server lets a fire's session sit idle in its transaction
 */
public record FireSettings(Duration misfireThreshold, Duration leaseDuration, Duration idleLimit) {}
