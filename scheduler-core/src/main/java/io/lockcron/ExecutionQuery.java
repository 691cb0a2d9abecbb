package io.lockcron;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Filters and paging for {@link SchedulerClient#executions}; newest first. Null filters match all. */
public record ExecutionQuery(
        @Nullable String job,
        @Nullable String node,
        @Nullable Outcome outcome,
        @Nullable Instant from,
        @Nullable Instant to,
        int page,
        int size) {

    public static final int MAX_PAGE_SIZE = 500;

    public ExecutionQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE_SIZE + ", was " + size);
        }
    }

    public static ExecutionQuery all() {
        return new ExecutionQuery(null, null, null, null, null, 0, 50);
    }

    public ExecutionQuery job(@Nullable String job) {
        return new ExecutionQuery(job, node, outcome, from, to, page, size);
    }

    public ExecutionQuery node(@Nullable String node) {
        return new ExecutionQuery(job, node, outcome, from, to, page, size);
    }

    public ExecutionQuery outcome(@Nullable Outcome outcome) {
        return new ExecutionQuery(job, node, outcome, from, to, page, size);
    }

    /** Executions whose fire time is in [from, to). */
    public ExecutionQuery between(@Nullable Instant from, @Nullable Instant to) {
        return new ExecutionQuery(job, node, outcome, from, to, page, size);
    }

    public ExecutionQuery page(int page, int size) {
        return new ExecutionQuery(job, node, outcome, from, to, page, size);
    }
}
