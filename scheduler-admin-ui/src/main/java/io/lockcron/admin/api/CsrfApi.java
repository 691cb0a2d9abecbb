package io.lockcron.admin.api;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * {@code GET api/csrf}: a CSRF token for scripts. A script keeps the session cookie this sets
 * and sends the token in the named header with every POST. Other origins cannot read it: the
 * console sends no CORS headers.
 */
@ConsoleApi
@RequestMapping("/api")
public class CsrfApi {

    /** The header and form parameter names, and the token. */
    public record Csrf(String headerName, String parameterName, String token) {}

    @GetMapping("/csrf")
    public Csrf csrf(CsrfToken token) {
        return new Csrf(token.getHeaderName(), token.getParameterName(), token.getToken());
    }
}
