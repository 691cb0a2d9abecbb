package io.lockcron.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A database server of a test's own: a temporary data directory, a port found free at start, its
 * own socket and pid file, removed on {@link #close()} and, should the test JVM die first, by a
 * shutdown hook. Tests that restart a server or step its clock use one, never the shared servers
 * other builds are using at the same time.
 *
 * <p>With {@code fakeTime}, the server runs under libfaketime (Debian package {@code faketime})
 * reading a control file on every clock call, so {@link #stepClock} moves the database clock
 * while it runs; the monotonic clock is left alone, as a real wall-clock step leaves it.
 */
public abstract class PrivateServer extends TestDatabase implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    protected final Path dir;
    protected final int port;
    private final Path clockFile;
    private final Thread cleanup = new Thread(this::removeQuietly, "private-server-cleanup");
    private volatile boolean closed;

    protected PrivateServer(String kind, boolean fakeTime) {
        try {
            // Under /tmp, not java.io.tmpdir: a Unix socket path must stay under 108 bytes.
            this.dir = Files.createTempDirectory(Paths.get("/tmp"), "lockcron-" + kind + "-");
            this.port = freePort();
            this.clockFile = fakeTime ? dir.resolve("faketime.rc") : null;
            if (clockFile != null) {
                Files.writeString(clockFile, "+0s\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Creates the data directory (mariadb-install-db, initdb). */
    protected abstract void initialise() throws IOException, InterruptedException;

    /** Starts the server process; returns once it was launched (readiness is awaited after). */
    protected abstract void launch(Map<String, String> environment) throws IOException, InterruptedException;

    /** Stops the server: {@code hard} kills it, as a crash would. */
    protected abstract void halt(boolean hard) throws IOException, InterruptedException;

    /** A JDBC URL of the server's administrative database. */
    protected abstract String adminUrl();

    /** Initialises and starts the server, waiting until it takes connections. */
    public final <T extends PrivateServer> T start() {
        try {
            initialise();
            launchAndWait();
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw new IllegalStateException(
                    "Could not start a private " + name() + " server in " + dir + ": " + e.getMessage() + "\n"
                            + howToProvide(),
                    e);
        }
        @SuppressWarnings("unchecked")
        T self = (T) this;
        return self;
    }

    /** A real restart: the server stops (killed when {@code crash}) and starts again on its data. */
    public void restart(boolean crash) {
        try {
            halt(crash);
            launchAndWait();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Restarting the private " + name() + " server failed: " + e, e);
        }
    }

    /** Sets the database clock to real time plus {@code offset} (a step, not a drift). */
    public void stepClock(Duration offset) {
        if (clockFile == null) {
            throw new IllegalStateException("this private server was started without fakeTime");
        }
        long seconds = offset.toSeconds();
        try {
            Files.writeString(clockFile, (seconds < 0 ? "" : "+") + seconds + "s\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launchAndWait() throws IOException, InterruptedException {
        launch(environment());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(adminUrl(), user(), password())) {
                if (c.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("not taking connections after " + START_TIMEOUT + " on port " + port + " ("
                + (last == null ? "" : last.getMessage()) + "); its log: " + logTail());
    }

    private Map<String, String> environment() {
        if (clockFile == null) {
            return Map.of();
        }
        return Map.of(
                "LD_PRELOAD",
                faketimeLibrary(),
                "FAKETIME_TIMESTAMP_FILE",
                clockFile.toString(),
                "FAKETIME_NO_CACHE",
                "1",
                "FAKETIME_DONT_FAKE_MONOTONIC",
                "1");
    }

    private static String faketimeLibrary() {
        for (String candidate : List.of(
                "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1",
                "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
                "/usr/lib/faketime/libfaketimeMT.so.1")) {
            if (Files.isReadable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("libfaketime is missing: install Debian's package faketime"
                + " (.ci/install-extras does: apt-get update && apt-get install -y faketime)");
    }

    /** The server's temporary directory: data, socket, pid file, logs. */
    public Path directory() {
        return dir;
    }

    /** The last lines of the server's log, for failure messages. */
    public String logTail() {
        Path log = dir.resolve("server.log");
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Runs a setup command to its end, failing with its output. */
    protected void run(List<String> command) throws IOException, InterruptedException {
        Path out = dir.resolve("setup.log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(out));
        }
    }

    protected static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        removeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook itself is running
        }
    }

    private synchronized void removeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            halt(true);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // killing is best effort; the directory goes anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all =
                    new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a file the server wrote while dying; /tmp is cleaned at boot
        }
    }

    protected static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    protected String howToProvide() {
        return "Private servers need the server binaries of Debian's mariadb-server and postgresql packages and, for"
                + " clock steps, the faketime package (.ci/install-extras installs it).";
    }
}
