package io.lockcron.testing;

import io.lockcron.job.ExecutionMode;
import io.lockcron.job.JobDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * When each run of a job body really ran, on the machine's clock (all nodes of a test share one):
 * a row when the body starts, its end written when the body returns or is interrupted. Two rows of
 * one job that overlap are two owners running at once.
 */
public final class RunIntervals {
    private final Jdbi jdbi;

    public RunIntervals(DataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource);
    }

    public void reset() {
        jdbi.useHandle(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS test_interval (id BIGINT NOT NULL, job_name VARCHAR(190) NOT NULL,"
                    + " node_id VARCHAR(100) NOT NULL, started_ms BIGINT NOT NULL, ended_ms BIGINT)");
            h.execute("DELETE FROM test_interval");
        });
    }

    /** A lease-mode job, due once at start, whose body works {@code millis} (interruptibly). */
    public JobDefinition leaseJob(String name, long millis) {
        return JobDefinition.builder(name)
                .fixedRate(Duration.ofHours(1))
                .mode(ExecutionMode.LEASE)
                .handler(ctx -> {
                    long id = System.nanoTime();
                    jdbi.useHandle(h -> h.createUpdate("INSERT INTO test_interval (id, job_name, node_id, started_ms)"
                                    + " VALUES (:id, :job, :node, :now)")
                            .bind("id", id)
                            .bind("job", ctx.jobName())
                            .bind("node", ctx.nodeId())
                            .bind("now", System.currentTimeMillis())
                            .execute());
                    try {
                        Thread.sleep(millis);
                    } finally {
                        jdbi.useHandle(h -> h.createUpdate("UPDATE test_interval SET ended_ms = :now WHERE id = :id")
                                .bind("id", id)
                                .bind("now", System.currentTimeMillis())
                                .execute());
                    }
                })
                .build();
    }

    public List<Map<String, Object>> all(String job) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT node_id, started_ms, ended_ms FROM test_interval WHERE job_name = :job ORDER BY started_ms")
                .bind("job", job)
                .mapToMap()
                .list());
    }

    /** Pairs of runs of {@code job} that overlapped in time; a run with no end yet lasts forever. */
    public List<Map<String, Object>> overlaps(String job) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.node_id AS first_node, b.node_id AS second_node,"
                        + " a.started_ms AS first_start, a.ended_ms AS first_end, b.started_ms AS second_start"
                        + " FROM test_interval a JOIN test_interval b ON a.job_name = b.job_name AND a.id <> b.id"
                        + " WHERE a.job_name = :job AND a.started_ms <= b.started_ms"
                        + " AND (a.ended_ms IS NULL OR a.ended_ms > b.started_ms)")
                .bind("job", job)
                .mapToMap()
                .list());
    }
}
