package io.lockcron.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of the benchmark's own, in a temporary data directory on disk (so commits pay
 * a real fsync) and on a port found free now. Only on a server nobody else uses are the global
 * statement and row counters, and the server's CPU time, the benchmark's own.
 */
final class PrivateServer implements AutoCloseable {
    private final Path dir;
    private final Process process;
    private final int port;

    private PrivateServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    static PrivateServer start() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/sbin/mariadbd"))
                || !Files.isExecutable(Path.of("/usr/bin/mariadb-install-db"))) {
            throw new IllegalStateException("benchmarks/run starts a private MariaDB and needs mariadbd and"
                    + " mariadb-install-db (apt-get install mariadb-server), or point it at a server of your own"
                    + " with --server shared and LOCKCRON_BENCH_URL");
        }
        Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "lockcron-bench-db-");
        Path data = dir.resolve("data");
        run(
                List.of(
                        "mariadb-install-db",
                        "--no-defaults",
                        "--user=" + System.getProperty("user.name"),
                        "--datadir=" + data,
                        "--auth-root-authentication-method=normal",
                        "--skip-test-db"),
                dir.resolve("install.log"));
        int port = freePort();
        Process process = new ProcessBuilder(
                        "/usr/sbin/mariadbd",
                        "--no-defaults",
                        "--user=" + System.getProperty("user.name"),
                        "--datadir=" + data,
                        "--port=" + port,
                        "--bind-address=127.0.0.1",
                        "--socket=" + dir.resolve("mysqld.sock"),
                        "--pid-file=" + dir.resolve("mysqld.pid"),
                        "--max-connections=2000",
                        "--skip-log-bin",
                        // As the shared server: a durable commit is an fsync of the redo log.
                        "--innodb-flush-log-at-trx-commit=1")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        PrivateServer server = new PrivateServer(dir, process, port);
        try {
            server.awaitUp(Duration.ofSeconds(60));
            try (Connection c = DriverManager.getConnection(server.rootUrl(""), "root", "")) {
                c.createStatement().execute("CREATE DATABASE lockcron_bench");
            }
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    String url() {
        return rootUrl("lockcron_bench");
    }

    long pid() {
        return process.pid();
    }

    private String rootUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?allowPublicKeyRetrieval=true&useSSL=false";
    }

    private void awaitUp(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(rootUrl(""), "root", "")) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException(
                            "the private MariaDB did not start within " + timeout + "; see "
                                    + dir.resolve("server.log"),
                            e);
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " failed; see " + log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
