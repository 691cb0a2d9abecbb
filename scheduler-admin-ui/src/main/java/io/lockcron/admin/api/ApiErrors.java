package io.lockcron.admin.api;

import io.lockcron.DatabaseUnavailableException;
import io.lockcron.InvalidJobException;
import io.lockcron.LockcronException;
import io.lockcron.SchemaException;
import io.lockcron.UnknownJobException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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

    @ExceptionHandler(UnknownJobException.class)
    public ProblemDetail unknownJob(UnknownJobException e) {
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
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(JdbiException.class)
    public ProblemDetail query(JdbiException e) {
        log.warn("A console API query failed", e);
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "A database query failed. Check that the database is up and that the lockcron tables exist (run"
                        + " sql/<dialect>/schema.sql).");
    }

    @ExceptionHandler(LockcronException.class)
    public ProblemDetail refused(LockcronException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
