package io.lockcron.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The {@code job_registration} table: which jobs each node's code declared at its last start.
 * The client deletes a job only when no live node registers it, since that node's code would
 * register it again.
 */
public final class RegistrationStore {
    /**
     * How recently a node must have been heard from to count as live. Well above any heartbeat
     * interval: refusing a delete of a job whose node just died costs a minute; deleting a job a
     * live node still runs would bring it back at that node's next start.
     */
    public static final Duration LIVE_WINDOW = Duration.ofMinutes(1);

    private final Store store;

    RegistrationStore(Store store) {
        this.store = store;
    }

    /** Replaces the node's registrations with {@code jobs}. */
    public void record(String node, List<String> jobs) {
        store.jdbi().useTransaction(h -> {
            store.update(h, "clear-registrations").bind("node", node).execute();
            var batch = h.prepareBatch(store.sql("insert-registration"));
            for (String job : jobs) {
                batch.bind("node", node).bind("job", job).add();
            }
            if (!jobs.isEmpty()) {
                batch.execute();
            }
        });
    }

    /** Live nodes that register {@code job}, by id. */
    List<String> liveRegistrants(Handle h, String job, Instant now) {
        return store.query(h, "live-registrants")
                .bind("job", job)
                .bind("since", now.minus(LIVE_WINDOW))
                .mapTo(String.class)
                .list();
    }
}
