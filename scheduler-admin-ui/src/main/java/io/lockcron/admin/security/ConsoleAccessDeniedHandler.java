package io.lockcron.admin.security;

import io.lockcron.admin.cluster.ActionGuard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.HtmlUtils;

/**
 * Says why a request was refused, as problem JSON to the API and as a short page to browsers:
 * a missing or stale CSRF token, the read-only mode, or a viewer attempting an action.
 */
final class ConsoleAccessDeniedHandler implements AccessDeniedHandler {
    static final String CSRF = "The CSRF token is missing or invalid. Reload the page and try again; a script"
            + " first fetches a token from api/csrf and sends it in the X-CSRF-TOKEN header.";
    static final String READ_ONLY = ActionGuard.READ_ONLY;
    static final String VIEWER = ActionGuard.NOT_OPERATOR;

    private final String basePath;
    private final boolean readOnly;
    private final RequestMatcher api;

    ConsoleAccessDeniedHandler(String basePath, boolean readOnly, RequestMatcher api) {
        this.basePath = basePath;
        this.readOnly = readOnly;
        this.api = api;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        String reason = denied instanceof CsrfException ? CSRF : readOnly ? READ_ONLY : VIEWER;
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (isApi(request)) {
            // The reasons are constants without quotes or backslashes: no JSON escaping needed.
            response.setContentType("application/problem+json");
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"" + reason
                            + "\"}");
        } else {
            response.setContentType("text/html");
            String home = HtmlUtils.htmlEscape(request.getContextPath() + basePath + "/");
            response.getWriter()
                    .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                            + "<title>Forbidden - lockcron</title><link rel=\"stylesheet\" href=\"" + home
                            + "assets/console.css\"></head><body><main><h1>Forbidden</h1><p class=\"error\""
                            + " role=\"alert\">" + HtmlUtils.htmlEscape(reason) + "</p><p><a href=\"" + home
                            + "\">Back to the console</a></p></main></body></html>");
        }
    }

    private boolean isApi(HttpServletRequest request) {
        return api.matches(request);
    }
}
