package io.lockcron.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.lockcron.NodeState;
import io.lockcron.SchedulerClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code benchmarks/run}: N node processes run J jobs that fire every second (all on the second
 * by default) plus I idle jobs, for D seconds; then the effect rows and the tables say how many
 * fires ran, how late, whether any ran twice or not at all, and the server's counters and the
 * processes' CPU time what each fire cost.
 */
final class ThroughputScenario {
    /** Fires more than the misfire threshold (5 s) late are folded; wait that long for the window's last fires. */
    private static final Duration GRACE = Duration.ofSeconds(7);

    /**
     * The window starts only after this: pools full, first fires run, and the hottest code
     * compiled. The JIT compilers go on for minutes at a few fires per second (at 10 fires/s on 3
     * nodes still half a node's CPU after 100 s): their CPU is counted apart, not as fires' cost.
     */
    private static final int WARMUP_SECONDS = 20;

    private ThroughputScenario() {}

    /** Lets the nodes fire for {@code seconds}, then prints their CPU over the last 5 s: the window's should match. */
    private static void warmUp(NodeProcesses nodes, int seconds) throws InterruptedException {
        int settled = Math.min(5, seconds);
        Thread.sleep(1000L * (seconds - settled));
        Duration cpu0 = nodes.cpu();
        var jit0 = nodes.compilerTicks();
        Thread.sleep(1000L * settled);
        double per = 1000.0 * Math.max(1, settled);
        System.out.printf(
                Locale.ROOT,
                "warm-up: %d s; node CPU over its last %d s: %.3f cores, and JIT compilers %.3f cores more%n",
                seconds,
                settled,
                nodes.cpu().minus(cpu0).minus(nodes.compilerCpu(jit0)).toMillis() / per,
                nodes.compilerCpu(jit0).toMillis() / per);
    }

    /** {@code --node-urls a|b|c}: node n on the ((n - 1) mod 3)th URL; by default all on {@code --url}. */
    private static List<String> nodeUrls(Options options) {
        String urls = options.get("node-urls", "");
        return urls.isEmpty() ? List.of() : List.of(urls.split("\\|"));
    }

    static void run(
            Database db,
            HikariDataSource admin,
            Options options,
            Optional<ProcessHandle> server,
            BaselineLoop.Ceiling ceiling)
            throws Exception {
        int nodeCount = options.integer("nodes", 3);
        int jobs = options.integer("jobs", 100);
        int idle = options.integer("idle-jobs", 0);
        int seconds = options.integer("seconds", 20);
        int workers = options.integer("workers", 8);
        String shape = options.oneOf("shape", "aligned", "spread");
        String effect = options.oneOf("effect", "autocommit", "tx");
        String transactions = options.oneOf("transactions", "own", "spring");
        List<String> nodeArguments = new ArrayList<>(db.arguments());
        nodeArguments.addAll(List.of(
                "--role",
                "throughput",
                "--jobs",
                String.valueOf(jobs),
                "--idle-jobs",
                String.valueOf(idle),
                "--workers",
                String.valueOf(workers),
                "--shape",
                shape,
                "--effect",
                effect,
                "--transactions",
                transactions));
        SchedulerClient client = SchedulerClient.create(admin);
        Jdbi jdbi = Jdbi.create(admin);
        Window window;
        Results results;
        String jfr = options.get("jfr", "");
        try (NodeProcesses nodes = NodeProcesses.start(nodeCount, nodeArguments, nodeUrls(options))) {
            Waits.until("all " + nodeCount + " nodes up", Duration.ofSeconds(300), () -> {
                nodes.requireAlive();
                return client.nodes().stream()
                                .filter(n -> n.state() == NodeState.ACTIVE)
                                .count()
                        == nodeCount;
            });
            warmUp(nodes, options.integer("warmup", WARMUP_SECONDS));
            if (!jfr.isEmpty()) {
                nodes.startRecording();
            }
            window = Window.measure(client, admin, nodes, server, seconds);
            if (!jfr.isEmpty()) {
                nodes.stopRecording(jfr);
            }
            Thread.sleep(GRACE.toMillis());
            nodes.requireAlive();
        }
        results = Results.measure(jdbi, window.from(), window.to(), (long) jobs * seconds);
        print(options, nodeCount, jobs, idle, window, results, ceiling);
    }

    /**
     * The measured window, whole seconds of database time, with the counters over it; {@code
     * nodeCpu} leaves out the JIT compiler threads' {@code compilerCpu}.
     */
    record Window(
            Instant from, Instant to, ServerCounters server, Duration nodeCpu, Duration compilerCpu, String load) {
        static Window measure(
                SchedulerClient client,
                HikariDataSource admin,
                NodeProcesses nodes,
                Optional<ProcessHandle> server,
                int seconds)
                throws Exception {
            Instant dbNow = client.now();
            Duration offset = Duration.between(Instant.now(), dbNow);
            Instant from = dbNow.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            Instant to = from.plusSeconds(seconds);
            sleepUntil(from.minus(offset));
            ServerCounters s0 = ServerCounters.sample(admin, server);
            Duration cpu0 = nodes.cpu();
            var jit0 = nodes.compilerTicks();
            String load0 = Load.now();
            sleepUntil(to.minus(offset));
            ServerCounters s1 = ServerCounters.sample(admin, server);
            Duration cpu1 = nodes.cpu();
            Duration jit = nodes.compilerCpu(jit0);
            return new Window(from, to, s1.minus(s0), cpu1.minus(cpu0).minus(jit), jit, load0 + " -> " + Load.now());
        }

        private static void sleepUntil(Instant local) throws InterruptedException {
            long ms = Duration.between(Instant.now(), local).toMillis();
            if (ms > 0) {
                Thread.sleep(ms);
            }
        }
    }

    private static void print(
            Options options, int nodeCount, int jobs, int idle, Window w, Results r, BaselineLoop.Ceiling ceiling) {
        double seconds = Duration.between(w.from(), w.to()).toSeconds();
        double done = r.done() / seconds;
        double perThousand = 1000.0 / Math.max(1, r.done());
        System.out.printf(
                Locale.ROOT,
                "lockcron: %d node processes x %d jobs every second (%s), %d idle jobs, %s workers each,"
                        + " effect %s, transactions %s, %.0f s window; load %s%n",
                nodeCount,
                jobs,
                options.get("shape", "aligned"),
                idle,
                options.get("workers", "8"),
                options.get("effect", "autocommit"),
                options.get("transactions", "own"),
                seconds,
                w.load());
        System.out.printf(
                Locale.ROOT,
                "fires/s done (asked): %.1f (%.1f); missed %d (%.1f %%), doubled %d; executions %d%n",
                done,
                r.asked() / seconds,
                r.missed(),
                100.0 * r.missed() / Math.max(1, r.asked()),
                r.doubled(),
                r.executions());
        System.out.printf(
                Locale.ROOT,
                "start lag (database time): p50 %s ms, p99 %s ms, max %s ms%n",
                Results.millis(r.lags().p50()),
                Results.millis(r.lags().p99()),
                Results.millis(r.lags().max()));
        String dbCpu = w.server().cpu().isPresent()
                ? String.format(Locale.ROOT, "%.2f s", w.server().cpu().get().toMillis() / 1000.0 * perThousand)
                : "n/a (server process unknown)";
        System.out.printf(
                Locale.ROOT,
                "per fire: %.1f statements, %.1f commits; rows read %.0f/s; per 1,000 fires: node CPU %.2f s (JIT not counted),"
                        + " database CPU %s%n",
                w.server().statements() / (double) Math.max(1, r.done()),
                w.server().commits() / (double) Math.max(1, r.done()),
                w.server().rowsRead() / seconds,
                w.nodeCpu().toMillis() / 1000.0 * perThousand,
                dbCpu);
        StringBuilder kinds = new StringBuilder();
        w.server().kinds().forEach((k, v) -> {
            if (v > 0) {
                kinds.append(String.format(Locale.ROOT, " %s %.2f", k, v / (double) Math.max(1, r.done())));
            }
        });
        System.out.println("statements per fire by kind (Com_*):" + kinds);
        System.out.printf(
                Locale.ROOT,
                "node CPU in the window: %.3f cores, and JIT compilers %.3f cores more (%.2f s per 1,000 fires);"
                        + " ratio to ceiling: %.3f%n",
                w.nodeCpu().toMillis() / (1000.0 * seconds),
                w.compilerCpu().toMillis() / (1000.0 * seconds),
                w.compilerCpu().toMillis() / 1000.0 * perThousand,
                done / ceiling.perSecond());
        // One line for a table of runs (benchmarks' README table, bench-table scripts).
        System.out.printf(
                Locale.ROOT,
                "row: | %d nodes, %d jobs%s%s | %.0f tx/s | %.1f (%.0f) | %.3f | %d / %d | %s / %s / %s ms | %.1f | %.0f"
                        + " | %.2f / %s | %s |%n",
                nodeCount,
                jobs,
                idle > 0 ? " + " + idle + " idle" : "",
                options.get("transactions", "own").equals("spring") ? ", Spring transactions" : "",
                ceiling.perSecond(),
                done,
                r.asked() / seconds,
                done / ceiling.perSecond(),
                r.missed(),
                r.doubled(),
                Results.millis(r.lags().p50()),
                Results.millis(r.lags().p99()),
                Results.millis(r.lags().max()),
                w.server().statements() / (double) Math.max(1, r.done()),
                w.server().rowsRead() / seconds,
                w.nodeCpu().toMillis() / 1000.0 * perThousand,
                dbCpu.replace(" s", ""),
                w.load());
    }
}
