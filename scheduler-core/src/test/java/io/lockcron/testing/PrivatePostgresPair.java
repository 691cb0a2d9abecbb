package io.lockcron.testing;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A private PostgreSQL primary with one synchronous streaming standby, reached as clients of a
 * real deployment reach it: through a multi-host URL that only accepts the server taking writes
 * ({@code targetServerType=primary}). {@link #crashPrimary} and {@link #promoteStandby} make the
 * switchover; {@link #close} removes both servers.
 */
public final class PrivatePostgresPair extends TestDatabase implements AutoCloseable {
    static final String STANDBY = "standby1";
    private static final Duration SYNC_WAIT = Duration.ofSeconds(60);

    private final PrivatePostgres primary;
    private final PrivatePostgres standby;

    private PrivatePostgresPair(PrivatePostgres primary, PrivatePostgres standby) {
        this.primary = primary;
        this.standby = standby;
    }

    /**
     * Starts both and returns once the primary reports the standby as synchronous, so that every
     * commit acknowledged from then on is on the standby too.
     */
    public static PrivatePostgresPair start() {
        PrivatePostgres primary = PrivatePostgres.start(false);
        PrivatePostgres standby = null;
        try {
            standby = PrivatePostgres.standbyOf(primary, STANDBY);
            PrivatePostgresPair pair = new PrivatePostgresPair(primary, standby);
            pair.requireSynchronousStandby();
            pair.awaitSynchronous();
            return pair;
        } catch (RuntimeException e) {
            if (standby != null) {
                standby.close();
            }
            primary.close();
            throw e;
        }
    }

    /**
     * Set only after the clone: before it, every commit (even CREATE DATABASE) would wait for a
     * standby that does not exist yet, and a clone would carry the setting into the standby, which
     * once promoted would wait for ever for a standby of its own.
     */
    private void requireSynchronousStandby() {
        try (Connection c = DriverManager.getConnection(primary.url(), user(), password());
                Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET synchronous_standby_names = '" + STANDBY + "'");
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("could not make the standby synchronous: " + e.getMessage(), e);
        }
    }

    private void awaitSynchronous() {
        long deadline = System.nanoTime() + SYNC_WAIT.toNanos();
        String state = "none";
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(primary.url(), user(), password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT sync_state FROM pg_stat_replication"
                            + " WHERE application_name = '" + STANDBY + "' AND state = 'streaming'")) {
                state = rs.next() ? rs.getString(1) : "not streaming";
                if (state.equals("sync")) {
                    return;
                }
                Thread.sleep(100);
            } catch (SQLException e) {
                state = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("the standby is not synchronous after " + SYNC_WAIT + " (" + state
                + "); its log: " + standby.logTail());
    }

    /** The primary stops dead, as a crash would: connections end without a reply. */
    public void crashPrimary() {
        primary.crash();
    }

    /** The standby ends recovery and takes writes (what a failover manager does). */
    public void promoteStandby() {
        standby.promote();
    }

    public PrivatePostgres primary() {
        return primary;
    }

    public PrivatePostgres standby() {
        return standby;
    }

    /**
     * Both hosts, primary first; only a server that takes writes is accepted, a host that does not
     * answer is given up on after 2 s (see README "PostgreSQL with a standby").
     */
    @Override
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port()
                + "/lockcron?targetServerType=primary&connectTimeout=2";
    }

    /** {@link #url()} with each server reached through its proxy, so that a test can freeze one path. */
    public String urlVia(TcpProxy toPrimary, TcpProxy toStandby) {
        return url().replace(":" + primary.port() + ",", ":" + toPrimary.port() + ",")
                .replace(":" + standby.port() + "/", ":" + toStandby.port() + "/");
    }

    /** The pool settings README recommends for a database that fails over. */
    @Override
    protected void tune(HikariConfig config) {
        config.setConnectionTimeout(3000);
        config.setValidationTimeout(1000);
        config.setKeepaliveTime(30_000);
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String user() {
        return primary.user();
    }

    @Override
    public String password() {
        return primary.password();
    }

    @Override
    public String connectionInitSql() {
        return primary.connectionInitSql();
    }

    @Override
    protected String howToProvide() {
        return primary.howToProvide();
    }

    @Override
    public void close() {
        standby.close();
        primary.close();
    }
}
