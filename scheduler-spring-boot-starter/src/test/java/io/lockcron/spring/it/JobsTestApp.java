package io.lockcron.spring.it;

import io.lockcron.job.JobContext;
import io.lockcron.spring.ClusteredJob;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jdbi.v3.core.Jdbi;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** An application whose jobs write through Spring's data access, for the @SpringBootTest runs. */
@SpringBootApplication
public class JobsTestApp {

    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    /** Writes one row of {@code kind} for a fire, through JdbcTemplate. */
    @Component
    static class Effects {
        private final JdbcTemplate jdbc;

        Effects(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        void commitBoundConnection() {
            jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
                connection.commit();
                return null;
            });
        }

        void write(JobContext ctx, String kind, String detail) {
            jdbc.update(
                    "INSERT INTO sbt_effect (job, fire_time, kind, detail) VALUES (?, ?, ?, ?)",
                    ctx.jobName(),
                    ctx.scheduledFireTime().toString(),
                    kind,
                    detail);
        }

        @Transactional
        public void required(JobContext ctx) {
            write(ctx, "required", "");
        }

        @Transactional(propagation = Propagation.REQUIRES_NEW)
        public void requiresNew(JobContext ctx) {
            write(ctx, "requires-new", "");
        }

        @Transactional
        public void failing(JobContext ctx) {
            write(ctx, "failing", "");
            throw new IllegalStateException("declined");
        }
    }

    @Component
    static class Jobs {
        private final Effects effects;
        private final JdbcClient jdbcClient;
        private final Jdbi jdbi;

        Jobs(Effects effects, JdbcClient jdbcClient, Jdbi jdbi) {
            this.effects = effects;
            this.jdbcClient = jdbcClient;
            this.jdbi = jdbi;
        }

        @ClusteredJob(name = "writes", fixedRate = "300ms")
        void writes(JobContext ctx) {
            // Claimed from the due list in a transaction begun before the job was known, then named for it.
            effects.write(
                    ctx,
                    "jdbc-template",
                    String.valueOf(TransactionSynchronizationManager.getCurrentTransactionName()));
            jdbcClient
                    .sql("INSERT INTO sbt_effect (job, fire_time, kind, detail) VALUES (?, ?, 'jdbc-client', '')")
                    .params(ctx.jobName(), ctx.scheduledFireTime().toString())
                    .update();
            jdbi.useHandle(h -> h.execute(
                    "INSERT INTO sbt_effect (job, fire_time, kind, detail) VALUES (?, ?, 'jdbi', '')",
                    ctx.jobName(),
                    ctx.scheduledFireTime().toString()));
        }

        @ClusteredJob(name = "flaky", fixedRate = "1h", maxAttempts = 2)
        void flaky(JobContext ctx) {
            effects.write(ctx, "attempt-" + ctx.attempt(), "");
            if (ctx.attempt() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        }

        @ClusteredJob(name = "propagation", fixedRate = "1h")
        void propagation(JobContext ctx) {
            effects.required(ctx);
            effects.requiresNew(ctx);
            throw new IllegalStateException("the fire fails after both writes");
        }

        @ClusteredJob(name = "rollback-only", fixedRate = "1h")
        void rollbackOnly(JobContext ctx) {
            try {
                effects.failing(ctx);
            } catch (IllegalStateException expected) {
                // swallowed, but the joined transaction is marked rollback-only
            }
        }

        /** Ends the fire's transaction through the Spring-bound connection: refused, the write stays once. */
        @ClusteredJob(name = "commits", fixedRate = "1h")
        void commits(JobContext ctx) {
            effects.write(ctx, "before-commit", "");
            effects.commitBoundConnection();
        }

        @ClusteredJob(name = "context", onDemand = true)
        void context(JobContext ctx) {
            effects.write(
                    ctx,
                    "context",
                    ctx.idempotencyKey() + "|" + ctx.attempt() + "|" + ctx.fencingToken() + "|" + ctx.fireKind());
        }
    }
}
