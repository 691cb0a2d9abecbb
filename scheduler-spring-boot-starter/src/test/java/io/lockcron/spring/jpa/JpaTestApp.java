package io.lockcron.spring.jpa;

import io.lockcron.job.JobContext;
import io.lockcron.spring.ClusteredJob;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Jobs that write with Spring Data JPA and publish transactional events, as a Spring service would. */
@SpringBootApplication
public class JpaTestApp {
    /** Invoice ids, and how often each one's AFTER_COMMIT listener ran. */
    static final Map<String, Integer> AFTER_COMMITS = new ConcurrentHashMap<>();
    /** Invoice ids whose AFTER_ROLLBACK listener ran. */
    static final Map<String, Integer> AFTER_ROLLBACKS = new ConcurrentHashMap<>();
    /** The id a row already has when the application starts: saving it again violates the primary key. */
    static final String TAKEN_ID = "taken";

    record InvoiceCreated(String id) {}

    @Component
    static class Listeners {
        @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
        void committed(InvoiceCreated event) {
            AFTER_COMMITS.merge(event.id(), 1, Integer::sum);
        }

        @TransactionalEventListener(phase = TransactionPhase.AFTER_ROLLBACK)
        void rolledBack(InvoiceCreated event) {
            AFTER_ROLLBACKS.merge(event.id(), 1, Integer::sum);
        }
    }

    @Component
    static class Jobs {
        private final InvoiceRepository invoices;
        private final ApplicationEventPublisher events;
        private final javax.sql.DataSource dataSource;

        @PersistenceContext
        private EntityManager entityManager;

        Jobs(InvoiceRepository invoices, ApplicationEventPublisher events, javax.sql.DataSource dataSource) {
            this.invoices = invoices;
            this.events = events;
            this.dataSource = dataSource;
        }

        @ClusteredJob(name = "jpa-save", fixedRate = "300ms")
        void save(JobContext ctx) {
            // Succeeds only on the connection that holds this job's row lock: any other would wait.
            entityManager
                    .createNativeQuery("SELECT lock_name FROM jpa_lock_cron WHERE lock_name = ?1 FOR UPDATE NOWAIT")
                    .setParameter(1, ctx.jobName())
                    .getSingleResult();
            invoice(ctx);
        }

        @ClusteredJob(name = "jpa-fail", fixedRate = "1h", maxAttempts = 1)
        void fail(JobContext ctx) {
            invoice(ctx);
            throw new IllegalStateException("declined after saving its invoice");
        }

        /** A JPA error the job catches: Hibernate has marked the transaction rollback-only all the same. */
        @ClusteredJob(name = "jpa-caught", fixedRate = "1h", maxAttempts = 1)
        void caught(JobContext ctx) {
            try {
                entityManager.persist(new Invoice(
                        TAKEN_ID, ctx.jobName(), ctx.scheduledFireTime().toString()));
                entityManager.flush();
            } catch (PersistenceException expected) {
                // carry on, as a careless job would
            }
        }

        /** An entity error only the flush at the end of the body finds. */
        @ClusteredJob(name = "jpa-flush", fixedRate = "1h", maxAttempts = 1)
        void flush(JobContext ctx) {
            entityManager.persist(
                    new Invoice(TAKEN_ID, ctx.jobName(), ctx.scheduledFireTime().toString()));
        }

        /** Tries to commit its fire's transaction itself, after a flushed JPA write: refused, the fire fails. */
        @ClusteredJob(name = "jpa-commits", fixedRate = "1h", maxAttempts = 1)
        void commits(JobContext ctx) throws java.sql.SQLException {
            invoices.saveAndFlush(new Invoice(
                    ctx.idempotencyKey(), ctx.jobName(), ctx.scheduledFireTime().toString()));
            org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource)
                    .commit();
        }

        /** Runs as the one-shot entries the tests schedule; records which ran. */
        @ClusteredJob(name = "jpa-once", onDemand = true)
        void once(JobContext ctx) {
            invoices.save(new Invoice(
                    "ran:" + ctx.jobName(),
                    ctx.jobName(),
                    ctx.scheduledFireTime().toString()));
        }

        @ClusteredJob(name = "jpa-on-demand", onDemand = true)
        void onDemand(JobContext ctx) {
            invoice(ctx);
        }

        private void invoice(JobContext ctx) {
            Invoice invoice = invoices.save(new Invoice(
                    ctx.idempotencyKey(), ctx.jobName(), ctx.scheduledFireTime().toString()));
            events.publishEvent(new InvoiceCreated(invoice.getId()));
        }
    }
}
