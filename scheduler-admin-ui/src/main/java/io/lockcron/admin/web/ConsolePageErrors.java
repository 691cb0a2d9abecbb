package io.lockcron.admin.web;

import io.lockcron.DatabaseUnavailableException;
import io.lockcron.LockcronException;
import io.lockcron.SchemaException;
import io.lockcron.UnknownJobException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

    @ExceptionHandler({DatabaseUnavailableException.class, SchemaException.class})
    public ModelAndView database(LockcronException e) {
        return page(HttpStatus.SERVICE_UNAVAILABLE, "The database is not available", e.getMessage());
    }

    @ExceptionHandler(JdbiException.class)
    public ModelAndView query(JdbiException e) {
        log.warn("A console query failed", e);
        return page(HttpStatus.SERVICE_UNAVAILABLE, "A database query failed", rootMessage(e) + ". " + TABLES_HINT);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ModelAndView badRequest(IllegalArgumentException e) {
        return page(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(LockcronException.class)
    public ModelAndView refused(LockcronException e) {
        return page(HttpStatus.CONFLICT, "Refused", e.getMessage());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private ModelAndView page(HttpStatus status, String title, String message) {
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
