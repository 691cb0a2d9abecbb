package io.lockcron.admin.web;

import io.lockcron.admin.ConsoleProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every console page the {@code console} and {@code fmt} model attributes. */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsolePageAdvice {
    private final ConsoleProperties properties;
    private final ConsoleFormat format;

    public ConsolePageAdvice(ConsoleProperties properties) {
        this.properties = properties;
        this.format = new ConsoleFormat(properties.getTimeZone());
    }

    @ModelAttribute("console")
    public ConsoleModel console() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean loggedIn = auth != null && auth.isAuthenticated() && has(auth, "ROLE_VIEWER");
        boolean operator = loggedIn && has(auth, "ROLE_OPERATOR");
        return new ConsoleModel(
                loggedIn ? auth.getName() : null,
                loggedIn ? (operator ? "operator" : "viewer") : null,
                operator && !properties.isReadOnly(),
                properties.isReadOnly(),
                properties.getRefreshInterval().toSeconds(),
                properties.getTimeZone().getId(),
                properties.basePath() + "/");
    }

    @ModelAttribute("fmt")
    public ConsoleFormat format() {
        return format;
    }

    private static boolean has(@Nullable Authentication auth, String authority) {
        return auth != null
                && auth.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(authority::equals);
    }
}
