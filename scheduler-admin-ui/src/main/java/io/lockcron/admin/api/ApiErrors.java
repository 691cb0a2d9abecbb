package io.lockcron.admin.api;

import io.lockcron.DatabaseUnavailableException;
import io.lockcron.InvalidJobException;
import io.lockcron.LockcronException;
import io.lockcron.SchemaException;
import io.lockcron.UnknownJobException;
import io.lockcron.admin.cluster.ServerError;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every API error as RFC 9457 problem JSON whose {@code detail} says what was wrong and how to fix
 * it: 400 bad input (a bad cron expression, zone, outcome or time), 404 unknown job, 409 an action
 * the job's state refuses (pausing a paused job), 503 database trouble.
 */
@RestControllerAdvice(annotations = ConsoleApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    private static final String HINT = "Check that the database is up and that the lockcron tables exist (run"
            + " sql/<dialect>/schema.sql), and that lockcron.console.table-prefix matches.";

    @ExceptionHandler({UnknownJobException.class, io.lockcron.admin.web.FirePage.NoSuchFire.class})
    public ProblemDetail unknownJob(LockcronException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({InvalidJobException.class, IllegalArgumentException.class})
    public ProblemDetail badInput(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    public ProblemDetail badParameter(Exception e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({DatabaseUnavailableException.class, SchemaException.class})
    public ProblemDetail database(LockcronException e) {
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE, ServerError.logged(log, "The database is not available", e, HINT));
    }

    @ExceptionHandler(JdbiException.class)
    public ProblemDetail query(JdbiException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ServerError.logged(log, "A database query failed", e, HINT));
    }

    /** Refusals of the action layer belong to Spring Security, which answers them through the chain in place. */
    @ExceptionHandler(AccessDeniedException.class)
    public void denied(AccessDeniedException e) {
        throw e;
    }

    @ExceptionHandler(Exception.class)
    public ProblemDetail unexpected(Exception e) {
        if (e instanceof ErrorResponse refusal) {
            return ProblemDetail.forStatusAndDetail(refusal.getStatusCode(), e.getMessage());
        }
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ServerError.logged(
                        log, "The console failed", e, "This is likely a bug; please report it with the log entry."));
    }

    private static ProblemDetail problem(HttpStatus status, ServerError error) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, error.message());
        problem.setProperty("errorId", error.id());
        return problem;
    }

    @ExceptionHandler(LockcronException.class)
    public ProblemDetail refused(LockcronException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
