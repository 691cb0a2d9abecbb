package io.lockcron;

import java.time.Instant;

/** One expected fire without a successful execution, and why. */
public record PromiseGap(Instant fireTime, GapReason reason) {}
