package io.lockcron.admin.e2e;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.Scheduler;
import io.lockcron.admin.testing.ConsoleDatabase;
import io.lockcron.admin.testing.DemoJobs;
import java.time.Duration;

/**
 * A node in a process of its own, run by the browser test and killed with SIGKILL while it holds
 * a fire of {@value DemoJobs#FAILOVER_DEMO}, whose body blocks. It also ends by itself when its
 * parent goes away (its standard input closes) or after five minutes, so it never outlives a test run.
 */
public final class DoomedNode {
    private DoomedNode() {}

    public static void main(String[] args) throws Exception {
        String nodeId = args[0];
        HikariDataSource pool = ConsoleDatabase.mariaDb().pool(4);
        Scheduler node = Scheduler.builder(pool)
                .nodeId(nodeId)
                .pollInterval(Duration.ofMillis(300))
                // Frequent heartbeats make its last sign of life, and so the takeover delay, precise.
                .heartbeatInterval(Duration.ofMillis(500))
                .job(DemoJobs.failoverDemo(
                        ctx -> Thread.sleep(Duration.ofMinutes(5).toMillis())))
                .build();
        node.start();
        System.out.println("node " + nodeId + " started");
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the parent writes nothing: read() returns -1 when it is gone
                }
            } catch (java.io.IOException e) {
                // the same: the parent is gone
            }
            Runtime.getRuntime().halt(3);
        });
        watchdog.setDaemon(true);
        watchdog.start();
        Thread.sleep(Duration.ofMinutes(5).toMillis());
        Runtime.getRuntime().halt(4);
    }
}
