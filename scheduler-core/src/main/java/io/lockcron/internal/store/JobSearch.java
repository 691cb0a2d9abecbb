package io.lockcron.internal.store;

import io.lockcron.JobInfo;
import io.lockcron.JobQuery;
import io.lockcron.JobStatus;
import io.lockcron.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code lock_cron} searched and paged: by part of the name, status, trigger type and last outcome. */
final class JobSearch {
    /** A running transactional job keeps its status IDLE: a node's open attempt is what says it runs. */
    private static final String RUNNING = "(j.status = 'RUNNING' OR j.running_on IS NOT NULL)";

    private final Store store;

    JobSearch(Store store) {
        this.store = store;
    }

    Page<JobInfo> search(JobQuery q) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        if (q.name() != null && !q.name().isBlank()) {
            // '!' escapes LIKE's wildcards the same way on every dialect: a '%' searched for is a '%'.
            conditions.add("LOWER(j.lock_name) LIKE :name ESCAPE '!'");
            values.put("name", "%" + escape(q.name().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (q.status() == JobStatus.RUNNING) {
            conditions.add(RUNNING);
        } else if (q.status() != null) {
            conditions.add("j.status = :status AND NOT " + RUNNING);
            values.put("status", q.status().name());
        }
        if (q.triggerType() != null) {
            conditions.add("j.trigger_type = :triggerType");
            values.put("triggerType", q.triggerType().name());
        }
        if (q.lastOutcome() != null) {
            conditions.add("j.last_outcome = :lastOutcome");
            values.put("lastOutcome", q.lastOutcome().name());
        }
        String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
        return store.jdbi().withHandle(h -> {
            long total = store.query(h, "count-jobs")
                    .define("where", where)
                    .bindMap(values)
                    .mapTo(Long.class)
                    .one();
            List<JobInfo> items = store.query(h, "search-jobs")
                    .define("where", where)
                    .bindMap(values)
                    .bind("limit", q.size())
                    .bind("offset", q.page() * q.size())
                    .map((rs, ctx) -> JdbiSchedulerClient.info(Rows.job(rs), rs.getString("running_on")))
                    .list();
            return new Page<>(items, q.page(), q.size(), total);
        });
    }

    private static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
