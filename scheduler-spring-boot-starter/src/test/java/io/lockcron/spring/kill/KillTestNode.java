package io.lockcron.spring.kill;

import io.lockcron.job.JobContext;
import io.lockcron.spring.ClusteredJob;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A node of the kill test, run as its own JVM (the victim) or in the test's (the survivor). Its
 * one job bills through JdbcTemplate; the victim then announces it is mid-job and waits to be
 * killed.
 */
@SpringBootApplication
public class KillTestNode {
    static final String JOB = "kill-test-billing";
    static final String MARKER = "KILL-TEST mid-job fire=";

    public static void main(String[] args) {
        SpringApplication.run(KillTestNode.class, args);
    }

    @Component
    static class BillingJob {
        private final JdbcTemplate jdbc;
        private final String role;

        BillingJob(JdbcTemplate jdbc, @Value("${kill-test.role}") String role) {
            this.jdbc = jdbc;
            this.role = role;
        }

        @ClusteredJob(name = JOB, fixedRate = "1h")
        void bill(JobContext ctx) throws InterruptedException {
            jdbc.update(
                    "INSERT INTO kill_effect (fire_time, node_id, attempt) VALUES (?, ?, ?)",
                    ctx.scheduledFireTime().toString(),
                    ctx.nodeId(),
                    ctx.attempt());
            if ("victim".equals(role)) {
                System.out.println(MARKER + ctx.scheduledFireTime() + " in-transaction="
                        + TransactionSynchronizationManager.isActualTransactionActive());
                System.out.flush();
                Thread.sleep(600_000);
            }
        }
    }
}
