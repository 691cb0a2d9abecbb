package io.lockcron.admin.web;

import io.lockcron.admin.ConsoleProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers Spring MVC's own refusals under the console's path (no page there, a wrong method)
 * itself: a styled page for browsers, problem JSON for the API. Left to Spring MVC they would be
 * sent to the host's {@code /error}, outside the console's security, which answers with whatever
 * the host's chain says (often an empty 403). Requests outside the console are left alone.
 */
public final class ConsoleRoutingErrors implements HandlerExceptionResolver, Ordered {
    private final String base;
    private final ConsolePageErrors pages;

    public ConsoleRoutingErrors(ConsoleProperties properties, ConsolePageErrors pages) {
        this.base = properties.basePath();
        this.pages = pages;
    }

    @Override
    public @Nullable ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, @Nullable Object handler, Exception ex) {
        // Errors of the console's own handlers go to ConsolePageErrors and ApiErrors, with their messages.
        if (!(ex instanceof ErrorResponse refusal) || handler instanceof HandlerMethod) {
            return null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(base + "/") && !path.equals(base)) {
            return null;
        }
        HttpStatus status = HttpStatus.resolve(refusal.getStatusCode().value());
        if (status == null) {
            return null;
        }
        if (!path.startsWith(base + "/api/")) {
            return pages.routing(status);
        }
        try {
            response.setStatus(status.value());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentType("application/problem+json");
            // The detail is one of two constant sentences: no JSON escaping needed.
            String detail = status == HttpStatus.NOT_FOUND
                    ? "The console's API has nothing at this address; see docs/console.md for its calls."
                    : "This API call does not take that request.";
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
                            + status.value() + ",\"detail\":\"" + detail + "\"}");
            return new ModelAndView();
        } catch (IOException e) {
            return null;
        }
    }

    /** Before Spring MVC's own resolvers, which would send these to {@code /error}. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
