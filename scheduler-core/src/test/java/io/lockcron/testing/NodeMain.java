package io.lockcron.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.Scheduler;
import io.lockcron.job.JobDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scheduler node in a process of its own, for tests that SIGKILL and SIGSTOP it. Runs
 * {@code --jobs N} jobs firing every second (each body writes one effect row in its transaction,
 * one outside, then works {@code --job-millis}) and a job {@code slow} that fires once at start and
 * works {@code --slow-millis}; with {@code --idle-millis}, a job {@code idle} that fires once at
 * start, writes its autocommit effect, works that long without touching its transaction and only
 * then writes its transactional effect; with {@code --lease-millis}, a lease-mode job {@code leased}
 * that works that long and records its run in {@link RunIntervals}. Stops cleanly on SIGTERM.
 */
public final class NodeMain {
    private NodeMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].substring(2), args[i + 1]);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(o.get("url"));
        config.setUsername(o.get("user"));
        config.setPassword(o.getOrDefault("password", ""));
        // Pool size, worker threads and misfire threshold as users get them (Hikari's 10, lockcron's 5
        // workers and 5 s), so the process tests see pool pressure and misfires meet takeovers.
        config.setConnectionTimeout(3000);
        config.setInitializationFailTimeout(-1);
        if (o.containsKey("init-sql")) {
            config.setConnectionInitSql(o.get("init-sql"));
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        Effects effects = new Effects(dataSource);
        long jobMillis = Long.parseLong(o.getOrDefault("job-millis", "0"));
        long slowMillis = Long.parseLong(o.getOrDefault("slow-millis", "0"));
        List<JobDefinition> jobs = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(o.getOrDefault("jobs", "0")); i++) {
            jobs.add(JobDefinition.builder("steady-" + i)
                    .cron("* * * * * ?")
                    .retry(5, Duration.ofMillis(200)) // its own writes can fail when the database drops out
                    .handler(ctx -> {
                        Effects.inTransaction(ctx);
                        effects.autocommit(ctx);
                        Thread.sleep(jobMillis);
                    })
                    .build());
        }
        jobs.add(JobDefinition.builder("slow")
                .fixedRate(Duration.ofHours(1))
                .handler(ctx -> {
                    Effects.inTransaction(ctx);
                    effects.autocommit(ctx);
                    Thread.sleep(slowMillis);
                })
                .build());
        long idleMillis = Long.parseLong(o.getOrDefault("idle-millis", "0"));
        if (idleMillis > 0) {
            jobs.add(idle(effects, idleMillis));
        }
        long leaseMillis = Long.parseLong(o.getOrDefault("lease-millis", "0"));
        if (leaseMillis > 0) {
            jobs.add(new RunIntervals(dataSource).leaseJob("leased", leaseMillis));
        }
        Scheduler scheduler = Scheduler.builder(dataSource)
                .nodeId(o.get("node"))
                .pollInterval(Duration.ofMillis(300))
                .heartbeatInterval(Duration.ofMillis(400))
                .heartbeatTimeout(Duration.ofMillis(Long.parseLong(o.getOrDefault("heartbeat-timeout-millis", "2000"))))
                .leaseDuration(Duration.ofMillis(Long.parseLong(o.getOrDefault("lease-duration-millis", "30000"))))
                .shutdownTimeout(Duration.ofSeconds(5))
                .jobs(jobs)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.stop();
            dataSource.close();
        }));
        scheduler.start();
        System.out.println("STARTED " + o.get("node"));
        Thread.currentThread().join();
    }

    /**
     * Fires once at start; works {@code millis} before its first use of the fire's transaction, so
     * its attempt goes on record from the recorder thread, not before a statement.
     */
    public static JobDefinition idle(Effects effects, long millis) {
        return JobDefinition.builder("idle")
                .fixedRate(Duration.ofHours(1))
                .handler(ctx -> {
                    effects.autocommit(ctx);
                    Thread.sleep(millis);
                    Effects.inTransaction(ctx);
                })
                .build();
    }
}
