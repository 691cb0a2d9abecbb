package io.lockcron;

import io.lockcron.trigger.TriggerType;
import org.jspecify.annotations.Nullable;

/**
 * Search and paging for {@link SchedulerClient#jobs(JobQuery)}, ordered by name. Null filters
 * match all. {@code name} matches any part of the name, ignoring case; {@code status}
 * {@link JobStatus#RUNNING} also matches a transactional job that a node is running now.
 */
public record JobQuery(
        @Nullable String name,
        @Nullable JobStatus status,
        @Nullable TriggerType triggerType,
        @Nullable Outcome lastOutcome,
        int page,
        int size) {

    public static final int MAX_PAGE_SIZE = 500;
    public static final int MAX_NAME_LENGTH = 190;
    /** How deep paging may go: the database still reads and skips every row before the offset. */
    public static final long MAX_OFFSET = 100_000;

    public JobQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE_SIZE + ", was " + size);
        }
        if ((long) page * size > MAX_OFFSET) {
            throw new IllegalArgumentException("page " + page + " of size " + size + " starts beyond the first "
                    + MAX_OFFSET + " jobs; narrow the search by name, status, trigger type or last outcome instead.");
        }
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the name searched for is " + name.length()
                    + " characters long; job names have at most " + MAX_NAME_LENGTH + ".");
        }
    }

    public static JobQuery all() {
        return new JobQuery(null, null, null, null, 0, 50);
    }

    public JobQuery name(@Nullable String name) {
        return new JobQuery(name, status, triggerType, lastOutcome, page, size);
    }

    public JobQuery status(@Nullable JobStatus status) {
        return new JobQuery(name, status, triggerType, lastOutcome, page, size);
    }

    public JobQuery triggerType(@Nullable TriggerType triggerType) {
        return new JobQuery(name, status, triggerType, lastOutcome, page, size);
    }

    public JobQuery lastOutcome(@Nullable Outcome lastOutcome) {
        return new JobQuery(name, status, triggerType, lastOutcome, page, size);
    }

    public JobQuery page(int page, int size) {
        return new JobQuery(name, status, triggerType, lastOutcome, page, size);
    }
}
