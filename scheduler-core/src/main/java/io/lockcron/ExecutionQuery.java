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
    /** How deep paging may go: the database still reads and skips every row before the offset. */
    public static final long MAX_OFFSET = 100_000;

    public ExecutionQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE_SIZE + ", was " + size);
        }
        if ((long) page * size > MAX_OFFSET) {
            throw new IllegalArgumentException("page " + page + " of size " + size + " starts beyond the first "
                    + MAX_OFFSET + " executions; narrow the search with a job, node, outcome or time range instead.");
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
