package io.lockcron.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.internal.store.JobStore.Locked;
import io.lockcron.schema.LockcronSchema;
import io.lockcron.testing.MariaDbTestDatabase;
import io.lockcron.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A claim reads what it needs of a job's fires on record, not the job's whole history: on MySQL
 * and MariaDB an {@code EXISTS} bounded by the row's next fire time read every execution and
 * attempt of the job, so a job that had fired every second for a day cost each of its claims
 * 86,400 index reads. Counted with the session's handler reads, around the claims themselves.
 */
class MariaDbClaimReadsIT {
    private static final TestDatabase DATABASE = MariaDbTestDatabase.named("lockcron_claim_reads");
    private static final int HISTORY = 3_000;

    private static HikariDataSource dataSource;
    private static Store store;

    @BeforeAll
    static void seed() {
        dataSource = DATABASE.newDataSource(2);
        DATABASE.checkReachable(dataSource);
        LockcronSchema.install(dataSource, "cr_");
        store = StoreFactory.create(dataSource, "cr_");
        store.jdbi().useHandle(h -> {
            for (String table : List.of("cr_job_execution", "cr_fire_attempt", "cr_lock_cron")) {
                h.execute("DELETE FROM " + table);
            }
            for (String job : List.of("long-history", "no-history", "executed-next", "attempted-next")) {
                h.execute(
                        "INSERT INTO cr_lock_cron (lock_name, handler_name, status, trigger_type, zone_id,"
                                + " misfire_policy, misfire_catch_up, execution_mode, max_attempts, retry_backoff_ms,"
                                + " next_fire_time, due_time, definition_hash, schedule_source, created_at, updated_at)"
                                + " VALUES (?, 'h', 'IDLE', 'CRON', 'UTC', 'FIRE_ONCE_NOW', 0, 'TRANSACTIONAL', 1, 0,"
                                + " UTC_TIMESTAMP(3) - INTERVAL 1 SECOND, UTC_TIMESTAMP(3) - INTERVAL 1 SECOND, 'x', 'CODE',"
                                + " UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))",
                        job);
            }
            // Fires before the next one, executed and attempted.
            var executions = h.prepareBatch("INSERT INTO cr_job_execution (job_name, fire_time, fire_kind, attempt,"
                    + " node_id, fencing_token, started_at, finished_at, outcome) SELECT lock_name,"
                    + " next_fire_time - INTERVAL :s SECOND, 'SCHEDULED', 1, 'n', 1, next_fire_time, next_fire_time,"
                    + " 'SUCCEEDED' FROM cr_lock_cron WHERE lock_name = 'long-history'");
            for (int s = 1; s <= HISTORY; s++) {
                executions.bind("s", s).add();
            }
            executions.execute();
            h.execute(
                    "INSERT INTO cr_fire_attempt (job_name, fire_time, attempt, node_id, session_id, started_at,"
                            + " outcome) SELECT job_name, fire_time, 1, 'n', '1', started_at, 'COMMITTED' FROM cr_job_execution");
            // The next fire itself on record: once executed, once attempted.
            h.execute(
                    "INSERT INTO cr_job_execution (job_name, fire_time, fire_kind, attempt, node_id, fencing_token,"
                            + " started_at, finished_at, outcome) SELECT lock_name, next_fire_time, 'SCHEDULED', 1, 'n', 1,"
                            + " next_fire_time, next_fire_time, 'SUCCEEDED' FROM cr_lock_cron WHERE lock_name = 'executed-next'");
            h.execute("INSERT INTO cr_fire_attempt (job_name, fire_time, attempt, node_id, session_id, started_at,"
                    + " outcome) SELECT lock_name, next_fire_time, 1, 'n', '1', next_fire_time, 'RUNNING'"
                    + " FROM cr_lock_cron WHERE lock_name = 'attempted-next'");
        });
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @Test
    void theDueClaimAndItsFreshReadOfAttemptsReadOneEntryPerTableAndRowNotTheJobsHistory() {
        store.jdbi().useHandle(h -> {
            h.begin();
            long before = handlerReads(h);
            List<Locked> locked =
                    store.jobs().withFiresOnRecordReadAgain(h, store.jobs().tryLockDue(h, List.of(), 10));
            long reads = handlerReads(h) - before;
            h.rollback();

            assertThat(onRecord(locked))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "long-history", false,
                            "no-history", false,
                            "executed-next", true,
                            "attempted-next", true));
            assertThat(reads)
                    .as("index reads of a claim of 4 rows, one with %d fires on record", HISTORY)
                    .isLessThan(100);
        });
    }

    @Test
    void theClaimByNameReadsOneEntryNotTheJobsHistory() {
        store.jdbi().useHandle(h -> {
            h.begin();
            long before = handlerReads(h);
            Locked locked = store.jobs().tryLock(h, "long-history").orElseThrow();
            List<Locked> again = store.jobs().withFiresOnRecordReadAgain(h, List.of(locked));
            long reads = handlerReads(h) - before;
            h.rollback();

            assertThat(again)
                    .singleElement()
                    .satisfies(l -> assertThat(l.fireOnRecord()).isFalse());
            assertThat(reads)
                    .as("index reads of the claim by name and the fresh read, %d fires on record", HISTORY)
                    .isLessThan(50);
        });
    }

    private static Map<String, Boolean> onRecord(List<Locked> locked) {
        return locked.stream().collect(Collectors.toMap(l -> l.row().name(), Locked::fireOnRecord));
    }

    /** Index entries the session's statements read after their first of each lookup, as the server counts them. */
    private static long handlerReads(Handle h) {
        // Index reads only: SHOW STATUS scans a table of its own (Handler_read_rnd_next).
        return h
                .createQuery(
                        "SHOW SESSION STATUS WHERE Variable_name IN ('Handler_read_key', 'Handler_read_next', 'Handler_read_prev')")
                .map((rs, ctx) -> rs.getLong(2))
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .sum();
    }
}
