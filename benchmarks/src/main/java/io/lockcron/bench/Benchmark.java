package io.lockcron.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code benchmarks/run}: measures the bare locked-transaction ceiling, then runs a scenario
 * against the same server in the same run — the throughput of node processes
 * ({@link ThroughputScenario}, the default) or failover ({@link FailoverScenario}). By default
 * the server is a private MariaDB started for the run ({@code --server private}); {@code --server
 * shared} uses {@code --url}, whose counters then include every other client's statements.
 */
public final class Benchmark {
    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.oneOf("server", "private", "shared").equals("shared")) {
            run(Database.of(options), options, Optional.empty());
            return;
        }
        try (PrivateServer server = PrivateServer.start()) {
            Database db = new Database(server.url(), "root", "");
            run(db, options, ProcessHandle.of(server.pid()));
        }
    }

    private static void run(Database db, Options options, Optional<ProcessHandle> server) throws Exception {
        System.out.printf(Locale.ROOT, "server: %s; load %s%n", db.url(), Load.now());
        String driver = System.getenv().getOrDefault("LOCKCRON_BENCH_DRIVER", "");
        if (!driver.isEmpty()) {
            System.out.println("driver properties added (LOCKCRON_BENCH_DRIVER): " + driver);
        }
        try (HikariDataSource admin = db.pool("admin", 4)) {
            db.freshSchema(admin);
            int threads = options.integer("ceiling-threads", 3);
            BaselineLoop.Ceiling ceiling;
            try (HikariDataSource loop = db.pool("baseline", threads)) {
                ceiling = BaselineLoop.measure(loop, threads, 5000);
            }
            System.out.printf(
                    Locale.ROOT,
                    "ceiling: bare locked transaction (select for update, insert, update, commit), %d threads:"
                            + " %.0f tx/s, latency p50 %s ms, p99 %s ms%n",
                    threads,
                    ceiling.perSecond(),
                    Results.millis(ceiling.p50()),
                    Results.millis(ceiling.p99()));
            if (options.oneOf("scenario", "throughput", "failover").equals("failover")) {
                FailoverScenario.run(db, admin, options);
            } else {
                ThroughputScenario.run(db, admin, options, server, ceiling);
            }
        }
    }
}
