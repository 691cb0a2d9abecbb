package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lockcron.job.JobDefinition;
import io.lockcron.testing.DatabaseIT;
import io.lockcron.trigger.TriggerType;
import io.lockcron.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link JobActions}: rerun, cancel, delete, search, purge of one-shots, each audited with its change. */
public abstract class JobActionsContractIT extends DatabaseIT {

    private List<AuditEvent> audit(String action) {
        return client.auditLog(500).stream()
                .filter(e -> e.action().equals(action))
                .toList();
    }

    private List<Map<String, Object>> attempts(String job) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT attempt, node_id, outcome, error FROM fire_attempt WHERE job_name = :job ORDER BY id")
                .bind("job", job)
                .mapToMap()
                .list());
    }

    private ExecutionInfo onlyExecution(String job) {
        List<ExecutionInfo> all =
                client.executions(ExecutionQuery.all().job(job)).items();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void aFailedFireIsRerunAsItselfWithTheNextAttemptAndEachAttemptKeepsItsError() {
        AtomicInteger calls = new AtomicInteger();
        List<String> keys = new CopyOnWriteArrayList<>();
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("ledger")
                        .fixedRate(Duration.ofHours(1))
                        .handler(ctx -> {
                            keys.add(ctx.idempotencyKey() + "#" + ctx.attempt());
                            if (calls.incrementAndGet() == 1) {
                                throw new IllegalStateException("ledger is closed");
                            }
                        })
                        .build()));
        await().atMost(WAIT)
                .until(() -> client.executions(ExecutionQuery.all().job("ledger")).items().stream()
                        .anyMatch(e -> e.outcome() == Outcome.FAILED));
        ExecutionInfo failed = onlyExecution("ledger");

        client.actingAs("ana", "from a test").rerun("ledger", failed.fireTime());

        await().atMost(WAIT).until(() -> onlyExecution("ledger").outcome() == Outcome.SUCCEEDED);
        ExecutionInfo rerun = onlyExecution("ledger");
        assertThat(rerun.fireTime()).isEqualTo(failed.fireTime());
        assertThat(rerun.attempt()).isEqualTo(2);
        assertThat(rerun.fencingToken()).isGreaterThan(failed.fencingToken());
        assertThat(rerun.fireKind()).isEqualTo(failed.fireKind());
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).replace("#1", "")).isEqualTo(keys.get(1).replace("#2", ""));
        List<Map<String, Object>> attempts = attempts("ledger");
        assertThat(attempts).extracting(a -> a.get("outcome")).containsExactly("FAILED", "COMMITTED");
        assertThat(String.valueOf(attempts.get(0).get("error"))).contains("ledger is closed");
        assertThat(attempts.get(1).get("error")).isNull();
        assertThat(audit("RERUN")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("ana");
            assertThat(e.jobName()).isEqualTo("ledger");
            assertThat(e.detail())
                    .contains(failed.fireTime().toString())
                    .contains("attempt 2")
                    .endsWith("from a test");
        });
        assertThat(client.job("ledger").orElseThrow().triggerRequestedAt()).isNull();
        List<AttemptInfo> both = client.attempts("ledger", failed.fireTime());
        assertThat(both).extracting(AttemptInfo::attempt).containsExactly(1, 2);
        assertThat(both.get(0).error()).contains("ledger is closed");
        assertThat(both.get(1).fencingToken()).isEqualTo(rerun.fencingToken());
        assertThat(both).allSatisfy(a -> assertThat(a.nodeId()).isEqualTo("n1"));
        assertThat(client.failedAttempts(failed.fireTime().minusSeconds(60))).isEqualTo(1);
        assertThat(client.payload("ledger")).isEmpty();

        assertThatThrownBy(() -> client.actingAs("ana", null).rerun("ledger", failed.fireTime()))
                .isInstanceOf(LockcronException.class)
                .hasMessageContaining("is SUCCEEDED; only a FAILED fire can be rerun");
        assertThatThrownBy(() -> client.actingAs("ana", null)
                        .rerun("ledger", failed.fireTime().minusSeconds(60)))
                .hasMessageContaining("has no execution of the fire at");
        assertThatThrownBy(() -> client.actingAs("ana", null).rerun("no-such-job", failed.fireTime()))
                .isInstanceOf(UnknownJobException.class);
        assertThat(audit("RERUN")).hasSize(1);
    }

    @Test
    void anOversizedPayloadIsRefusedWithTheLimitAndNothingIsScheduled() {
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("mailer")
                        .onDemand()
                        .handler(ctx -> {})
                        .build()));
        Instant later = Instant.now().plus(Duration.ofDays(1));
        String fits = "<b>" + "x".repeat(3993) + "</b>";
        String entry = client.scheduleOnce("mailer", "fits", later, fits);
        assertThat(client.payload(entry)).contains(fits);

        assertThatThrownBy(() -> client.scheduleOnce("mailer", "huge", later, "y".repeat(1_000_000)))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("'mailer:huge'")
                .hasMessageContaining("1000000 characters")
                .hasMessageContaining("at most 4000");
        assertThat(client.job("mailer:huge")).isEmpty();
    }

    @Test
    void aPendingOneShotEntryIsCancelledButNotOneDeclaredInCode() {
        nodes.start(
                "n1",
                List.of(
                        JobDefinition.builder("mailer")
                                .onDemand()
                                .handler(ctx -> {})
                                .build(),
                        JobDefinition.builder("launch")
                                .trigger(Triggers.oneShot(Instant.now().plus(Duration.ofDays(1))))
                                .handler(ctx -> {})
                                .build()));
        String entry = client.scheduleOnce("mailer", "welcome-42", Instant.now().plus(Duration.ofDays(1)), "{}");

        client.actingAs("ana", null).cancel(entry);

        assertThat(client.job(entry)).isEmpty();
        assertThat(audit("CANCEL"))
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("for job 'mailer'"));
        assertThatThrownBy(() -> client.actingAs("ana", null).cancel("launch"))
                .hasMessageContaining("declared in code come back at the next start");
        assertThatThrownBy(() -> client.actingAs("ana", null).cancel("mailer"))
                .hasMessageContaining("not a one-shot entry");
        assertThatThrownBy(() -> client.actingAs("ana", null).cancel(entry)).isInstanceOf(UnknownJobException.class);
        assertThat(client.job("launch")).isPresent();
        assertThat(audit("CANCEL")).hasSize(1);
    }

    @Test
    void aJobIsDeletedOnlyOnceNoLiveNodeRegistersIt() {
        Scheduler n1 = nodes.start(
                "n1",
                List.of(JobDefinition.builder("legacy")
                        .onDemand()
                        .handler(ctx -> {})
                        .build()));
        nodes.start(
                "n2",
                List.of(JobDefinition.builder("current")
                        .onDemand()
                        .handler(ctx -> {})
                        .build()));

        assertThatThrownBy(() -> client.actingAs("ana", null).delete("legacy"))
                .hasMessageContaining("still registered by live node n1");
        assertThat(client.job("legacy")).isPresent();

        nodes.stop(n1); // its code no longer runs anywhere
        client.actingAs("ana", "from a test").delete("legacy");

        assertThat(client.job("legacy")).isEmpty();
        assertThat(client.job("current")).isPresent();
        assertThat(audit("DELETE"))
                .singleElement()
                .satisfies(e -> assertThat(e)
                        .extracting(AuditEvent::actor, AuditEvent::jobName)
                        .containsExactly("ana", "legacy"));
        assertThatThrownBy(() -> client.actingAs("ana", null).delete("current")).hasMessageContaining("n2");
        assertThatThrownBy(() -> client.actingAs("ana", null).delete("legacy")).isInstanceOf(UnknownJobException.class);
    }

    @Test
    void pauseAndResumeAreAuditedOnlyWhenTheyChangeSomething() {
        nodes.start(
                "n1",
                List.of(JobDefinition.builder("report")
                        .onDemand()
                        .handler(ctx -> {})
                        .build()));
        JobActions ana = client.actingAs("ana", null);
        assertThat(ana.pause("report")).isEqualTo(ActionResult.APPLIED);
        assertThat(ana.pause("report")).isEqualTo(ActionResult.UNCHANGED);
        assertThat(ana.resume("report")).isEqualTo(ActionResult.APPLIED);
        ana.triggerNow("report");
        ana.reschedule("report", Triggers.cron("0 0 3 * * ?"));
        assertThat(client.auditLog(100))
                .extracting(AuditEvent::action)
                .containsExactly("RESCHEDULE", "TRIGGER", "RESUME", "PAUSE");
        assertThatThrownBy(() -> ana.pause("no-such-job")).isInstanceOf(UnknownJobException.class);
    }

    @Test
    void jobsAreSearchedByNameStatusTriggerAndPaged() {
        nodes.start(
                "n1",
                List.of(
                        JobDefinition.builder("send-invoices")
                                .onDemand()
                                .handler(ctx -> {})
                                .build(),
                        JobDefinition.builder("invoice_archive")
                                .onDemand()
                                .handler(ctx -> {})
                                .build(),
                        JobDefinition.builder("sync-stock")
                                .fixedRate(Duration.ofHours(1))
                                .handler(ctx -> {})
                                .build(),
                        JobDefinition.builder("100%-check")
                                .onDemand()
                                .handler(ctx -> {})
                                .build()));
        client.pause("invoice_archive");

        assertThat(names(JobQuery.all().name("INVOICE"))).containsExactly("invoice_archive", "send-invoices");
        assertThat(names(JobQuery.all().name("e_a"))).containsExactly("invoice_archive");
        assertThat(names(JobQuery.all().name("%"))).containsExactly("100%-check");
        assertThat(names(JobQuery.all().status(JobStatus.PAUSED))).containsExactly("invoice_archive");
        assertThat(names(JobQuery.all().triggerType(TriggerType.FIXED_RATE))).containsExactly("sync-stock");
        Page<JobInfo> second = client.jobs(JobQuery.all().page(1, 3));
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.items()).extracting(JobInfo::name).containsExactly("sync-stock");
        assertThatThrownBy(() -> JobQuery.all().page(Integer.MAX_VALUE, 500))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("narrow the search");
    }

    @Test
    void completedOneShotEntriesArePurgedWithTheHistoryButNotOneShotsOfCode() {
        Map<String, Integer> runs = new ConcurrentHashMap<>();
        nodes.start(
                "n1",
                List.of(
                        JobDefinition.builder("mailer")
                                .onDemand()
                                .handler(ctx -> runs.merge("mailer", 1, Integer::sum))
                                .build(),
                        JobDefinition.builder("launch")
                                .trigger(Triggers.oneShot(Instant.now()))
                                .handler(ctx -> runs.merge("launch", 1, Integer::sum))
                                .build()));
        String entry = client.scheduleOnce("mailer", "welcome-7", client.now(), null);
        await().atMost(WAIT)
                .until(() -> client.job(entry).orElseThrow().status() == JobStatus.COMPLETED
                        && client.job("launch").orElseThrow().status() == JobStatus.COMPLETED);

        client.purgeHistory(client.now().plus(Duration.ofMinutes(1)));

        assertThat(client.job(entry)).isEmpty();
        assertThat(client.job("launch")).isPresent();
        assertThat(client.job("mailer")).isPresent();
    }

    @Test
    void thePromiseIsAuditedFromTheTablesWithEveryGapExplainedOrFlagged() {
        Scheduler n1 = nodes.start(
                "n1",
                List.of(JobDefinition.builder("minutely")
                        .cron("0 * * * * ?")
                        .handler(ctx -> {})
                        .build()));
        nodes.stop(n1);
        Instant t0 =
                client.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofDays(1));
        java.util.function.IntFunction<Instant> minute = m -> t0.plus(Duration.ofMinutes(m));
        jdbi.useHandle(h -> {
            h.execute("DELETE FROM job_execution");
            h.createUpdate("UPDATE lock_cron SET created_at = :at")
                    .bind("at", t0.minus(Duration.ofDays(60)))
                    .execute();
            h.createUpdate("UPDATE scheduler_node SET started_at = :from, last_heartbeat = :to WHERE node_id = 'n1'")
                    .bind("from", t0.minus(Duration.ofHours(1)))
                    .bind("to", minute.apply(7).plusSeconds(10))
                    .execute();
            h.createUpdate("INSERT INTO scheduler_node (node_id, host, pid, started_at, last_heartbeat, state)"
                            + " VALUES ('n2', 'h', 1, :from, :to, 'ACTIVE')")
                    .bind("from", minute.apply(8).plusSeconds(30))
                    .bind("to", client.now())
                    .execute();
            var run = h.prepareBatch("INSERT INTO job_execution (job_name, fire_time, fire_kind, attempt, node_id,"
                    + " fencing_token, started_at, finished_at, outcome) VALUES ('minutely', :fire, :kind, 1, 'n1', 1,"
                    + " :started, :started, :outcome)");
            int[][] runs = {{0, 0}, {1, 0}, {5, 0}, {7, 5}, {9, 0}};
            for (int[] r : runs) {
                run.bind("fire", minute.apply(r[0]))
                        .bind("kind", "SCHEDULED")
                        .bind("started", minute.apply(r[0]).plusSeconds(r[1]).plusMillis(100))
                        .bind("outcome", r[0] == 1 ? "FAILED" : "SUCCEEDED")
                        .add();
            }
            run.bind("fire", minute.apply(4).plusSeconds(30))
                    .bind("kind", "MANUAL")
                    .bind("started", minute.apply(4).plusSeconds(30))
                    .bind("outcome", "SUCCEEDED")
                    .add();
            run.execute();
            var audit =
                    h.prepareBatch("INSERT INTO audit_event (at, actor, action, job_name) VALUES (:at, 'ana', :action,"
                            + " 'minutely')");
            audit.bind("at", minute.apply(1).plusSeconds(30))
                    .bind("action", "PAUSE")
                    .add();
            audit.bind("at", minute.apply(3).plusSeconds(30))
                    .bind("action", "RESUME")
                    .add();
            audit.execute();
        });

        PromiseReport report = client.promise(minute.apply(0), minute.apply(10), "minutely");

        JobPromise promise = report.jobs().get(0);
        assertThat(promise.expected()).isEqualTo(10);
        assertThat(promise.recorded()).isEqualTo(5);
        assertThat(promise.gaps())
                .extracting(PromiseGap::fireTime, PromiseGap::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(minute.apply(1), GapReason.FAILED_AFTER_ATTEMPTS),
                        org.assertj.core.groups.Tuple.tuple(minute.apply(2), GapReason.PAUSED),
                        org.assertj.core.groups.Tuple.tuple(minute.apply(3), GapReason.PAUSED),
                        org.assertj.core.groups.Tuple.tuple(minute.apply(4), GapReason.UNEXPLAINED),
                        org.assertj.core.groups.Tuple.tuple(minute.apply(6), GapReason.FOLDED_BY_MISFIRE_POLICY),
                        org.assertj.core.groups.Tuple.tuple(minute.apply(8), GapReason.NO_NODE_ALIVE));
        assertThat(promise.recordedTwice()).isZero();
        assertThat(promise.kept()).isFalse();
        assertThat(report.unexplained()).isEqualTo(1);
        assertThatThrownBy(() -> client.promise(t0.minus(Duration.ofDays(40)), t0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("narrow the range");
        assertThatThrownBy(() -> client.promise(minute.apply(0), minute.apply(10), "no-such-job"))
                .isInstanceOf(UnknownJobException.class);
    }

    private List<String> names(JobQuery query) {
        return client.jobs(query).items().stream().map(JobInfo::name).toList();
    }
}
