package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.lockcron.job.FireKind;
import io.lockcron.job.FireTransactionException;
import io.lockcron.job.JobContext;
import io.lockcron.job.JobDefinition;
import io.lockcron.job.JobHandler;
import io.lockcron.testing.DatabaseIT;
import io.lockcron.testing.Effects;
import io.lockcron.testing.FireChecker;
import io.lockcron.testing.NodeMain;
import io.lockcron.testing.NodeProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When a first attempt goes on record (see FireAttempt): a short fire that never touches its
 * transaction commits with no attempt row and fencing token 0; one that writes has its attempt on
 * record before its first statement; one that asks for its token gets the record's id; one that
 * runs past the record delay is on record while it runs, with the fire's own session, so a node
 * killed then is taken over with its failover recorded. Hostile first uses of the transaction
 * still end each fire with one outcome. Judged from the tables and the jobs' own effect rows.
 */
public abstract class AttemptRecordContractIT extends DatabaseIT {
    private static final String EVERY_SECOND = "* * * * * ?";
    /** The record delay (100 ms) plus what a loaded 2-core machine adds to a timer and one INSERT. */
    private static final Duration RECORD_SLACK = Duration.ofMillis(900);
    /** FireAttempt.RECORD_AFTER_MS, less a tick of the database clock. */
    private static final Duration RECORD_AFTER = Duration.ofMillis(90);

    /** The driver's own connection type, which a job can unwrap to get past the guard. */
    protected abstract Class<?> driverConnection();

    private static JobDefinition everySecond(String name, int attempts, JobHandler body) {
        return JobDefinition.builder(name)
                .cron(EVERY_SECOND)
                .retry(attempts, Duration.ofMillis(100))
                .handler(body)
                .build();
    }

    @Test
    void shortFiresGoOnRecordOnlyWhenTheyTouchTheirTransactionOrAskForTheirToken() throws Exception {
        Map<Long, String> seenAtFirstStatement = new ConcurrentHashMap<>();
        List<String> notOnRecordAtFirstStatement = new CopyOnWriteArrayList<>();
        Map<Long, Long> tokens = new ConcurrentHashMap<>(); // first call -> second call
        List<Long> tokensNotOnRecord = new CopyOnWriteArrayList<>();
        JobDefinition quiet = everySecond("quiet", 1, effects::autocommit);
        JobDefinition writesHandle = everySecond("writes-handle", 1, ctx -> {
            effects.autocommit(ctx);
            Effects.inTransaction(ctx);
            note(ctx, seenAtFirstStatement, notOnRecordAtFirstStatement);
        });
        JobDefinition writesJdbc = everySecond("writes-jdbc", 1, ctx -> {
            effects.autocommit(ctx);
            try (PreparedStatement s = ctx.connection()
                    .prepareStatement("INSERT INTO test_effect (job_name, fire_time, node_id, kind, attempt)"
                            + " VALUES (?, ?, ?, 'TX', ?)")) {
                s.setString(1, ctx.jobName());
                s.setString(2, ctx.scheduledFireTime().toString());
                s.setString(3, ctx.nodeId());
                s.setInt(4, ctx.attempt());
                s.executeUpdate();
            }
            note(ctx, seenAtFirstStatement, notOnRecordAtFirstStatement);
        });
        JobDefinition token = everySecond("token", 1, ctx -> {
            effects.autocommit(ctx);
            long first = ctx.fencingToken();
            tokens.put(first, ctx.fencingToken());
            if (!runningAttemptIds(ctx).contains(first)) {
                tokensNotOnRecord.add(first);
            }
        });
        JobDefinition manual = JobDefinition.builder("manual-quiet")
                .onDemand()
                .handler(effects::autocommit)
                .build();
        List<JobDefinition> jobs = List.of(quiet, writesHandle, writesJdbc, token, manual);
        for (String node : List.of("r1", "r2")) {
            nodes.start(node, jobs);
        }
        client.triggerNow("manual-quiet");
        Instant started = Instant.now();
        Thread.sleep(5_000);
        Instant ended = Instant.now();
        nodes.stopAll();

        FireChecker checker = new FireChecker(jdbi, effects);
        checker.assertNoBodyRanTwice();
        List<ExecutionInfo> quietFires = executions("quiet");
        assertThat(quietFires)
                .as("fires of quiet")
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(e -> {
                    assertThat(e.outcome()).isEqualTo(Outcome.SUCCEEDED);
                    if (e.fencingToken() != 0) { // a loaded machine made it outlast the record delay
                        assertThat(e.duration().orElseThrow())
                                .as("on record: %s", e)
                                .isGreaterThanOrEqualTo(RECORD_AFTER);
                    }
                });
        List<ExecutionInfo> unrecorded =
                quietFires.stream().filter(e -> e.fencingToken() == 0).toList();
        assertThat(unrecorded).as("quiet fires with token 0").hasSizeGreaterThanOrEqualTo(2);
        assertThat(unrecorded)
                .as("no fire_attempt row for a fire that never mattered")
                .allSatisfy(
                        e -> assertThat(client.attempts("quiet", e.fireTime())).isEmpty());
        assertThat(committedAttemptsCarried("quiet")).isEqualTo(quietFires.size() - unrecorded.size());
        assertThat(attempts("quiet")).isEqualTo(quietFires.size() - unrecorded.size());
        assertThat(effects.count("quiet", Effects.AUTO)).as("one body per fire").isEqualTo(quietFires.size());
        assertThat(checker.assertEveryFireOnce(
                        "writes-handle", Duration.ofSeconds(1), started.plusSeconds(2), ended.minusSeconds(2)))
                .isGreaterThanOrEqualTo(3);
        assertThat(checker.assertEveryFireOnce(
                        "writes-jdbc", Duration.ofSeconds(1), started.plusSeconds(2), ended.minusSeconds(2)))
                .isGreaterThanOrEqualTo(3);
        assertThat(notOnRecordAtFirstStatement)
                .as("fires whose attempt was not on record at their first statement")
                .isEmpty();
        for (String job : List.of("writes-handle", "writes-jdbc")) {
            List<ExecutionInfo> fires = executions(job);
            assertThat(fires).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(Outcome.SUCCEEDED));
            assertThat(fires)
                    .as("%s: each execution carries the attempt that was on record at its first statement", job)
                    .allSatisfy(e -> assertThat(seenAtFirstStatement).containsEntry(e.fencingToken(), job));
            assertThat(committedAttemptsCarried(job))
                    .as("%s: attempts COMMITTED, one per fire", job)
                    .isEqualTo(fires.size());
        }
        List<ExecutionInfo> tokenFires = executions("token");
        assertThat(tokenFires).hasSizeGreaterThanOrEqualTo(3).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(tokens)
                    .as("the token the job was handed, twice the same")
                    .containsEntry(e.fencingToken(), e.fencingToken());
        });
        assertThat(tokensNotOnRecord)
                .as("tokens handed out before their record was visible")
                .isEmpty();
        assertThat(committedAttemptsCarried("token")).isEqualTo(tokenFires.size());
        assertThat(executions("manual-quiet")).singleElement().satisfies(e -> {
            assertThat(e.fireKind()).isEqualTo(FireKind.MANUAL);
            assertThat(e.fencingToken())
                    .as("a manual fire goes on record at its claim")
                    .isPositive();
        });
        assertThat(committedAttemptsCarried("manual-quiet")).isEqualTo(1);
        assertThat(client.failovers(10)).as("no node crashed").isEmpty();
    }

    /** After the job's first statement: its attempt, as another session sees it. */
    private void note(JobContext ctx, Map<Long, String> seen, List<String> missing) {
        List<Long> running = runningAttemptIds(ctx);
        if (running.size() == 1) {
            seen.put(running.get(0), ctx.jobName());
        } else {
            missing.add(ctx.jobName() + " " + ctx.scheduledFireTime() + ": " + running);
        }
    }

    private List<Long> runningAttemptIds(JobContext ctx) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM fire_attempt WHERE job_name = :job"
                        + " AND fire_time = :fire AND outcome = 'RUNNING' AND node_id = :node")
                .bind("job", ctx.jobName())
                .bind("fire", ctx.scheduledFireTime())
                .bind("node", ctx.nodeId())
                .mapTo(Long.class)
                .list());
    }

    @Test
    void aFireThatRunsPastTheRecordDelayIsOnRecordWithItsSessionWhileItRuns() throws Exception {
        AtomicLong bodyStarted = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Instant> fireTime =
                new java.util.concurrent.atomic.AtomicReference<>();
        Map<String, String> fireSession = new ConcurrentHashMap<>();
        JobDefinition idle = JobDefinition.builder("idle-second")
                .fixedRate(Duration.ofHours(1))
                .handler(ctx -> {
                    fireTime.set(ctx.scheduledFireTime());
                    bodyStarted.set(System.nanoTime());
                    effects.autocommit(ctx);
                    Thread.sleep(1_000);
                    fireSession.put(
                            "session",
                            ctx.handle()
                                    .createQuery(sessionSql())
                                    .mapTo(String.class)
                                    .one());
                })
                .build();
        nodes.start("r1", List.of(idle));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> bodyStarted.get() != 0);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> attempts("idle-second") > 0);
        Duration onRecordAfter = Duration.ofNanos(System.nanoTime() - bodyStarted.get());
        List<AttemptInfo> running = client.attempts("idle-second", fireTime.get());
        assertThat(running).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.RUNNING);
            assertThat(a.nodeId()).isEqualTo("r1");
            assertThat(a.sessionId()).isNotBlank();
        });
        assertThat(onRecordAfter)
                .as("on record within the record delay and slack")
                .isLessThan(RECORD_SLACK);
        assertThat(fireSession).as("the body is still idle").isEmpty();
        await().atMost(WAIT).until(() -> executions("idle-second").size() == 1);
        ExecutionInfo run = executions("idle-second").get(0);
        assertThat(run.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(client.attempts("idle-second", fireTime.get()))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.outcome()).isEqualTo(AttemptOutcome.COMMITTED);
                    assertThat(a.fencingToken()).isEqualTo(run.fencingToken());
                    assertThat(a.sessionId())
                            .as("the session that holds the fire, which fencing kills")
                            .isEqualTo(fireSession.get("session"));
                });
        System.out.printf("attempt on record %d ms after the body began%n", onRecordAfter.toMillis());
    }

    @Test
    void aNodeKilledWhileAnUntouchedFireRunsIsTakenOverWithItsFailoverRecorded() throws Exception {
        assumeFalse(database().name().equals("h2"), "H2 in memory cannot be shared with a node process");
        NodeProcess p1 = nodes.process("p1", "--idle-millis", "2000");
        await().atMost(ProcessFailoverContractIT.PROCESS_WAIT)
                .until(() -> effects.count("idle", Effects.AUTO) == 1
                        && runningAttempt("idle", "p1").isPresent());
        p1.kill(); // mid-job: its attempt went on record from the recorder, nothing of it touched the transaction

        nodes.start("n2", List.of(NodeMain.idle(effects, 0)));
        await().atMost(WAIT).until(() -> executions("idle").size() == 1);
        ExecutionInfo run = executions("idle").get(0);
        assertThat(run.nodeId()).isEqualTo("n2");
        assertThat(run.attempt()).isEqualTo(2);
        assertThat(run.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(client.failovers(10)).singleElement().satisfies(f -> {
            assertThat(f.fromNode()).isEqualTo("p1");
            assertThat(f.toNode()).isEqualTo("n2");
            assertThat(f.reason()).isEqualTo(FailoverReason.CRASH);
            assertThat(f.lostAttempt()).isEqualTo(1);
            assertThat(f.fireTime()).isEqualTo(run.fireTime());
        });
        assertThat(client.attempts("idle", run.fireTime()))
                .extracting(AttemptInfo::nodeId, AttemptInfo::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("p1", AttemptOutcome.LOST),
                        org.assertj.core.groups.Tuple.tuple("n2", AttemptOutcome.COMMITTED));
        assertThat(effects.count("idle", Effects.TX))
                .as("the taken-over fire committed once")
                .isEqualTo(1);
        assertThat(effects.count("idle", Effects.AUTO))
                .as("the body ran on both nodes")
                .isEqualTo(2);
    }

    @Test
    void hostileFirstUsesOfTheTransactionStillEndEachFireWithOneOutcome() throws Exception {
        List<JobDefinition> jobs = List.of(
                everySecond("fails-after-write", 2, ctx -> {
                    effects.autocommit(ctx);
                    Effects.inTransaction(ctx);
                    throw new IllegalStateException("after its write");
                }),
                everySecond("fails-then-writes", 2, ctx -> {
                    effects.autocommit(ctx);
                    if (ctx.attempt() == 1) {
                        throw new IllegalStateException("before touching its transaction");
                    }
                    Effects.inTransaction(ctx);
                }),
                everySecond("commits-first", 1, ctx -> {
                    effects.autocommit(ctx);
                    ctx.handle().execute("COMMIT");
                }),
                everySecond("commit-caught-first", 1, ctx -> {
                    effects.autocommit(ctx);
                    try {
                        ctx.connection().commit();
                        throw new AssertionError("commit was not refused");
                    } catch (FireTransactionException refused) {
                        Effects.inTransaction(ctx);
                    }
                }),
                everySecond("ddl-first", 1, ctx -> {
                    effects.autocommit(ctx);
                    try {
                        ctx.handle().execute("CREATE TABLE IF NOT EXISTS attempt_scratch (id INT)");
                    } catch (FireTransactionException refusedUnlessPostgres) {
                        assertThat(database().name()).isNotEqualTo("postgresql");
                    }
                    Effects.inTransaction(ctx);
                }),
                everySecond("raw-commit-first", 1, ctx -> {
                    effects.autocommit(ctx);
                    ((Connection) ctx.connection().unwrap(driverConnection())).commit();
                    Effects.inTransaction(ctx); // after its own commit: rolled back
                }),
                everySecond("swallows-first", 1, ctx -> {
                    effects.autocommit(ctx);
                    try {
                        ctx.handle().execute("INSERT INTO no_such_table VALUES (1)");
                    } catch (RuntimeException swallowed) {
                        // carries on; PostgreSQL has aborted the transaction
                    }
                    try {
                        Effects.inTransaction(ctx);
                    } catch (RuntimeException swallowed) {
                        // PostgreSQL: the transaction is aborted
                    }
                }));
        for (String node : List.of("h1", "h2")) {
            nodes.start(node, jobs);
        }
        Thread.sleep(5_000);
        nodes.stopAll();

        boolean postgres = database().name().equals("postgresql");
        assertThat(effects.duplicates(Effects.TX))
                .as("fires committed more than once")
                .isEmpty();
        assertEachFire("fails-after-write", Outcome.FAILED, 2, 0);
        assertEachFire("fails-then-writes", Outcome.SUCCEEDED, 2, 1);
        assertEachFire("commits-first", Outcome.FAILED, 1, 0);
        assertEachFire("commit-caught-first", Outcome.SUCCEEDED, 1, 1);
        // A raw commit frees the row mid-fire; recording it afresh then races the other node's claims
        // for the row, which can take seconds (and, past LostTransactionRecorder's tries, a second
        // attempt): fewer fires, each still FAILED once, its late write never committed.
        List<ExecutionInfo> rawCommits = finished("raw-commit-first");
        assertThat(rawCommits).as("finished fires of raw-commit-first").isNotEmpty();
        for (ExecutionInfo e : rawCommits) {
            String fire = e.fireTime().toString();
            assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(e.attempt()).as("raw-commit-first %s: attempts", fire).isBetween(1, 2);
            assertThat(effectsOf("raw-commit-first", fire, Effects.AUTO)).isEqualTo(e.attempt());
            assertThat(effectsOf("raw-commit-first", fire, Effects.TX)).isZero();
        }
        assertEachFire("swallows-first", postgres ? Outcome.FAILED : Outcome.SUCCEEDED, 1, postgres ? 0 : 1);
        // MariaDB and H2 refuse the DDL (it would commit); PostgreSQL runs it in the fire's transaction.
        assertEachFire("ddl-first", Outcome.SUCCEEDED, 1, 1);
        assertThat(executions("raw-commit-first"))
                .allSatisfy(e -> assertThat(e.error()).contains("ended its fire's transaction"));
        assertThat(executions("commits-first"))
                .allSatisfy(e -> assertThat(e.error()).contains("may not run 'COMMIT'"));
        assertThat(client.failovers(50)).as("no node crashed").isEmpty();
        int lost = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM fire_attempt WHERE outcome = 'LOST'")
                .mapTo(Integer.class)
                .one());
        assertThat(lost).as("no attempt lost").isZero();
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

    private int effectsOf(String job, String fire, String kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM test_effect"
                        + " WHERE job_name = :job AND fire_time = :fire AND kind = :kind")
                .bind("job", job)
                .bind("fire", fire)
                .bind("kind", kind)
                .mapTo(Integer.class)
                .one());
    }

    private List<ExecutionInfo> executions(String job) {
        return client.executions(ExecutionQuery.all().job(job).page(0, 500)).items();
    }

    private int attempts(String job) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM fire_attempt WHERE job_name = :job")
                .bind("job", job)
                .mapTo(Integer.class)
                .one());
    }

    private Optional<Long> runningAttempt(String job, String node) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM fire_attempt"
                        + " WHERE job_name = :job AND node_id = :node AND outcome = 'RUNNING'")
                .bind("job", job)
                .bind("node", node)
                .mapTo(Long.class)
                .findOne());
    }

    /** Executions of {@code job} whose token is an attempt at that very fire, closed COMMITTED. */
    private int committedAttemptsCarried(String job) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM job_execution e JOIN fire_attempt a"
                        + " ON a.id = e.fencing_token AND a.job_name = e.job_name AND a.fire_time = e.fire_time"
                        + " WHERE e.job_name = :job AND a.outcome = 'COMMITTED'")
                .bind("job", job)
                .mapTo(Integer.class)
                .one());
    }

    private String sessionSql() {
        return switch (database().name()) {
            case "postgresql" -> "SELECT CAST(pg_backend_pid() AS VARCHAR(32))";
            case "h2" -> "SELECT CAST(SESSION_ID() AS VARCHAR(32))";
            default -> "SELECT CAST(CONNECTION_ID() AS CHAR)";
        };
    }
}
