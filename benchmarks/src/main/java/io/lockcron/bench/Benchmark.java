package io.lockcron.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.Scheduler;
import io.lockcron.job.JobDefinition;
import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.Triggers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code benchmarks/run}: N nodes in this JVM run J jobs that fire every second, for D seconds;
 * then the tables say how many fires ran, how late they started (start minus scheduled time, both
 * database time), whether any ran twice or not at all, and how many statements the server took
 * per fire. A bare JDBC loop of the same locked transaction, run first, is the baseline.
 */
public final class Benchmark {
    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Database db = new Database(options.get("url", ""), options.get("user", "root"), options.get("password", ""));
        try (HikariDataSource admin = db.pool("admin", 4)) {
            db.freshSchema(admin);
            double baseline;
            try (HikariDataSource loop = db.pool("baseline", 3)) {
                baseline = BaselineLoop.transactionsPerSecond(loop, 3, 5000);
            }
            System.out.printf(Locale.ROOT, "baseline: bare JDBC locked transaction, 3 threads: %.0f tx/s%n", baseline);
            if (options.get("scenario", "throughput").equals("failover")) {
                FailoverScenario.run(db, admin, options);
            } else {
                throughput(db, admin, options, baseline);
            }
        }
    }

    private static void throughput(Database db, HikariDataSource admin, Options options, double baseline)
            throws Exception {
        int nodeCount = options.integer("nodes", 3);
        int jobCount = options.integer("jobs", 100);
        int seconds = options.integer("seconds", 30);
        int workers = options.integer("workers", 8);
        boolean aligned = options.get("shape", "spread").equals("aligned");
        List<JobDefinition> jobs = new ArrayList<>();
        for (int i = 0; i < jobCount; i++) {
            // spread: each job every second, phases evenly over the second; aligned: all on the second.
            Trigger trigger = aligned
                    ? Triggers.cron("* * * * * ?")
                    : Triggers.fixedRate(Duration.ofSeconds(1), Duration.ofMillis(1000L * i / jobCount));
            jobs.add(JobDefinition.builder("bench-" + i)
                    .trigger(trigger)
                    .handler(ctx -> ctx.handle()
                            .createUpdate("INSERT INTO bench_effect (job_name, fire_time) VALUES (:j, :f)")
                            .bind("j", ctx.jobName())
                            .bind("f", ctx.scheduledFireTime().toString())
                            .execute())
                    .build());
        }
        List<Scheduler> nodes = new ArrayList<>();
        List<HikariDataSource> pools = new ArrayList<>();
        for (int n = 1; n <= nodeCount; n++) {
            HikariDataSource pool = db.pool("node-" + n, workers + 4);
            pools.add(pool);
            Scheduler node = Scheduler.builder(pool)
                    .nodeId("node-" + n)
                    .workerThreads(workers)
                    .jobs(jobs)
                    .build();
            node.start();
            nodes.add(node);
        }
        Thread.sleep(3000); // warm-up: JIT, pools, first fires
        long q0 = db.statements(admin);
        Instant from = nodes.get(0).client().nodes().get(0).lastHeartbeat();
        Thread.sleep(seconds * 1000L);
        long q1 = db.statements(admin);
        nodes.parallelStream().forEach(Scheduler::stop);
        Instant to = from.plusSeconds(seconds);
        pools.forEach(HikariDataSource::close);

        Results r = Results.measure(Jdbi.create(admin), from.plusSeconds(1), to.minusSeconds(1));
        System.out.printf(
                Locale.ROOT,
                "lockcron: %d nodes x %d jobs every second (%s), %d workers each, %d s%n",
                nodeCount,
                jobCount,
                aligned ? "all on the second" : "spread over the second",
                workers,
                seconds);
        r.print(Duration.ofSeconds(seconds - 2));
        if (q0 >= 0) {
            System.out.printf(
                    Locale.ROOT,
                    "statements per fire (all node traffic, incl. polls and lost races): %.1f%n",
                    (q1 - q0) / (double) Math.max(1, r.fires() * seconds / Math.max(1, seconds - 2)));
        }
        System.out.printf(Locale.ROOT, "fires/s vs baseline tx/s: %.3f%n", r.fires() / (seconds - 2.0) / baseline);
    }
}
