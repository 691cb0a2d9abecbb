package io.lockcron;

import java.time.Instant;

/** How many executions started in one minute (database time) ended with one outcome. */
public record ExecutionCount(Instant minute, Outcome outcome, long count) {}
