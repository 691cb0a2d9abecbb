package io.lockcron.internal.store;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * MySQL 8.0+ and MariaDB 10.6+; both take {@code SKIP LOCKED}. UTC_TIMESTAMP ignores the session
 * time zone, so a server or session set to local time changes nothing.
 */
final class MySqlDialect implements Dialect {
    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private final boolean galera;

    MySqlDialect() {
        this(false);
    }

    /** {@code galera}: the server is a Galera member ({@code wsrep_on}), see {@link GaleraMembers}. */
    MySqlDialect(boolean galera) {
        this.galera = galera;
    }

    boolean galera() {
        return galera;
    }

    @Override
    public boolean certifiesCommits() {
        return galera;
    }

    /**
     * A Galera member applies other members' commits a little later: without the wait, a claim can
     * read a fire another member has just committed as still due, and its skip of that fire (a
     * write to the job's row) would then abort that member's next fire of the job.
     */
    @Override
    public String causalRead() {
        return galera ? "SET STATEMENT wsrep_sync_wait = 1 FOR " : "";
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public String now() {
        return "UTC_TIMESTAMP(3)";
    }

    /**
     * As text: MariaDB announces itself to MySQL clients as "5.5.5-10.x", and Connector/J then
     * drops the milliseconds of temporal parameters, as for a MySQL older than 5.6.4. Both servers
     * read this literal into DATETIME(3) exactly.
     */
    @Override
    public Object bindable(LocalDateTime utc) {
        return DATETIME_3.format(utc);
    }

    /** The same user may kill its own connections; another user's needs CONNECTION_ADMIN (MySQL) or CONNECTION ADMIN (MariaDB). */
    @Override
    public String killSession() {
        return "KILL CONNECTION <session>";
    }

    /**
     * wait_timeout counts any idle time, also of a pooled connection between borrows, so the limit
     * must stay above the pool's connection lifetime (HikariCP: 30 minutes by default).
     */
    @Override
    public String idleLimit(long seconds) {
        return "SET SESSION wait_timeout = " + seconds;
    }

    /** On a Galera member the id is only meaningful on that member: it carries the member's tag. */
    @Override
    public String sessionId() {
        return galera ? "CONCAT(CONNECTION_ID(), '@', " + GaleraMembers.TAG + ")" : "CAST(CONNECTION_ID() AS CHAR)";
    }
}
