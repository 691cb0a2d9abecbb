package io.lockcron.bench;

import io.lockcron.job.JobContext;
import io.lockcron.job.JobDefinition;
import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.Triggers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark's jobs. Each fire writes one effect row {@code (job, fire time, node)}: through a
 * connection of its own in autocommit, as a user's outside call would be (a fire run twice shows
 * as two rows even if its transaction rolled back), or inside the fire's transaction.
 */
final class BenchJobs {
    static final String EFFECT = "INSERT INTO bench_effect (job_name, fire_ms, node_id) VALUES (?, ?, ?)";

    private BenchJobs() {}

    /**
     * {@code due} jobs firing every second — all on the second ({@code aligned}, as real crons
     * cluster on round times) or phased evenly over it — and {@code idle} jobs due once a year.
     *
     * @param effects the autocommit pool for the effect, or null to write it in the fire's transaction
     */
    static List<JobDefinition> of(int due, int idle, boolean aligned, @Nullable DataSource effects) {
        List<JobDefinition> jobs = new ArrayList<>();
        for (int i = 0; i < due; i++) {
            Trigger trigger = aligned
                    ? Triggers.cron("* * * * * ?", "UTC")
                    : Triggers.fixedRate(Duration.ofSeconds(1), Duration.ofMillis(1000L * i / due));
            jobs.add(job("bench-" + i, trigger, effects));
        }
        for (int i = 0; i < idle; i++) {
            jobs.add(job("idle-" + i, Triggers.cron("0 0 0 1 1 ?", "UTC"), effects));
        }
        return jobs;
    }

    private static JobDefinition job(String name, Trigger trigger, @Nullable DataSource effects) {
        return JobDefinition.builder(name)
                .trigger(trigger)
                .handler(ctx -> {
                    if (effects == null) {
                        ctx.handle()
                                .execute(
                                        EFFECT,
                                        ctx.jobName(),
                                        ctx.scheduledFireTime().toEpochMilli(),
                                        ctx.nodeId());
                    } else {
                        writeApart(effects, ctx);
                    }
                })
                .build();
    }

    private static void writeApart(DataSource effects, JobContext ctx) throws Exception {
        try (Connection c = effects.getConnection();
                PreparedStatement s = c.prepareStatement(EFFECT)) {
            s.setString(1, ctx.jobName());
            s.setLong(2, ctx.scheduledFireTime().toEpochMilli());
            s.setString(3, ctx.nodeId());
            s.executeUpdate();
        }
    }
}
