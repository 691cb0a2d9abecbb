package io.lockcron.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One member of a {@link GaleraCluster}: a {@link PrivateServer} running {@code mariadbd} with the
 * Galera 4 provider, its client, group, IST and SST ports all found free on this host. The first
 * member bootstraps the cluster ({@code --wsrep-new-cluster}) from a fresh data directory; the
 * others start empty and receive the data by rsync SST. As root, members run as the {@code mysql}
 * user (the SST script refuses to copy files for root-owned servers into a {@code mysql} datadir
 * and back), so the directory is handed to that user.
 */
public final class GaleraMember extends PrivateServer {
    static final String PROVIDER = "/usr/lib/galera/libgalera_smm.so";
    private static final String OPTIONS = "connectTimeout=5000&allowPublicKeyRetrieval=true&useSSL=false";

    private final int index;
    private final int groupPort;
    private final int istPort;
    private final int sstPort;
    private List<Integer> groupPorts = List.of();
    private boolean bootstrap;
    private Process process;

    GaleraMember(int index) {
        super("galera" + index, false);
        this.index = index;
        try {
            this.groupPort = freePort();
            this.istPort = freePort();
            this.sstPort = freePort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Set before starting: the group ports of every member, and whether this one founds the cluster. */
    void joining(List<Integer> groupPorts, boolean bootstrap) {
        this.groupPorts = List.copyOf(groupPorts);
        this.bootstrap = bootstrap;
    }

    int groupPort() {
        return groupPort;
    }

    /** The client port, e.g. for a multi-host URL. */
    public int port() {
        return port;
    }

    /** Galera's name for this member ({@code wsrep_node_name}). */
    public String memberName() {
        return "member-" + index;
    }

    @Override
    protected void initialise() throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("data"));
        if (isRoot()) {
            run(List.of("chown", "-R", "mysql:mysql", dir.toString()));
        }
        if (bootstrap) {
            List<String> install = new ArrayList<>(List.of(
                    "mariadb-install-db",
                    "--no-defaults",
                    "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db"));
            if (isRoot()) {
                install.add("--user=mysql");
            }
            run(install);
            Files.writeString(dir.resolve("init.sql"), "CREATE DATABASE IF NOT EXISTS lockcron;\n");
        }
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
                "--skip-log-bin",
                "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=8M",
                "--innodb-flush-log-at-trx-commit=2",
                "--performance-schema=OFF",
                "--skip-name-resolve",
                "--log-error=" + dir.resolve("server.log"),
                // What Galera requires of every member.
                "--binlog-format=ROW",
                "--default-storage-engine=InnoDB",
                "--innodb-autoinc-lock-mode=2",
                "--wsrep-on=ON",
                "--wsrep-provider=" + PROVIDER,
                "--wsrep-cluster-name=lockcron-test",
                "--wsrep-cluster-address=gcomm://"
                        + String.join(
                                ",",
                                groupPorts.stream().map(p -> "127.0.0.1:" + p).toList()),
                "--wsrep-node-address=127.0.0.1:" + groupPort,
                "--wsrep-node-name=" + memberName(),
                "--wsrep-node-incoming-address=127.0.0.1:" + port,
                "--wsrep-sst-method=rsync",
                "--wsrep-sst-receive-address=127.0.0.1:" + sstPort,
                // A killed member is evicted in about 3 s instead of the default 15 s.
                "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + groupPort
                        + ";ist.recv_addr=127.0.0.1:" + istPort
                        + ";gcache.size=16M;evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S"
                        + ";evs.suspect_timeout=PT2S;evs.inactive_timeout=PT4S;evs.install_timeout=PT4S"));
        if (bootstrap) {
            command.add("--wsrep-new-cluster");
            command.add("--init-file=" + dir.resolve("init.sql"));
        }
        if (isRoot()) {
            command.add("--user=mysql");
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
            p.destroy();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGKILLs the member, as a crash of its machine would; the others evict it within seconds. */
    public void kill() {
        try {
            halt(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + memberName(), e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    protected String adminUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/?" + OPTIONS;
    }

    @Override
    public String name() {
        return "galera";
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
    protected String howToProvide() {
        return "Galera members need Debian's mariadb-server and galera-4 packages and rsync"
                + " (.ci/install-extras installs galera-4 and rsync).";
    }
}
