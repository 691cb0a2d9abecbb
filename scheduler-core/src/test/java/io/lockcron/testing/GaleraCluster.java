package io.lockcron.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Three Galera members of a test's own on free ports of this host (see {@link GaleraMember}): the
 * first bootstraps the cluster, the others join by rsync SST, and {@link #start} returns once every
 * member reports {@code wsrep_cluster_size = 3} and {@code Synced}. {@link #close} kills them all
 * and removes their directories, also when the start failed. As a {@link TestDatabase} the cluster
 * is reached through a Connector/J failover URL over all members, first member first: the single
 * writer deployment.
 */
public final class GaleraCluster extends TestDatabase implements AutoCloseable {
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(90);
    private static final String OPTIONS = "connectTimeout=3000&socketTimeout=30000&allowPublicKeyRetrieval=true"
            + "&useSSL=false&failOverReadOnly=false&retriesAllDown=3&secondsBeforeRetrySource=3600";

    private final List<GaleraMember> members;

    private GaleraCluster(int size) {
        List<GaleraMember> created = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            created.add(new GaleraMember(i));
        }
        this.members = List.copyOf(created);
        List<Integer> groupPorts = members.stream().map(GaleraMember::groupPort).toList();
        for (GaleraMember m : members) {
            m.joining(groupPorts, m == members.get(0));
        }
    }

    /** Whether this host can run members at all (Galera and rsync installed). */
    public static boolean installed() {
        return Files.isReadable(Path.of(GaleraMember.PROVIDER)) && Files.isExecutable(Path.of("/usr/bin/rsync"));
    }

    /** A started, synced three-member cluster; close it to remove it. */
    public static GaleraCluster start() {
        if (!installed()) {
            throw new IllegalStateException("Galera is not installed: " + GaleraMember.PROVIDER
                    + " or rsync is missing (.ci/install-extras installs galera-4 and rsync)");
        }
        GaleraCluster cluster = new GaleraCluster(3);
        try {
            for (GaleraMember m : cluster.members) {
                m.start(); // one at a time: a joiner's SST needs a synced donor
            }
            cluster.awaitSynced(cluster.members.size());
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<GaleraMember> members() {
        return members;
    }

    public GaleraMember member(int index) {
        return members.get(index);
    }

    /**
     * Waits until every live member counts {@code size} members and is Synced (after a kill, the
     * survivors evict the dead one within a few seconds).
     */
    public void awaitSynced(int size) {
        long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = members.stream()
                    .filter(GaleraMember::isAlive)
                    .map(GaleraCluster::state)
                    .collect(Collectors.joining(", "));
            long ready = members.stream()
                    .filter(GaleraMember::isAlive)
                    .map(GaleraCluster::state)
                    .filter(s -> s.equals(size + " Synced"))
                    .count();
            if (ready == members.stream().filter(GaleraMember::isAlive).count() && ready == size) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException("Galera members not all Synced with cluster size " + size + " after "
                + SYNC_TIMEOUT + ": " + last + "; last member's log:\n"
                + members.get(members.size() - 1).logTail());
    }

    private static String state(GaleraMember m) {
        try (Connection c = DriverManager.getConnection(m.adminUrl(), m.user(), m.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                        + " WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'), (SELECT VARIABLE_VALUE FROM"
                        + " information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT')")) {
            rs.next();
            return rs.getString(1) + " " + rs.getString(2);
        } catch (SQLException e) {
            return m.memberName() + " unreachable (" + e.getMessage() + ")";
        }
    }

    /** The failover URL over all members, {@code first} first, then the others in order. */
    public String failoverUrl(int first) {
        List<GaleraMember> order = new ArrayList<>(members);
        order.add(0, order.remove(first));
        return "jdbc:mysql://"
                + order.stream().map(m -> "127.0.0.1:" + m.port()).collect(Collectors.joining(","))
                + "/lockcron?" + OPTIONS;
    }

    @Override
    public String name() {
        return "galera";
    }

    @Override
    public String url() {
        return failoverUrl(0);
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
        return members.get(0).howToProvide();
    }

    @Override
    public void close() {
        members.forEach(GaleraMember::close);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Galera", e);
        }
    }
}
