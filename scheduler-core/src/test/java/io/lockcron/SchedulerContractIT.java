package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lockcron.job.FireKind;
import io.lockcron.job.JobDefinition;
import io.lockcron.testing.DatabaseIT;
import io.lockcron.testing.Effects;
import io.lockcron.trigger.MisfirePolicy;
import io.lockcron.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The store and the fire protocol, against a real database; one thin subclass per database. */
public abstract class SchedulerContractIT extends DatabaseIT {

    List<ExecutionInfo> executions(String job) {
        List<ExecutionInfo> list = new ArrayList<>(
                client.executions(ExecutionQuery.all().job(job).page(0, 500)).items());
        list.sort(Comparator.comparing(ExecutionInfo::fireTime));
        return list;
    }

    List<String> attemptOutcomes(String job) {
        return jdbi.withHandle(h -> h.createQuery("SELECT outcome FROM fire_attempt WHERE job_name = :job ORDER BY id")
                .bind("job", job)
                .mapTo(String.class)
                .list());
    }

    JobInfo job(String name) {
        return client.job(name).orElseThrow();
    }

    @Test
    void firesOnScheduleAndCommitsTheJobsWritesWithTheExecution() {
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("tick")
                        .fixedRate(Duration.ofMillis(200))
                        .handler(Effects::inTransaction)
                        .build()));

        await().atMost(WAIT).until(() -> executions("tick").size() >= 5);
        List<ExecutionInfo> runs = executions("tick").subList(0, 5);
        assertThat(runs).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(e.attempt()).isEqualTo(1);
            assertThat(e.fireKind()).isEqualTo(FireKind.SCHEDULED);
            assertThat(e.nodeId()).isEqualTo("n1");
            assertThat(e.startedAt()).isAfterOrEqualTo(e.fireTime());
        });
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1).fireTime(), runs.get(i).fireTime()))
                    .isEqualTo(Duration.ofMillis(200));
            assertThat(runs.get(i).fencingToken()).isGreaterThan(runs.get(i - 1).fencingToken());
        }
        List<String> effectFires = effects.fires("tick", Effects.TX);
        assertThat(effectFires).doesNotHaveDuplicates();
        assertThat(effectFires)
                .containsAll(runs.stream().map(e -> e.fireTime().toString()).toList());
        JobInfo info = job("tick");
        assertThat(info.lastOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(info.nextFireTime()).isAfter(runs.get(4).fireTime());
    }

    @Test
    void aFailingJobRollsBackItsWritesAndRecordsTheError() {
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("broken")
                        .onDemand()
                        .handler(ctx -> {
                            Effects.inTransaction(ctx);
                            effects.autocommit(ctx);
                            throw new IllegalStateException("ledger is closed");
                        })
                        .build()));
        client.triggerNow("broken", "alice");

        await().atMost(WAIT)
                .until(() -> executions("broken").size() == 1
                        && executions("broken").get(0).outcome() == Outcome.FAILED);
        ExecutionInfo run = executions("broken").get(0);
        assertThat(run.error())
                .contains("IllegalStateException: ledger is closed")
                .contains("\tat ");
        assertThat(run.fireKind()).isEqualTo(FireKind.MANUAL);
        assertThat(effects.count("broken", Effects.TX)).isZero();
        assertThat(effects.count("broken", Effects.AUTO)).isEqualTo(1);
        assertThat(job("broken").triggerRequestedAt()).isNull();
        assertThat(attemptOutcomes("broken")).containsExactly("FAILED");
    }

    @Test
    void retriesWithBackoffUntilTheJobSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        List<Instant> starts = new ArrayList<>();
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("flaky")
                        .fixedRate(Duration.ofHours(1))
                        .retry(3, Duration.ofMillis(400))
                        .handler(ctx -> {
                            synchronized (starts) {
                                starts.add(Instant.now());
                            }
                            Effects.inTransaction(ctx);
                            effects.autocommit(ctx);
                            if (calls.incrementAndGet() < 3) {
                                throw new IllegalStateException("try again, attempt " + ctx.attempt());
                            }
                        })
                        .build()));

        await().atMost(WAIT)
                .until(() -> !executions("flaky").isEmpty()
                        && executions("flaky").get(0).outcome() == Outcome.SUCCEEDED);
        ExecutionInfo run = executions("flaky").get(0);
        assertThat(executions("flaky")).hasSize(1);
        assertThat(run.attempt()).isEqualTo(3);
        assertThat(run.error()).isNull();
        assertThat(attemptOutcomes("flaky")).containsExactly("FAILED", "FAILED", "COMMITTED");
        assertThat(effects.count("flaky", Effects.TX)).isEqualTo(1);
        assertThat(effects.count("flaky", Effects.AUTO)).isEqualTo(3);
        assertThat(Duration.between(starts.get(0), starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(380));
        assertThat(Duration.between(starts.get(1), starts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(780));
        assertThat(job("flaky").failedAttempts()).isZero();
    }

    @Test
    void aFireOutOfAttemptsFailsAndTheScheduleMovesOn() {
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("doomed")
                        .fixedRate(Duration.ofHours(1))
                        .retry(2, Duration.ofMillis(100))
                        .handler(ctx -> {
                            throw new IllegalStateException("always");
                        })
                        .build()));

        await().atMost(WAIT)
                .until(() -> !executions("doomed").isEmpty()
                        && executions("doomed").get(0).outcome() == Outcome.FAILED);
        ExecutionInfo run = executions("doomed").get(0);
        assertThat(run.attempt()).isEqualTo(2);
        JobInfo info = job("doomed");
        assertThat(info.nextFireTime()).isEqualTo(run.fireTime().plus(Duration.ofHours(1)));
        assertThat(info.failedAttempts()).isZero();
        assertThat(info.lastOutcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void triggerNowRunsAnOnDemandJobOnce() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("report")
                        .onDemand()
                        .handler(ctx -> runs.incrementAndGet())
                        .build()));
        Thread.sleep(800);
        assertThat(runs).hasValue(0);

        client.triggerNow("report", "alice");
        await().atMost(WAIT).until(() -> executions("report").size() == 1);
        Thread.sleep(800);
        assertThat(runs).hasValue(1);
        assertThat(executions("report").get(0).fireKind()).isEqualTo(FireKind.MANUAL);
        assertThat(job("report").triggerRequestedAt()).isNull();
        assertThatThrownBy(() -> client.triggerNow("no-such-job"))
                .isInstanceOf(UnknownJobException.class)
                .hasMessageContaining("no-such-job");
    }

    @Test
    void pauseStopsFiringOnEveryNodeAndResumeStartsAgain() throws InterruptedException {
        nodes.start("n1", List.of(tick("pausable")));
        nodes.start("n2", List.of(tick("pausable")));
        await().atMost(WAIT).until(() -> executions("pausable").size() >= 2);

        assertThat(client.pause("pausable")).isTrue();
        assertThat(client.pause("pausable")).as("already paused").isFalse();
        // A fire running at the pause finishes first; the pause applies at its end.
        await().atMost(WAIT).until(() -> client.pendingRequests("pausable").isEmpty());
        int atPause = executions("pausable").size();
        Thread.sleep(1200);
        assertThat(executions("pausable")).hasSize(atPause);
        assertThat(job("pausable").status()).isEqualTo(JobStatus.PAUSED);

        assertThat(client.resume("pausable")).isTrue();
        await().atMost(WAIT).until(() -> executions("pausable").size() > atPause);
        assertThat(client.resume("pausable"))
                .as("resuming a running job changes nothing")
                .isFalse();
        assertThat(job("pausable").status()).isEqualTo(JobStatus.IDLE);
        assertThatThrownBy(() -> client.pause("no-such-job")).isInstanceOf(UnknownJobException.class);
    }

    @Test
    void clientChangesSurviveARestartWithTheOldCodeButNotACodeChange() {
        Scheduler first = nodes.start("n1", List.of(hourly("billing", "0 0 * * * ?")));
        client.reschedule("billing", Triggers.cron("0 30 * * * ?", "Europe/Berlin"));
        client.pause("billing");
        first.stop();

        Scheduler second = nodes.start("n2", List.of(hourly("billing", "0 0 * * * ?")));
        JobInfo kept = job("billing");
        assertThat(kept.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(kept.triggerValue()).isEqualTo("0 30 * * * ?");
        assertThat(kept.zone()).isEqualTo("Europe/Berlin");
        assertThat(kept.scheduleChangedByClient()).isTrue();
        second.stop();

        nodes.start("n3", List.of(hourly("billing", "0 15 * * * ?")));
        JobInfo changed = job("billing");
        assertThat(changed.triggerValue()).isEqualTo("0 15 * * * ?");
        assertThat(changed.zone()).isEqualTo("UTC");
        assertThat(changed.scheduleChangedByClient()).isFalse();
        assertThat(changed.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(changed.nextFireTime()).isNotNull();
    }

    @Test
    void aChangedDefinitionUpdatesTheRow() {
        nodes.start("n1", List.of(hourly("sync", "0 0 * * * ?"))).stop();
        assertThat(job("sync").maxAttempts()).isEqualTo(1);

        nodes.start(
                "n2",
                List.of(JobDefinition.builder("sync")
                        .cron("0 0 * * * ?")
                        .retry(4, Duration.ofSeconds(1))
                        .handler(ctx -> {})
                        .build()));
        JobInfo info = job("sync");
        assertThat(info.maxAttempts()).isEqualTo(4);
        assertThat(info.definitionVersion()).isEqualTo(2);
    }

    @Test
    void aJobThatSwallowsAnSqlErrorIsRecordedOnceAndNotRunAgain() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("careless")
                        .onDemand()
                        .handler(ctx -> {
                            runs.incrementAndGet();
                            try {
                                ctx.handle().execute("INSERT INTO no_such_table VALUES (1)");
                            } catch (RuntimeException swallowed) {
                                // carries on; on PostgreSQL its transaction is now unusable
                            }
                        })
                        .build()));
        client.triggerNow("careless");
        await().atMost(WAIT).until(() -> executions("careless").size() == 1);
        Thread.sleep(1500);
        assertThat(runs).hasValue(1);
        ExecutionInfo run = executions("careless").get(0);
        if (run.outcome() == Outcome.FAILED) {
            assertThat(run.error()).contains("left its transaction unusable");
        } else {
            assertThat(run.outcome()).isEqualTo(Outcome.SUCCEEDED); // MySQL and H2 keep the transaction usable
        }
    }

    @Test
    void aRequestMadeWhileALeaseFireRunsIsKeptAndRunsAfterIt() {
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("lease-report")
                        .onDemand()
                        .mode(io.lockcron.job.ExecutionMode.LEASE)
                        .handler(ctx -> {
                            effects.autocommit(ctx);
                            Thread.sleep(1500);
                        })
                        .build()));
        client.triggerNow("lease-report", "alice");
        await().atMost(WAIT).until(() -> job("lease-report").status() == JobStatus.RUNNING);
        client.triggerNow("lease-report", "bob"); // the row is not locked while a lease job runs

        await().atMost(WAIT)
                .until(() -> executions("lease-report").size() == 2
                        && executions("lease-report").stream().allMatch(e -> e.outcome() == Outcome.SUCCEEDED));
        assertThat(executions("lease-report"))
                .extracting(ExecutionInfo::fireKind)
                .containsOnly(FireKind.MANUAL);
        assertThat(effects.count("lease-report", Effects.AUTO)).isEqualTo(2);
        assertThat(job("lease-report").triggerRequestedAt()).isNull();
    }

    @Test
    void aOneShotRunsOnceWithItsPayloadAndCompletes() {
        AtomicReference<String> payload = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("mail")
                        .onDemand()
                        .handler(ctx -> {
                            runs.incrementAndGet();
                            payload.set(ctx.payload().orElse(null));
                        })
                        .build()));

        String name = client.scheduleOnce("mail", "order-42", Instant.now().plusMillis(300), "{\"order\":42}");
        assertThat(name).isEqualTo("mail:order-42");
        await().atMost(WAIT).until(() -> job(name).status() == JobStatus.COMPLETED);
        assertThat(runs).hasValue(1);
        assertThat(payload).hasValue("{\"order\":42}");
        assertThat(executions(name)).hasSize(1);
        assertThat(job(name).nextFireTime()).isNull();
        assertThatThrownBy(() -> client.scheduleOnce("mail", "order-42", Instant.now(), null))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("already scheduled");
        assertThatThrownBy(() -> client.scheduleOnce("nope", "x", Instant.now(), null))
                .isInstanceOf(UnknownJobException.class);
    }

    @Test
    void fireOnceNowRunsOnlyTheLatestMissedFire() {
        Instant missed = setUpDowntime("hourly-once", MisfirePolicy.FIRE_ONCE_NOW);
        await().atMost(WAIT).until(() -> executions("hourly-once").size() == 1);
        assertThat(executions("hourly-once").get(0).fireTime()).isEqualTo(missed.plus(Duration.ofHours(2)));
        assertThat(job("hourly-once").nextFireTime()).isEqualTo(missed.plus(Duration.ofHours(3)));
    }

    @Test
    void skipDropsTheMissedFires() throws InterruptedException {
        Instant missed = setUpDowntime("hourly-skip", MisfirePolicy.SKIP);
        await().atMost(WAIT)
                .until(() -> missed.plus(Duration.ofHours(3))
                        .equals(job("hourly-skip").nextFireTime()));
        Thread.sleep(500);
        assertThat(executions("hourly-skip")).isEmpty();
    }

    @Test
    void catchUpRunsTheLatestMissedFiresUpToItsLimit() {
        JobDefinition job = JobDefinition.builder("hourly-catch-up")
                .cron("0 0 * * * ?")
                .catchUp(3)
                .handler(Effects::inTransaction)
                .build();
        nodes.start("n1", List.of(job)).stop();
        Instant fiveHoursAgo = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
        setNextFire("hourly-catch-up", fiveHoursAgo);
        nodes.start("n2", List.of(job));

        await().atMost(WAIT).until(() -> executions("hourly-catch-up").size() == 3);
        Instant lastHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        assertThat(executions("hourly-catch-up"))
                .extracting(ExecutionInfo::fireTime)
                .containsExactly(lastHour.minus(Duration.ofHours(2)), lastHour.minus(Duration.ofHours(1)), lastHour);
        assertThat(effects.count("hourly-catch-up", Effects.TX)).isEqualTo(3);
    }

    /** A fixed-rate hourly job whose next fire was 2h30m ago: three fires missed while no node ran. */
    private Instant setUpDowntime(String name, MisfirePolicy policy) {
        JobDefinition job = JobDefinition.builder(name)
                .fixedRate(Duration.ofHours(1))
                .misfire(policy)
                .handler(Effects::inTransaction)
                .build();
        nodes.start("n1", List.of(job)).stop();
        Instant missed = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(150));
        setNextFire(name, missed);
        nodes.start("n2", List.of(job));
        return missed;
    }

    private void setNextFire(String job, Instant next) {
        jdbi.useHandle(
                h -> h.createUpdate("UPDATE lock_cron SET next_fire_time = :t, due_time = :t WHERE lock_name = :job")
                        .bind("t", next)
                        .bind("job", job)
                        .execute());
        jdbi.useHandle(h -> h.execute("DELETE FROM job_execution"));
        effects.reset(); // the first node may have run a first fire before it stopped
    }

    @Test
    void theIdempotencyGuardStopsASecondExecutionOfOneFire() {
        JobDefinition job = JobDefinition.builder("guarded")
                .fixedRate(Duration.ofHours(1))
                .handler(Effects::inTransaction)
                .build();
        nodes.start("n1", List.of(job)).stop();
        Instant fire = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(1);
        setNextFire("guarded", fire);
        jdbi.useHandle(
                h -> h.createUpdate("INSERT INTO job_execution (job_name, fire_time, fire_kind, attempt, node_id,"
                                + " fencing_token, started_at, finished_at, outcome) VALUES ('guarded', :t, 'SCHEDULED', 1,"
                                + " 'elsewhere', 1, :t, :t, 'SUCCEEDED')")
                        .bind("t", fire)
                        .execute());

        nodes.start("n2", List.of(job));
        await().atMost(WAIT)
                .until(() ->
                        fire.plus(Duration.ofHours(1)).equals(job("guarded").nextFireTime()));
        assertThat(effects.count("guarded", Effects.TX)).isZero();
        assertThat(executions("guarded"))
                .singleElement()
                .extracting(ExecutionInfo::nodeId)
                .isEqualTo("elsewhere");
    }

    @Test
    void aJobPastItsTimeoutIsInterruptedAndRolledBack() {
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("slow")
                        .onDemand()
                        .timeout(Duration.ofMillis(300))
                        .handler(ctx -> {
                            Effects.inTransaction(ctx);
                            Thread.sleep(10_000);
                        })
                        .build()));
        client.triggerNow("slow");
        await().atMost(WAIT)
                .until(() -> executions("slow").size() == 1
                        && executions("slow").get(0).outcome() == Outcome.FAILED);
        assertThat(executions("slow").get(0).error()).contains("ran longer than its timeout of PT0.3S");
        assertThat(executions("slow").get(0).duration().orElseThrow()).isLessThan(Duration.ofSeconds(5));
        assertThat(effects.count("slow", Effects.TX)).isZero();
    }

    @Test
    void historyOlderThanTheRetentionIsPurgedInBatches() {
        jdbi.useHandle(h -> {
            var batch = h.prepareBatch(
                    "INSERT INTO job_execution (job_name, fire_time, fire_kind, attempt, node_id,"
                            + " fencing_token, started_at, outcome) VALUES ('old', :t, 'SCHEDULED', 1, 'n0', 1, :t, 'SUCCEEDED')");
            Instant base = Instant.now().minus(Duration.ofDays(30));
            for (int i = 0; i < 1203; i++) {
                batch.bind("t", base.plusSeconds(i)).add();
            }
            batch.execute();
        });
        nodes.start(
                "n1",
                List.of(tick("recent")),
                b -> b.historyRetention(Duration.ofDays(7)).purgeInterval(Duration.ofMillis(200)));
        await().atMost(WAIT).until(() -> executions("old").isEmpty());
        await().atMost(WAIT).until(() -> !executions("recent").isEmpty());
    }

    @Test
    void theClaimExcludesEveryOtherTransaction() throws Exception {
        nodes.start(
                        "n1",
                        List.of(JobDefinition.builder("fuzz")
                                .onDemand()
                                .handler(ctx -> {})
                                .build()))
                .stop();
        int threads = 8;
        int rounds = 60;
        int[] unsafeCounter = {0};
        AtomicInteger claims = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        var store = io.lockcron.internal.store.StoreFactory.create(admin, "");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        var pools = new ArrayList<javax.sql.DataSource>();
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        store.jdbi()
                                .useTransaction(
                                        org.jdbi.v3.core.transaction.TransactionIsolationLevel.READ_COMMITTED, h -> {
                                            if (store.jobs().tryLock(h, "fuzz").isPresent()) {
                                                int seen = unsafeCounter[0];
                                                Thread.sleep(1);
                                                unsafeCounter[0] = seen + 1;
                                                claims.incrementAndGet();
                                            } else {
                                                busy.incrementAndGet();
                                            }
                                        });
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(claims.get() + busy.get()).isEqualTo(threads * rounds);
        assertThat(unsafeCounter[0]).isEqualTo(claims.get());
        assertThat(busy).as("the threads really contended").hasPositiveValue();
    }

    @Test
    void aMissingSchemaNamesTheScriptToRun() {
        database().dropSchema(admin);
        try {
            assertThatThrownBy(() -> nodes.start("n1", List.of(tick("any"))))
                    .isInstanceOf(SchemaException.class)
                    .hasMessageContaining("sql/" + dialect() + "/schema.sql");
        } finally {
            database().installSchema(admin);
        }
    }

    @Test
    void anOlderSchemaNamesTheUpgradeScripts() {
        jdbi.useHandle(h -> h.execute("DELETE FROM lockcron_schema_version"));
        try {
            assertThatThrownBy(() -> nodes.start("n1", List.of(tick("any"))))
                    .isInstanceOf(SchemaException.class)
                    .hasMessageContaining("at version 0")
                    .hasMessageContaining("sql/" + dialect() + "/upgrade-001.sql");
        } finally {
            database().dropSchema(admin);
            database().installSchema(admin);
        }
    }

    @Test
    void nodesRegisterWithHeartbeatsAndSessionIdsAndLeaveOnStop() {
        Scheduler n1 = nodes.start("n1", List.of(tick("a")), b -> b.heartbeatInterval(Duration.ofMillis(200)));
        await().atMost(WAIT)
                .until(() -> client.nodes().size() == 1
                        && client.nodes()
                                .get(0)
                                .lastHeartbeat()
                                .isAfter(client.nodes().get(0).startedAt()));
        NodeInfo node = client.nodes().get(0);
        assertThat(node.state()).isEqualTo(NodeState.ACTIVE);
        assertThat(node.sessionId()).isNotBlank();
        assertThat(node.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(node.heartbeatAge()).isLessThan(Duration.ofSeconds(5));
        n1.stop();
        assertThat(client.nodes().get(0).state()).isEqualTo(NodeState.LEFT);
    }

    @Test
    void actionsAreAuditedAndExecutionsCountedPerMinute() {
        nodes.start("n1", List.of(tick("counted")));
        await().atMost(WAIT).until(() -> executions("counted").size() >= 3);
        client.recordAction("alice", "PAUSE", "counted", "from the console <b>");
        client.recordAction("bob", "RESUME", "counted", null);

        assertThat(client.auditLog(10))
                .extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::jobName, AuditEvent::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bob", "RESUME", "counted", null),
                        org.assertj.core.groups.Tuple.tuple("alice", "PAUSE", "counted", "from the console <b>"));
        List<ExecutionCount> counts = client.executionCounts(Instant.now().minus(Duration.ofMinutes(5)));
        long counted = counts.stream().mapToLong(ExecutionCount::count).sum();
        assertThat(counted).isGreaterThanOrEqualTo(3);
        assertThat(counts).allSatisfy(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(c.minute()).isEqualTo(c.minute().truncatedTo(ChronoUnit.MINUTES));
            assertThat(c.minute()).isBetween(Instant.now().minus(Duration.ofMinutes(2)), Instant.now());
        });
    }

    /**
     * Through a caller's FireTransactions a claim takes one fire: the drain must not take that for
     * a due list come back short, or the other fires due with it wait for the next poll (a minute).
     */
    @Test
    void firesDueTogetherInTransactionsACallerBeginsEachRunAtTheirTime() throws Exception {
        List<String> names =
                List.of("together-1", "together-2", "together-3", "together-4", "together-5", "together-6");
        try (com.zaxxer.hikari.HikariDataSource pool = database().newDataSource(8)) {
            nodes.start(
                    "n1",
                    names.stream()
                            .map(name -> JobDefinition.builder(name)
                                    .cron("* * * * * ?")
                                    .handler(Effects::inTransaction)
                                    .build())
                            .toList(),
                    b -> b.pollInterval(Duration.ofMinutes(1)).fireTransactions(jobName -> begun(pool)));

            await().atMost(Duration.ofSeconds(12))
                    .until(() ->
                            names.stream().allMatch(name -> executions(name).size() >= 5));
            for (String name : names) {
                assertThat(effects.fires(name, Effects.TX)).doesNotHaveDuplicates();
                assertThat(executions(name))
                        .allSatisfy(e -> assertThat(Duration.between(e.fireTime(), e.startedAt()))
                                .isLessThan(Duration.ofSeconds(1)));
            }
        }
    }

    private static io.lockcron.job.FireTransaction begun(javax.sql.DataSource pool) {
        try {
            java.sql.Connection c = pool.getConnection();
            c.setAutoCommit(false);
            c.setTransactionIsolation(java.sql.Connection.TRANSACTION_READ_COMMITTED);
            return new io.lockcron.job.FireTransaction() {
                @Override
                public java.sql.Connection connection() {
                    return c;
                }

                @Override
                public void commit() {
                    end(true);
                }

                @Override
                public void rollback() {
                    end(false);
                }

                private void end(boolean commit) {
                    try (c) {
                        if (commit) {
                            c.commit();
                        } else {
                            c.rollback();
                        }
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String dialect() {
        return database().name().equals("mariadb") ? "mysql" : database().name();
    }

    static JobDefinition tick(String name) {
        return JobDefinition.builder(name)
                .fixedRate(Duration.ofMillis(200))
                .handler(Effects::inTransaction)
                .build();
    }

    static JobDefinition hourly(String name, String cron) {
        return JobDefinition.builder(name).cron(cron).handler(ctx -> {}).build();
    }
}
