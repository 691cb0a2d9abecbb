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
        int year = utc.getYear();
        if (year < 1000 || year > 9999) {
            return DATETIME_3.format(utc);
        }
        // Every bound instant passes here (several per fire): by hand, without the formatter's parsing machinery.
        char[] text = "0000-00-00 00:00:00.000".toCharArray();
        digits(text, 0, year, 4);
        digits(text, 5, utc.getMonthValue(), 2);
        digits(text, 8, utc.getDayOfMonth(), 2);
        digits(text, 11, utc.getHour(), 2);
        digits(text, 14, utc.getMinute(), 2);
        digits(text, 17, utc.getSecond(), 2);
        digits(text, 20, utc.getNano() / 1_000_000, 3); // truncated, as the pattern's SSS
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--, value /= 10) {
            text[i] = (char) ('0' + value % 10);
        }
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
