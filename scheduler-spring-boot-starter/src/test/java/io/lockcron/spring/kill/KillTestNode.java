package io.lockcron.spring.kill;

import io.lockcron.job.JobContext;
import io.lockcron.spring.ClusteredJob;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A node of the kill test, run as its own JVM (the victim) or in the test's (the survivor). Its
 * one job bills through JdbcTemplate and Spring Data JPA and publishes an event whose
 * AFTER_COMMIT listener records it; the victim then announces it is mid-job and waits to be
 * killed.
 */
@SpringBootApplication
public class KillTestNode {
    static final String JOB = "kill-test-billing";
    static final String MARKER = "KILL-TEST mid-job fire=";

    public static void main(String[] args) {
        SpringApplication.run(KillTestNode.class, args);
    }

    record Billed(String invoiceId, String nodeId) {}

    @Component
    static class AfterCommitLog {
        private final JdbcTemplate jdbc;

        AfterCommitLog(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
        @Transactional(propagation = Propagation.REQUIRES_NEW)
        public void billed(Billed event) {
            jdbc.update(
                    "INSERT INTO kill_after_commit (invoice_id, node_id) VALUES (?, ?)",
                    event.invoiceId(),
                    event.nodeId());
        }
    }

    @Component
    static class BillingJob {
        private final JdbcTemplate jdbc;
        private final KillInvoices invoices;
        private final ApplicationEventPublisher events;
        private final String role;

        BillingJob(
                JdbcTemplate jdbc,
                KillInvoices invoices,
                ApplicationEventPublisher events,
                @Value("${kill-test.role}") String role) {
            this.jdbc = jdbc;
            this.invoices = invoices;
            this.events = events;
            this.role = role;
        }

        @ClusteredJob(name = JOB, fixedRate = "1h")
        void bill(JobContext ctx) throws InterruptedException {
            jdbc.update(
                    "INSERT INTO kill_effect (fire_time, node_id, attempt) VALUES (?, ?, ?)",
                    ctx.scheduledFireTime().toString(),
                    ctx.nodeId(),
                    ctx.attempt());
            invoices.saveAndFlush(new KillInvoice(ctx.idempotencyKey(), ctx.nodeId()));
            events.publishEvent(new Billed(ctx.idempotencyKey(), ctx.nodeId()));
            if ("victim".equals(role)) {
                System.out.println(MARKER + ctx.scheduledFireTime() + " in-transaction="
                        + TransactionSynchronizationManager.isActualTransactionActive());
                System.out.flush();
                Thread.sleep(600_000);
            }
        }
    }
}
