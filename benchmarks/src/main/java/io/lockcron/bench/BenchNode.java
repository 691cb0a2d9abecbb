package io.lockcron.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.Scheduler;
import java.time.Duration;

/** A node in a process of its own for the failover scenario: {@code BenchNode url user password nodeId}. */
public final class BenchNode {
    private BenchNode() {}

    public static void main(String[] args) throws Exception {
        Database db = new Database(args[0], args[1], args[2].equals("-") ? "" : args[2]);
        String nodeId = args[3];
        HikariDataSource pool = db.pool(nodeId, 8);
        Scheduler node = Scheduler.builder(pool)
                .nodeId(nodeId)
                .pollInterval(Duration.ofMillis(100)) // the victim notices requests first
                .job(FailoverScenario.job(Duration.ofSeconds(30)))
                .build();
        node.start();
        Runtime.getRuntime().addShutdownHook(new Thread(node::stop));
        Thread.currentThread().join();
    }
}
