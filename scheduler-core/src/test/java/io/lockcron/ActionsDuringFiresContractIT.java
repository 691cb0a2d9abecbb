package io.lockcron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lockcron.job.ExecutionMode;
import io.lockcron.job.JobDefinition;
import io.lockcron.testing.DatabaseIT;
import io.lockcron.testing.Effects;
import io.lockcron.trigger.Triggers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pause, resume, trigger and reschedule while a fire holds the job: each is answered at once —
 * on a client whose sessions give up any row-lock wait after 1 s, so a wait would fail, not just
 * be slow — and applied when the fire ends, in the order asked. The fire is held for {@link
 * #HELD} (three times that lock wait) instead of the 20 s of the report: what matters is that it
 * outlasts every lock wait the client could make.
 */
public abstract class ActionsDuringFiresContractIT extends DatabaseIT {
    private static final Duration HELD = Duration.ofSeconds(3);
    private static final Duration ANSWER = Duration.ofSeconds(1);
    private static final String EVERY_2S = "*/2 * * * * ?";

    private JobActions ana;

    @BeforeEach
    void clientThatCannotWait() {
        String shortWait = database().shortLockWaitSql();
        DataSource impatient = (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(admin, args);
                        if (result instanceof Connection c) {
                            try (Statement s = c.createStatement()) {
                                s.execute(shortWait);
                            }
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ana = SchedulerClient.create(impatient).actingAs("ana", "from a test");
        client.now(); // connections open before anything is timed
    }

    @Test
    void aTransactionalFireEndsThenAppliesTheTriggerTheNewScheduleAndThePauseAskedMeanwhile() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fires = new AtomicInteger();
        nodes.start("n1", List.of(held("invoicing", ExecutionMode.TRANSACTIONAL, fires, running, release)));
        client.triggerNow("invoicing", "test");
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        Instant heldSince = Instant.now();
        try {
            answeredAtOnce(() -> ana.reschedule("invoicing", Triggers.cron(EVERY_2S, "UTC")));
            answeredAtOnce(() -> ana.triggerNow("invoicing"));
            answeredAtOnce(() -> ana.pause("invoicing"));
            assertThat(pendingActions("invoicing")).containsExactly("RESCHEDULE", "TRIGGER", "PAUSE");
            assertThat(row("invoicing"))
                    .containsEntry("status", "IDLE")
                    .containsEntry("trigger_type", "ON_DEMAND")
                    .containsEntry("trigger_requested_by", "test"); // the running fire's own request
            holdUntil(heldSince.plus(HELD));
        } finally {
            release.countDown();
        }
        await().atMost(WAIT).until(() -> pendingActions("invoicing").isEmpty());
        Map<String, Object> first = execution("invoicing", 0);
        Instant ended = Instant.parse(String.valueOf(first.get("finished_at")));
        assertThat(results("invoicing")).containsOnly("APPLIED");
        JobInfo job = client.job("invoicing").orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(job.triggerValue()).isEqualTo(EVERY_2S);
        // The next fire was computed from the new trigger when the fire ended, not before.
        Instant next = job.nextFireTime();
        assertThat(next).isAfter(ended).isBeforeOrEqualTo(ended.plusSeconds(3));
        assertThat(next.getEpochSecond() % 2).isZero();
        // The trigger asked for exactly one more fire; the pause stops the cron's fires due every 2 s.
        await().atMost(WAIT).until(() -> effects.count("invoicing", Effects.TX) == 2);
        Thread.sleep(3_000);
        assertThat(effects.count("invoicing", Effects.TX)).isEqualTo(2);
        assertThat(fires).hasValue(2);
        assertThat(execution("invoicing", 1)).containsEntry("fire_kind", "MANUAL");
        assertThat(Instant.parse(String.valueOf(execution("invoicing", 1).get("fire_time"))))
                .as("the trigger asked during the fire is a fire after it")
                .isAfterOrEqualTo(ended);
        assertThat(audit("invoicing"))
                .containsExactly("RESCHEDULE", "TRIGGER", "PAUSE", "APPLIED", "APPLIED", "APPLIED");

        assertThat(ana.resume("invoicing")).isEqualTo(ActionResult.APPLIED); // a free row: at once
        await().atMost(WAIT).until(() -> effects.count("invoicing", Effects.TX) >= 3);
    }

    @Test
    void aHeldLeaseAcceptsPauseResumePauseAndAppliesThemInOrderWhenItsFireFinishes() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fires = new AtomicInteger();
        nodes.start("n1", List.of(held("monthly-report", ExecutionMode.LEASE, fires, running, release)));
        client.reschedule("monthly-report", Triggers.cron(EVERY_2S, "UTC"));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        Instant heldSince = Instant.now();
        try {
            answeredAtOnce(() -> ana.pause("monthly-report"));
            answeredAtOnce(() -> ana.resume("monthly-report"));
            answeredAtOnce(() -> ana.pause("monthly-report"));
            assertThat(pendingActions("monthly-report")).containsExactly("PAUSE", "RESUME", "PAUSE");
            assertThat(row("monthly-report")).containsEntry("status", "RUNNING");
            holdUntil(heldSince.plus(HELD));
        } finally {
            release.countDown();
        }
        await().atMost(WAIT).until(() -> pendingActions("monthly-report").isEmpty());
        assertThat(results("monthly-report")).containsExactly("APPLIED", "APPLIED", "APPLIED");
        assertThat(client.job("monthly-report").orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
        assertThat(execution("monthly-report", 0)).containsEntry("outcome", "SUCCEEDED");
        Thread.sleep(3_000); // the cron is due every 2 s: paused, it does not fire
        assertThat(effects.count("monthly-report", Effects.AUTO)).isEqualTo(1);
        assertThat(fires).hasValue(1);
    }

    /** A job whose first fire writes its effect, then runs until released (bounded). */
    private JobDefinition held(
            String name, ExecutionMode mode, AtomicInteger fires, CountDownLatch running, CountDownLatch release) {
        return JobDefinition.builder(name)
                .onDemand()
                .mode(mode)
                .handler(ctx -> {
                    if (mode == ExecutionMode.TRANSACTIONAL) {
                        Effects.inTransaction(ctx);
                    } else {
                        effects.autocommit(ctx);
                    }
                    if (fires.incrementAndGet() == 1) {
                        running.countDown();
                        if (!release.await(60, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("never released");
                        }
                    }
                })
                .build();
    }

    private static void answeredAtOnce(Supplier<ActionResult> action) {
        long started = System.nanoTime();
        assertThat(action.get()).isEqualTo(ActionResult.PENDING);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER);
    }

    private static void holdUntil(Instant until) throws InterruptedException {
        long ms = Duration.between(Instant.now(), until).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    private List<String> pendingActions(String job) {
        return client.pendingRequests(job).stream().map(r -> r.action().name()).toList();
    }

    private List<String> results(String job) {
        return jdbi.withHandle(h -> h.createQuery("SELECT result FROM job_request WHERE job_name = :job ORDER BY id")
                .bind("job", job)
                .mapTo(String.class)
                .list());
    }

    private Map<String, Object> row(String job) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT status, trigger_type, trigger_requested_by FROM lock_cron WHERE lock_name = :job")
                .bind("job", job)
                .mapToMap()
                .one());
    }

    private Map<String, Object> execution(String job, int index) {
        List<ExecutionInfo> all = client.executions(ExecutionQuery.all().job(job)).items().stream()
                .sorted(java.util.Comparator.comparing(ExecutionInfo::id))
                .toList();
        ExecutionInfo e = all.get(index);
        return Map.of(
                "fire_kind", e.fireKind().name(),
                "outcome", e.outcome().name(),
                "finished_at", String.valueOf(e.finishedAt()),
                "fire_time", e.fireTime().toString());
    }

    private List<String> audit(String job) {
        return client.auditLog(100).stream()
                .filter(e -> job.equals(e.jobName()))
                .sorted(java.util.Comparator.comparing(AuditEvent::id))
                .map(AuditEvent::action)
                .toList();
    }
}
