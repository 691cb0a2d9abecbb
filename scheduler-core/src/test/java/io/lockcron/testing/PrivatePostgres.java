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
 */
public final class PrivatePostgres extends PrivateServer {
    private final Path bin;

    private PrivatePostgres(boolean fakeTime) {
        super("postgres", fakeTime);
        this.bin = binaries();
    }

    /** A started server; close it (try-with-resources) to remove it. */
    public static PrivatePostgres start(boolean fakeTime) {
        return new PrivatePostgres(fakeTime).start();
    }

    @Override
    protected void initialise() throws IOException, InterruptedException {
        if (isRoot()) {
            UserPrincipal postgres =
                    dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
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
                        + " -c shared_buffers=16MB -c max_connections=60",
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
