package io.lockcron.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.Scheduler;
import io.lockcron.SchedulerBuilder;
import io.lockcron.job.JobDefinition;
import io.lockcron.spring.transaction.SpringFireTransactions;
import io.lockcron.spring.transaction.SpringTransactionJobInvoker;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * One node in a process of its own: {@code BenchNode --url .. --user .. --password .. --node id
 * --role throughput|failover [--jobs n --idle-jobs n --workers n --shape aligned|spread --effect
 * autocommit|tx --transactions own|spring]}: with {@code spring}, each fire's transaction is begun
 * through a Spring {@code DataSourceTransactionManager} and the job runs through the starter's
 * invoker, as in an application of the Spring Boot starter. Stops (and lets running fires finish)
 * on SIGTERM.
 */
public final class BenchNode {
    private BenchNode() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Database db = Database.of(options);
        String nodeId = options.get("node", "node");
        int workers = options.integer("workers", 8);
        HikariDataSource pool = db.pool(nodeId, workers + 4, false);
        Scheduler node;
        if (options.get("role", "throughput").equals("failover")) {
            node = Scheduler.builder(pool)
                    .nodeId(nodeId)
                    .pollInterval(Duration.ofMillis(100)) // the victim notices requests first
                    .job(FailoverScenario.job(Duration.ofSeconds(30)))
                    .build();
        } else {
            HikariDataSource effects = options.get("effect", "autocommit").equals("tx")
                    ? null
                    : db.pool(nodeId + "-effects", workers, true);
            List<JobDefinition> jobs = BenchJobs.of(
                    options.integer("jobs", 100),
                    options.integer("idle-jobs", 0),
                    options.get("shape", "aligned").equals("aligned"),
                    effects);
            SchedulerBuilder builder = Scheduler.builder(pool)
                    .nodeId(nodeId)
                    .workerThreads(workers)
                    .jobs(jobs);
            if (options.get("transactions", "own").equals("spring")) {
                builder.fireTransactions(new SpringFireTransactions(new DataSourceTransactionManager(pool), pool))
                        .jobInvoker(new SpringTransactionJobInvoker(pool));
            }
            node = builder.build();
        }
        node.start();
        Runtime.getRuntime().addShutdownHook(new Thread(node::stop));
        Thread.currentThread().join();
    }
}
