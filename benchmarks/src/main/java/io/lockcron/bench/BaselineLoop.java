package io.lockcron.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * The ceiling: bare JDBC running the same shape of locked transaction as a fire (select for
 * update, insert, update, commit) as fast as it can, one row per thread so nothing waits.
 */
final class BaselineLoop {
    private BaselineLoop() {}

    record Ceiling(double perSecond, double p50, double p99) {}

    static Ceiling measure(DataSource dataSource, int threads, long millis) throws Exception {
        Database.execute(
                dataSource,
                List.of(
                        "DROP TABLE IF EXISTS bench_lock",
                        "DROP TABLE IF EXISTS bench_exec",
                        "CREATE TABLE bench_lock (id INT PRIMARY KEY, n BIGINT NOT NULL)",
                        "CREATE TABLE bench_exec (id BIGINT AUTO_INCREMENT PRIMARY KEY, lock_id INT NOT NULL, n BIGINT NOT NULL)"));
        for (int t = 0; t < threads; t++) {
            Database.execute(dataSource, List.of("INSERT INTO bench_lock VALUES (" + t + ", 0)"));
        }
        long end = System.nanoTime() + millis * 1_000_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Long> latencies = new ArrayList<>();
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> loop(dataSource, id, end)));
            }
            for (Future<List<Long>> f : futures) {
                latencies.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Database.execute(dataSource, List.of("DROP TABLE bench_lock", "DROP TABLE bench_exec"));
        latencies.sort(null);
        return new Ceiling(
                latencies.size() / (millis / 1000.0),
                Results.percentile(latencies, 50),
                Results.percentile(latencies, 99));
    }

    /** Transaction latencies in microseconds. */
    private static List<Long> loop(DataSource dataSource, int id, long end) throws SQLException {
        List<Long> latencies = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement lock =
                        c.prepareStatement("SELECT n FROM bench_lock WHERE id = ? FOR UPDATE SKIP LOCKED");
                PreparedStatement insert = c.prepareStatement("INSERT INTO bench_exec (lock_id, n) VALUES (?, ?)");
                PreparedStatement update = c.prepareStatement("UPDATE bench_lock SET n = n + 1 WHERE id = ?")) {
            c.setAutoCommit(false);
            long now = System.nanoTime();
            while (now < end) {
                lock.setInt(1, id);
                long n;
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    n = rs.getLong(1);
                }
                insert.setInt(1, id);
                insert.setLong(2, n);
                insert.executeUpdate();
                update.setInt(1, id);
                update.executeUpdate();
                c.commit();
                long after = System.nanoTime();
                latencies.add((after - now) / 1000);
                now = after;
            }
        }
        return latencies;
    }
}
