package io.lockcron.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.ExecutionInfo;
import io.lockcron.ExecutionQuery;
import io.lockcron.FailoverInfo;
import io.lockcron.Scheduler;
import io.lockcron.SchedulerClient;
import io.lockcron.job.JobDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code benchmarks/run --scenario failover}: a node process claims a fire and is killed
 * (SIGKILL) or frozen (SIGSTOP) mid-job; a live node takes the fire over. Reports the time from
 * the kill to the fire's completion on the live node, and any fire lost or run twice.
 */
final class FailoverScenario {
    static final String JOB = "bench-failover";

    private FailoverScenario() {}

    /** On demand; the body is slow on the victim (so it dies mid-job) and quick elsewhere. */
    static JobDefinition job(Duration victimWork) {
        return JobDefinition.builder(JOB)
                .onDemand()
                .handler(ctx -> {
                    ctx.handle()
                            .execute(
                                    BenchJobs.EFFECT,
                                    ctx.jobName(),
                                    ctx.scheduledFireTime().toEpochMilli(),
                                    ctx.nodeId());
                    if (ctx.nodeId().startsWith("victim")) {
                        Thread.sleep(victimWork.toMillis());
                    }
                })
                .build();
    }

    static void run(Database db, HikariDataSource admin, Options options) throws Exception {
        int rounds = options.integer("rounds", 5);
        Duration timeout = Duration.ofSeconds(options.integer("heartbeat-timeout", 10));
        SchedulerClient client = SchedulerClient.create(admin);
        try (HikariDataSource pool = db.pool("survivor", 8)) {
            Scheduler survivor = Scheduler.builder(pool)
                    .nodeId("survivor")
                    .heartbeatTimeout(timeout)
                    .job(job(Duration.ZERO))
                    .build();
            survivor.start();
            try {
                for (String mode : List.of("kill", "freeze")) {
                    List<Long> takeovers = new ArrayList<>();
                    for (int round = 1; round <= rounds; round++) {
                        takeovers.add(round(db, client, mode, round));
                    }
                    takeovers.sort(null);
                    System.out.printf(
                            Locale.ROOT,
                            "failover (%s, %s): %d rounds, kill -> fire done on another node:"
                                    + " p50 %d ms, max %d ms%n",
                            mode,
                            mode.equals("kill") ? "SIGKILL mid-job" : "SIGSTOP mid-job, heartbeat timeout " + timeout,
                            rounds,
                            takeovers.get(takeovers.size() / 2),
                            takeovers.get(takeovers.size() - 1));
                }
            } finally {
                survivor.stop();
            }
        }
        // Every fire taken over must have run once: an execution and exactly one committed effect.
        Map<String, Object> check = org.jdbi.v3.core.Jdbi.create(admin)
                .withHandle(h -> h.createQuery("SELECT COUNT(*) AS failovers,"
                                + " SUM(CASE WHEN (SELECT COUNT(*) FROM job_execution e WHERE e.job_name = f.job_name"
                                + "   AND e.fire_time = f.fire_time AND e.outcome = 'SUCCEEDED') = 0 THEN 1 ELSE 0 END)"
                                + " AS lost,"
                                + " (SELECT COUNT(*) FROM (SELECT fire_ms FROM bench_effect WHERE job_name = :j"
                                + "   GROUP BY fire_ms HAVING COUNT(*) > 1) d) AS doubled"
                                + " FROM failover_event f WHERE f.job_name = :j")
                        .bind("j", JOB)
                        .mapToMap()
                        .one());
        System.out.printf(
                Locale.ROOT,
                "failover fires: %s taken over, %s lost, %s run twice%n",
                check.get("failovers"),
                check.get("lost"),
                check.get("doubled"));
    }

    /** One takeover: returns milliseconds from the kill to the fire's completion on the survivor. */
    private static long round(Database db, SchedulerClient client, String mode, int round) throws Exception {
        String victimId = "victim-" + mode + "-" + round;
        Process victim = start(db, victimId);
        try {
            waitFor(() -> client.nodes().stream().anyMatch(n -> n.nodeId().equals(victimId)), 60);
            while (true) {
                int before =
                        client.executions(ExecutionQuery.all().job(JOB)).items().size();
                client.triggerNow(JOB, "benchmark");
                waitFor(() -> runningOn(client) != null || done(client) > before, 30);
                if (victimId.equals(runningOn(client))) {
                    break;
                }
                waitFor(() -> done(client) > before, 30); // the survivor got it: try again
            }
            long failoversBefore = client.failovers(10_000).size();
            Instant killed = Instant.now();
            if (mode.equals("kill")) {
                victim.destroyForcibly();
            } else {
                new ProcessBuilder("kill", "-STOP", Long.toString(victim.pid()))
                        .start()
                        .waitFor();
            }
            waitFor(
                    () -> client.failovers(10_000).size() > failoversBefore
                            && takenOver(client).isPresent(),
                    120);
            ExecutionInfo run = takenOver(client).orElseThrow();
            return Duration.between(killed, run.finishedAt()).toMillis();
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(victim.pid()))
                    .start()
                    .waitFor();
            victim.destroyForcibly();
            victim.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The execution of the latest failover's fire, once the node that took it over has committed it. */
    private static java.util.Optional<ExecutionInfo> takenOver(SchedulerClient client) {
        FailoverInfo failover = client.failovers(1).get(0);
        return client.executions(ExecutionQuery.all().job(JOB)).items().stream()
                .filter(e -> e.fireTime().equals(failover.fireTime()) && e.finishedAt() != null)
                .findFirst();
    }

    private static String runningOn(SchedulerClient client) {
        return client.job(JOB).orElseThrow().runningOn();
    }

    private static int done(SchedulerClient client) {
        return client.executions(ExecutionQuery.all().job(JOB)).items().size();
    }

    private static Process start(Database db, String nodeId) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BenchNode.class.getName(),
                "--role",
                "failover",
                "--node",
                nodeId));
        command.addAll(db.arguments());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
