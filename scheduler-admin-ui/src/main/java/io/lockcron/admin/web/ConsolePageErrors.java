package io.lockcron.admin.web;

import io.lockcron.DatabaseUnavailableException;
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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns failures behind a page into a page that says what went wrong and what to do. Ordered
 * first and limited to console pages, so that neither the host application's advice nor Spring
 * Boot's error page (outside the console's security) handles them.
 */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsolePageErrors {
    private static final Logger log = LoggerFactory.getLogger(ConsolePageErrors.class);
    private final ConsolePageAdvice model;
    static final String TABLES_HINT = "Check that the database is up and that the lockcron tables exist"
            + " (run sql/<dialect>/schema.sql), and that lockcron.console.table-prefix matches.";

    public ConsolePageErrors(ConsolePageAdvice model) {
        this.model = model;
    }

    @ExceptionHandler(UnknownJobException.class)
    public ModelAndView unknownJob(UnknownJobException e) {
        return page(HttpStatus.NOT_FOUND, "No such job", e.getMessage());
    }

    @ExceptionHandler(FirePage.NoSuchFire.class)
    public ModelAndView unknownFire(FirePage.NoSuchFire e) {
        return page(HttpStatus.NOT_FOUND, "No such fire", e.getMessage());
    }

    @ExceptionHandler({DatabaseUnavailableException.class, SchemaException.class})
    public ModelAndView database(LockcronException e) {
        ServerError error = ServerError.logged(log, "The database is not available", e, TABLES_HINT);
        return page(HttpStatus.SERVICE_UNAVAILABLE, "The database is not available", error.message());
    }

    @ExceptionHandler(JdbiException.class)
    public ModelAndView query(JdbiException e) {
        ServerError error = ServerError.logged(log, "A database query failed", e, TABLES_HINT);
        return page(HttpStatus.SERVICE_UNAVAILABLE, "A database query failed", error.message());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ModelAndView badRequest(IllegalArgumentException e) {
        return page(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    public ModelAndView badParameter(Exception e) {
        return page(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(LockcronException.class)
    public ModelAndView refused(LockcronException e) {
        return page(HttpStatus.CONFLICT, "Refused", e.getMessage());
    }

    /** Refusals of the action layer belong to Spring Security, which answers them through the chain in place. */
    @ExceptionHandler(AccessDeniedException.class)
    public void denied(AccessDeniedException e) {
        throw e;
    }

    @ExceptionHandler(Exception.class)
    public ModelAndView unexpected(Exception e) throws Exception {
        if (e instanceof ErrorResponse refusal) {
            HttpStatus status = HttpStatus.resolve(refusal.getStatusCode().value());
            if (status != null) {
                return page(status, "Bad request", e.getMessage()); // Spring MVC's own (405, 406, ...)
            }
        }
        ServerError error = ServerError.logged(
                log, "The console failed", e, "This is likely a bug; please report it with the log entry.");
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong", error.message());
    }

    /**
     * A page for a request under the console that Spring MVC itself refuses (no such page, a
     * method the page does not take): styled and short, rather than the host's error page.
     */
    public ModelAndView routing(HttpStatus status) {
        String message = status == HttpStatus.NOT_FOUND
                ? "The console has no page at this address."
                : "This page does not take that request (" + status.value() + " " + status.getReasonPhrase() + ").";
        return page(status, status == HttpStatus.NOT_FOUND ? "No such page" : "Bad request", message);
    }

    ModelAndView page(HttpStatus status, String title, String message) {
        ModelAndView page = new ModelAndView("lockcron-console/error");
        page.setStatus(status);
        // Model attribute methods do not run for exception handlers: the layout's are added here.
        page.addObject("console", model.console());
        page.addObject("fmt", model.format());
        page.addObject("status", status.value());
        page.addObject("title", title);
        page.addObject("message", message);
        return page;
    }
}
