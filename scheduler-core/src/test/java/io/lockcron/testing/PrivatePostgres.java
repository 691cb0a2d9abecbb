package io.lockcron.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server (see {@link PrivateServer}): {@code initdb} into a temporary data
 * directory and {@code pg_ctl} on a free port, with its socket in that directory; trust
 * authentication for user postgres, one database {@code lockcron}. PostgreSQL refuses to run as
 * root, so as root both run as the {@code postgres} system user, who owns the directory.
 *
 * <p>{@link #standbyOf} clones a running server with {@code pg_basebackup -R} into a streaming
 * standby of it, which {@link #promote} turns into a primary: see {@link PrivatePostgresPair}.
 */
public final class PrivatePostgres extends PrivateServer {
    private final Path bin;
    /** Server settings beyond the test defaults, as {@code -c name=value} options. */
    private final String options;
    /** The server a standby is cloned from; null for one made by initdb. */
    private final PrivatePostgres primary;

    private final String slot;

    private PrivatePostgres(boolean fakeTime, String options, PrivatePostgres primary, String slot) {
        super("postgres", fakeTime);
        this.bin = binaries();
        this.options = options;
        this.primary = primary;
        this.slot = slot;
    }

    /** A started server; close it (try-with-resources) to remove it. */
    public static PrivatePostgres start(boolean fakeTime) {
        return new PrivatePostgres(fakeTime, "", null, null).start();
    }

    /**
     * A started hot standby of {@code primary}, streaming from a replication slot of its own and
     * reporting itself as {@code name} (its {@code cluster_name}, which a primary's {@code
     * synchronous_standby_names} matches).
     */
    public static PrivatePostgres standbyOf(PrivatePostgres primary, String name) {
        return new PrivatePostgres(false, "-c cluster_name=" + name, primary, name).start();
    }

    /** Ends recovery: the standby becomes a primary that takes writes ({@code pg_ctl promote}). */
    public void promote() {
        try {
            run(asServerUser(List.of(
                    bin.resolve("pg_ctl").toString(),
                    "-D",
                    dir.resolve("data").toString(),
                    "-w",
                    "-t",
                    "60",
                    "promote")));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("promoting the standby on port " + port + " failed: " + e, e);
        }
    }

    /** Stops the server as a crash would ({@code pg_ctl stop -m immediate}); {@link #close} still removes it. */
    public void crash() {
        try {
            halt(true);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("stopping the server on port " + port + " failed: " + e, e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    protected void initialise() throws IOException, InterruptedException {
        if (isRoot()) {
            UserPrincipal postgres =
                    dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        if (primary != null) {
            // -R writes primary_conninfo and standby.signal; -C -S a slot keeps the WAL it still needs.
            run(asServerUser(List.of(
                    bin.resolve("pg_basebackup").toString(),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    Integer.toString(primary.port),
                    "-U",
                    "postgres",
                    "-D",
                    dir.resolve("data").toString(),
                    "-R",
                    "-X",
                    "stream",
                    "-C",
                    "-S",
                    slot,
                    "--checkpoint=fast", // the default spreads the starting checkpoint over minutes
                    "--no-sync")));
            Files.writeString(dir.resolve("created"), ""); // its databases are the primary's
            return;
        }
        run(asServerUser(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync")));
    }

    @Override
    protected void launch(Map<String, String> environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        // runuser starts with a clean environment: libfaketime's variables go through env.
        command.add("env");
        environment.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-t",
                "90",
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c shared_buffers=16MB -c max_connections=60 " + options,
                "start"));
        run(asServerUser(command));
        if (!Files.exists(dir.resolve("created"))) {
            try (var c = java.sql.DriverManager.getConnection(adminUrl(), user(), password());
                    var s = c.createStatement()) {
                s.execute("CREATE DATABASE lockcron");
            } catch (java.sql.SQLException e) {
                throw new IOException("creating database lockcron: " + e.getMessage(), e);
            }
            Files.writeString(dir.resolve("created"), "");
        }
    }

    @Override
    protected void halt(boolean hard) throws IOException, InterruptedException {
        if (!Files.exists(dir.resolve("data/postmaster.pid"))) {
            return;
        }
        run(asServerUser(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-m",
                hard ? "immediate" : "fast",
                "-w",
                "-t",
                "60",
                "stop")));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin"));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "PostgreSQL server binaries not found under /usr/lib/postgresql: install Debian's postgresql", e);
        }
    }

    @Override
    protected String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=5";
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/lockcron?connectTimeout=5";
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String connectionInitSql() {
        return "SET TIME ZONE 'Pacific/Kiritimati'";
    }
}
