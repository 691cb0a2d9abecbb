package io.lockcron.admin.cluster;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A failure behind a page or an API call that is not the caller's doing (the database is down, a
 * query failed, a bug), logged once with its stack trace under a short id. Viewers see a generic
 * message and the id; operators also see what to do and the kind of failure (an SQL state or an
 * exception type). The raw text of the database or the driver (table names, locked rows, SQL)
 * goes only to the log.
 */
public record ServerError(String id, String forViewers, String forOperators) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Logs {@code failure} under a new id and says what an operator can do about it ({@code hint}). */
    public static ServerError logged(Logger log, String what, Throwable failure, String hint) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        log.warn("lockcron console error {}: {}", id, what, failure);
        String forViewers = what + " (error id " + id + "). Tell an operator this id: the details are in the"
                + " application's log.";
        String forOperators = what + ": " + kind(failure) + ". " + hint + " The details are in the application's log"
                + " under error id " + id + ".";
        return new ServerError(id, forViewers, forOperators);
    }

    /** The message for whoever is logged in now. */
    public String message() {
        return ActionGuard.isOperator(SecurityContextHolder.getContext().getAuthentication())
                ? forOperators
                : forViewers;
    }

    private static String kind(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return "SQL state " + sql.getSQLState();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
