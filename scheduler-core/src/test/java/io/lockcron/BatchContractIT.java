package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockcron.job.FireTransactionException;
import io.lockcron.job.JobContext;
import io.lockcron.job.JobDefinition;
import io.lockcron.job.JobHandler;
import io.lockcron.testing.DatabaseIT;
import io.lockcron.testing.Effects;
import io.lockcron.testing.FireChecker;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Fires claimed as a batch (FireBatch): a burst of due fires on a node with few workers is claimed
 * several rows at a time and run in one transaction. Each fire still runs once and ends with one
 * outcome; a fire whose job touches its transaction runs in one of its own, after the fires before
 * it committed; failing and hostile fires among them change nothing for the others. Judged from the
 * tables and the jobs' own effect rows, seen from other sessions while the batch runs.
 */
public abstract class BatchContractIT extends DatabaseIT {
    private static final String EVERY_SECOND = "* * * * * ?";
    private static final int QUIET = 24;
    private static final int WRITERS = 8;

    /** The driver's own connection type, which a job can unwrap to get past the guard. */
    protected abstract Class<?> driverConnection();

    /** The job that ran last on this worker thread, and the fire: its successor looks it up from outside. */
    private final ThreadLocal<String[]> previous = new ThreadLocal<>();

    /** Bodies that found the fire run before them on their thread not yet committed: they shared its transaction. */
    private final AtomicInteger sharedTransaction = new AtomicInteger();

    /** Bodies that found it committed. */
    private final AtomicInteger afterCommit = new AtomicInteger();

    private static JobDefinition everySecond(String name, int attempts, JobHandler body) {
        return JobDefinition.builder(name)
                .cron(EVERY_SECOND)
                .retry(attempts, Duration.ofMillis(100))
                .handler(body)
                .build();
    }

    private List<JobDefinition> quietJobs() {
        List<JobDefinition> jobs = new ArrayList<>();
        for (int i = 0; i < QUIET; i++) {
            jobs.add(everySecond("quiet-" + i, 1, ctx -> {
                effects.autocommit(ctx);
                notePrevious(ctx);
            }));
        }
        return jobs;
    }

    /** Whether the fire run before this one on its thread is committed, as another session sees it. */
    private boolean notePrevious(JobContext ctx) {
        String[] before = previous.get();
        previous.set(new String[] {ctx.jobName(), ctx.scheduledFireTime().toString()});
        if (before == null) {
            return true;
        }
        boolean committed = executionsOf(before[0], before[1]) > 0;
        (committed ? afterCommit : sharedTransaction).incrementAndGet();
        return committed;
    }

    @Test
    void aBurstOfDueFiresSharesTransactionsAndEachFireRunsOnce() throws Exception {
        List<JobDefinition> jobs = quietJobs();
        for (String node : List.of("b1", "b2")) {
            nodes.start(node, jobs, b -> b.workerThreads(1));
        }
        Instant started = Instant.now();
        Thread.sleep(5_000);
        Instant ended = Instant.now();
        nodes.stopAll();

        new FireChecker(jdbi, effects).assertNoBodyRanTwice();
        for (JobDefinition job : jobs) {
            assertEveryFireOnceWithoutTransaction(job.name(), started, ended);
        }
        assertThat(sharedTransaction.get())
                .as("bodies that ran while the fire before them on their thread was not committed yet")
                .isGreaterThan(QUIET);
        assertThat(client.failovers(10)).as("no node crashed").isEmpty();
    }

    @Test
    void aFireThatTouchesItsTransactionRunsInOneOfItsOwnAfterTheFiresBeforeItCommitted() throws Exception {
        List<String> uncommittedBeforeFirstStatement = new CopyOnWriteArrayList<>();
        List<String> notOnRecordAtFirstStatement = new CopyOnWriteArrayList<>();
        List<JobDefinition> jobs = new ArrayList<>(quietJobs());
        for (int i = 0; i < WRITERS; i++) {
            jobs.add(3 * i, everySecond("writer-" + i, 1, ctx -> {
                effects.autocommit(ctx);
                String[] before = previous.get();
                notePrevious(ctx);
                Effects.inTransaction(ctx); // its first use: the fires before it commit first
                if (before != null && executionsOf(before[0], before[1]) == 0) {
                    uncommittedBeforeFirstStatement.add(ctx.jobName() + " after " + String.join(" ", before));
                }
                if (runningAttempts(ctx) != 1) {
                    notOnRecordAtFirstStatement.add(ctx.jobName() + " " + ctx.scheduledFireTime());
                }
            }));
        }
        // Two nodes: while a writer's batch commits and its row is free, the other node may claim it.
        for (String node : List.of("w1", "w2")) {
            nodes.start(node, jobs, b -> b.workerThreads(1));
        }
        Instant started = Instant.now();
        Thread.sleep(5_000);
        Instant ended = Instant.now();
        nodes.stopAll();

        FireChecker checker = new FireChecker(jdbi, effects);
        checker.assertNoBodyRanTwice();
        for (int i = 0; i < WRITERS; i++) {
            checker.assertEveryFireOnce(
                    "writer-" + i, Duration.ofSeconds(1), started.plusSeconds(3), ended.minusSeconds(3));
            assertThat(executions("writer-" + i))
                    .allSatisfy(e ->
                            assertThat(e.fencingToken()).as("token of %s", e).isPositive());
        }
        for (JobDefinition job : jobs) {
            if (job.name().startsWith("quiet")) {
                assertEveryFireOnceWithoutTransaction(job.name(), started, ended);
            }
        }
        assertThat(uncommittedBeforeFirstStatement)
                .as("writers whose first statement ran while the fire before them was uncommitted")
                .isEmpty();
        assertThat(notOnRecordAtFirstStatement)
                .as("writers whose attempt was not on record at their first statement")
                .isEmpty();
        assertThat(sharedTransaction.get())
                .as("quiet fires that shared a transaction (writers end batches early)")
                .isGreaterThan(QUIET / 2);
        assertThat(client.failovers(50))
                .as("no attempt taken over while its fire locked its row again")
                .isEmpty();
    }

    @Test
    void failingAndHostileFiresInABatchEndWithOneOutcomeEachAndLeaveTheOthersAlone() throws Exception {
        List<JobDefinition> jobs = new ArrayList<>(quietJobs());
        jobs.add(3, everySecond("fails", 2, ctx -> {
            effects.autocommit(ctx);
            notePrevious(ctx);
            throw new IllegalStateException("fails, as planned: ünïcödé");
        }));
        jobs.add(9, everySecond("commits-sql", 1, ctx -> {
            effects.autocommit(ctx);
            ctx.handle().execute("COMMIT");
        }));
        jobs.add(15, everySecond("raw-commit", 1, ctx -> {
            effects.autocommit(ctx);
            ((Connection) ctx.connection().unwrap(driverConnection())).commit();
            Effects.inTransaction(ctx); // after its own commit: rolled back
        }));
        jobs.add(20, everySecond("commit-caught", 1, ctx -> {
            effects.autocommit(ctx);
            try {
                ctx.connection().commit();
                throw new AssertionError("commit was not refused");
            } catch (FireTransactionException refused) {
                Effects.inTransaction(ctx);
            }
        }));
        nodes.start("h1", jobs, b -> b.workerThreads(1));
        Instant started = Instant.now();
        Thread.sleep(5_000);
        Instant ended = Instant.now();
        nodes.stopAll();

        assertThat(effects.duplicates(Effects.TX))
                .as("fires committed more than once")
                .isEmpty();
        for (JobDefinition job : jobs) {
            if (job.name().startsWith("quiet")) {
                assertEveryFireOnceWithoutTransaction(job.name(), started, ended);
            }
        }
        assertEachFire("fails", Outcome.FAILED, 2, 0);
        assertEachFire("commits-sql", Outcome.FAILED, 1, 0);
        assertEachFire("commit-caught", Outcome.SUCCEEDED, 1, 1);
        List<ExecutionInfo> rawCommits = finished("raw-commit");
        assertThat(rawCommits).as("finished fires of raw-commit").isNotEmpty();
        for (ExecutionInfo e : rawCommits) {
            String fire = e.fireTime().toString();
            assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(e.error()).contains("ended its fire's transaction");
            assertThat(e.attempt()).as("raw-commit %s: attempts", fire).isBetween(1, 2);
            assertThat(effectsOf("raw-commit", fire, Effects.AUTO)).isEqualTo(e.attempt());
            assertThat(effectsOf("raw-commit", fire, Effects.TX)).isZero();
        }
        assertThat(executions("fails")).allSatisfy(e -> assertThat(e.error()).contains("fails, as planned"));
        // Each hostile fire ends the batch it is in and costs its node time: over 5 s, 21 to 53 quiet
        // fires shared a transaction in runs here (before and after batches took misfires in).
        assertThat(sharedTransaction.get())
                .as("quiet fires that shared a transaction")
                .isGreaterThan(QUIET / 2);
        assertThat(client.failovers(50)).as("no node crashed").isEmpty();
    }

    @Test
    void firesThatFellBehindTheMisfireThresholdCatchUpInSharedTransactionsEachOnce() throws Exception {
        // One worker, held 2.5 s every 4 s by a slow job: meanwhile the quiet jobs fall more than the
        // 1 s misfire threshold behind, and FIRE_ONCE_NOW folds their missed fires into one each.
        Map<String, Instant> lastFire = new ConcurrentHashMap<>();
        AtomicInteger misfires = new AtomicInteger();
        AtomicInteger misfiresShared = new AtomicInteger();
        List<JobDefinition> jobs = new ArrayList<>();
        for (int i = 0; i < QUIET; i++) {
            jobs.add(everySecond("late-" + i, 1, ctx -> {
                effects.autocommit(ctx);
                Instant before = lastFire.put(ctx.jobName(), ctx.scheduledFireTime());
                boolean previousCommitted = notePrevious(ctx);
                if (before != null
                        && Duration.between(before, ctx.scheduledFireTime()).getSeconds() > 1) {
                    misfires.incrementAndGet();
                    if (!previousCommitted) {
                        misfiresShared.incrementAndGet();
                    }
                }
            }));
        }
        jobs.add(JobDefinition.builder("slow")
                .cron("*/4 * * * * ?")
                .handler(ctx -> Thread.sleep(2_500))
                .build());
        nodes.start("m1", jobs, b -> b.workerThreads(1).misfireThreshold(Duration.ofSeconds(1)));
        Thread.sleep(10_000);
        nodes.stopAll();

        new FireChecker(jdbi, effects).assertNoBodyRanTwice();
        for (int i = 0; i < QUIET; i++) {
            String job = "late-" + i;
            List<ExecutionInfo> fires = executions(job);
            assertThat(fires.stream().map(ExecutionInfo::fireTime).toList())
                    .as("fires of %s", job)
                    .doesNotHaveDuplicates()
                    .hasSizeGreaterThanOrEqualTo(3);
            assertThat(fires)
                    .allSatisfy(e -> assertThat(e.outcome()).as("%s", e).isEqualTo(Outcome.SUCCEEDED));
            assertThat(effects.count(job, Effects.AUTO)).as("bodies of %s", job).isEqualTo(fires.size());
        }
        assertThat(misfires.get()).as("fires run in place of missed ones").isGreaterThanOrEqualTo(QUIET);
        assertThat(misfiresShared.get())
                .as("of those, fires run while the fire before them on the worker was not committed yet")
                .isGreaterThan(QUIET / 2);
        assertThat(client.failovers(10)).as("no node crashed").isEmpty();
    }

    /** Every second from before the window to after it, each fire once, SUCCEEDED, with one body. */
    private void assertEveryFireOnceWithoutTransaction(String job, Instant start, Instant end) {
        List<ExecutionInfo> fires = executions(job);
        List<Instant> times =
                fires.stream().map(ExecutionInfo::fireTime).sorted().toList();
        assertThat(times).as("fires of %s", job).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i)))
                    .as("gap in the fires of %s after %s", job, times.get(i - 1))
                    .isEqualTo(Duration.ofSeconds(1));
        }
        assertThat(times.get(0)).as("first fire of %s", job).isBefore(start.plusSeconds(2));
        assertThat(times.get(times.size() - 1)).as("last fire of %s", job).isAfter(end.minusSeconds(2));
        assertThat(fires).allSatisfy(e -> assertThat(e.outcome()).as("%s", e).isEqualTo(Outcome.SUCCEEDED));
        assertThat(effects.count(job, Effects.AUTO)).as("bodies of %s", job).isEqualTo(fires.size());
    }

    /** Every finished fire of {@code job}: {@code outcome} after {@code attempts}, bodies and effects to match. */
    private void assertEachFire(String job, Outcome outcome, int attempts, int txEffects) {
        List<ExecutionInfo> fires = finished(job);
        assertThat(fires).as("finished fires of %s", job).hasSizeGreaterThanOrEqualTo(2);
        for (ExecutionInfo e : fires) {
            String fire = e.fireTime().toString();
            assertThat(e.outcome()).as("%s %s: %s", job, fire, e.error()).isEqualTo(outcome);
            assertThat(e.attempt()).as("%s %s: attempts", job, fire).isEqualTo(attempts);
            assertThat(effectsOf(job, fire, Effects.AUTO))
                    .as("%s %s: bodies", job, fire)
                    .isEqualTo(attempts);
            assertThat(effectsOf(job, fire, Effects.TX))
                    .as("%s %s: committed effects", job, fire)
                    .isEqualTo(txEffects);
        }
    }

    private List<ExecutionInfo> finished(String job) {
        return executions(job).stream()
                .filter(e -> e.outcome() != Outcome.RUNNING && e.outcome() != Outcome.RETRYING)
                .toList();
    }

    private List<ExecutionInfo> executions(String job) {
        return client.executions(ExecutionQuery.all().job(job).page(0, 500)).items();
    }

    private int executionsOf(String job, String fireTime) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT COUNT(*) FROM job_execution WHERE job_name = :job AND fire_time = :fire")
                        .bind("job", job)
                        .bind("fire", Instant.parse(fireTime))
                        .mapTo(Integer.class)
                        .one());
    }

    private int runningAttempts(JobContext ctx) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM fire_attempt WHERE job_name = :job"
                        + " AND fire_time = :fire AND outcome = 'RUNNING' AND node_id = :node")
                .bind("job", ctx.jobName())
                .bind("fire", ctx.scheduledFireTime())
                .bind("node", ctx.nodeId())
                .mapTo(Integer.class)
                .one());
    }

    private int effectsOf(String job, String fire, String kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM test_effect"
                        + " WHERE job_name = :job AND fire_time = :fire AND kind = :kind")
                .bind("job", job)
                .bind("fire", fire)
                .bind("kind", kind)
                .mapTo(Integer.class)
                .one());
    }
}
