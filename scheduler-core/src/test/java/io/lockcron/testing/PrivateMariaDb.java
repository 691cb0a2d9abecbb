package io.lockcron.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private MariaDB server (see {@link PrivateServer}): {@code mariadb-install-db} into a temporary
 * data directory, {@code mariadbd} on a free port with its own socket and pid file, user root with
 * no password, one database {@code lockcron}. As root it runs with {@code --user=root}.
 */
public final class PrivateMariaDb extends PrivateServer {
    private static final String OPTIONS = "connectTimeout=5000&allowPublicKeyRetrieval=true&useSSL=false";
    private Process process;

    private PrivateMariaDb(boolean fakeTime) {
        super("mariadb", fakeTime);
    }

    /** A started server; close it (try-with-resources) to remove it. */
    public static PrivateMariaDb start(boolean fakeTime) {
        return new PrivateMariaDb(fakeTime).start();
    }

    @Override
    protected void initialise() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "mariadb-install-db",
                "--no-defaults",
                "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=normal",
                "--skip-test-db"));
        if (isRoot()) {
            command.add("--user=root");
        }
        run(command);
        Files.writeString(dir.resolve("init.sql"), "CREATE DATABASE IF NOT EXISTS lockcron;\n");
    }

    @Override
    protected void launch(Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "mariadbd",
                "--no-defaults",
                "--datadir=" + dir.resolve("data"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"),
                "--init-file=" + dir.resolve("init.sql"),
                "--skip-log-bin",
                "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=16M",
                "--innodb-flush-log-at-trx-commit=2",
                "--performance-schema=ON",
                "--log-error=" + dir.resolve("server.log")));
        if (isRoot()) {
            command.add("--user=root");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("stdout.log").toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    @Override
    protected void halt(boolean hard) throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        if (hard) {
            p.destroyForcibly();
        } else {
            p.destroy(); // SIGTERM: a clean shutdown
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The server process's pid, e.g. to freeze it with SIGSTOP. */
    public long pid() {
        return process.pid();
    }

    @Override
    protected String adminUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/?" + OPTIONS;
    }

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public String url() {
        return "jdbc:mysql://127.0.0.1:" + port + "/lockcron?" + OPTIONS;
    }

    @Override
    public String user() {
        return "root";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String connectionInitSql() {
        return "SET time_zone = '-05:00'";
    }

    @Override
    public int dropAllConnections(javax.sql.DataSource admin) {
        throw new UnsupportedOperationException("restart() it instead");
    }

    Path dataDir() {
        return dir.resolve("data");
    }
}
