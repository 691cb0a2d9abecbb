package io.lockcron.testing;

import io.lockcron.job.JobContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The jobs' own side effects, in a table of the test's: one row per run of a job body, written
 * inside the fire's transaction ({@code TX}) or through a separate autocommit connection
 * ({@code AUTO}). Counting them is how tests see what really ran, independent of lockcron's records.
 */
public final class Effects {
    public static final String TX = "TX";
    public static final String AUTO = "AUTO";

    private final DataSource dataSource;
    private final Jdbi jdbi;

    public Effects(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    public void reset() {
        TestDatabase.execute(
                dataSource,
                List.of(
                        "CREATE TABLE IF NOT EXISTS test_effect (job_name VARCHAR(190) NOT NULL, fire_time VARCHAR(40) NOT NULL,"
                                + " node_id VARCHAR(100) NOT NULL, kind VARCHAR(8) NOT NULL, attempt INT NOT NULL)",
                        "DELETE FROM test_effect"));
    }

    /** Writes a TX row in the fire's own transaction. */
    public static void inTransaction(JobContext ctx) {
        ctx.handle()
                .createUpdate("INSERT INTO test_effect (job_name, fire_time, node_id, kind, attempt)"
                        + " VALUES (:job, :fire, :node, 'TX', :attempt)")
                .bind("job", ctx.jobName())
                .bind("fire", ctx.scheduledFireTime().toString())
                .bind("node", ctx.nodeId())
                .bind("attempt", ctx.attempt())
                .execute();
    }

    /** Writes an AUTO row on a connection of its own, committed at once: it survives a rollback. */
    public void autocommit(JobContext ctx) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO test_effect (job_name, fire_time, node_id, kind,"
                        + " attempt) VALUES (?, ?, ?, 'AUTO', ?)")) {
            c.setAutoCommit(true);
            s.setString(1, ctx.jobName());
            s.setString(2, ctx.scheduledFireTime().toString());
            s.setString(3, ctx.nodeId());
            s.setInt(4, ctx.attempt());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int count(String job, String kind) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT COUNT(*) FROM test_effect WHERE job_name = :job AND kind = :kind")
                        .bind("job", job)
                        .bind("kind", kind)
                        .mapTo(Integer.class)
                        .one());
    }

    /** Rows of {@code kind} per (job, fire time), for the fires that have more than one. */
    public List<Map<String, Object>> duplicates(String kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT job_name, fire_time, COUNT(*) AS n FROM test_effect"
                        + " WHERE kind = :kind GROUP BY job_name, fire_time HAVING COUNT(*) > 1")
                .bind("kind", kind)
                .mapToMap()
                .list());
    }

    /** The fire times with a {@code kind} row for {@code job}, as ISO strings. */
    public List<String> fires(String job, String kind) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT fire_time FROM test_effect WHERE job_name = :job AND kind = :kind"
                                + " ORDER BY fire_time")
                        .bind("job", job)
                        .bind("kind", kind)
                        .mapTo(String.class)
                        .list());
    }

    public int total(String kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM test_effect WHERE kind = :kind")
                .bind("kind", kind)
                .mapTo(Integer.class)
                .one());
    }
}
