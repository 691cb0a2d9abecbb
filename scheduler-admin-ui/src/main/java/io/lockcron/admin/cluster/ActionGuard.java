package io.lockcron.admin.cluster;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The check every console action passes before it touches the cluster, whatever filter chain let
 * the request in: the caller must hold {@value #OPERATOR_AUTHORITY} and the console must not be
 * read-only. The console's own chain refuses the same requests earlier; this check is what still
 * holds when a host application replaces that chain with its own (e.g. an SSO chain that only
 * asks for {@code authenticated()}).
 */
public final class ActionGuard {
    public static final String OPERATOR_AUTHORITY = "ROLE_OPERATOR";
    public static final String READ_ONLY = "The console is read-only (lockcron.console.read-only=true): trigger, pause,"
            + " resume, rerun, cancel, delete and schedule changes are switched off.";
    public static final String NOT_OPERATOR =
            "Your role may only view. Acting on jobs (trigger, pause, resume, rerun, cancel, delete, reschedule)"
                    + " needs the OPERATOR role.";

    private final boolean readOnly;

    public ActionGuard(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /**
     * @return the name of the authenticated operator, for the audit log
     * @throws AccessDeniedException if the console is read-only or the caller is not an operator;
     *     Spring Security answers it with 403 through whichever chain is in place
     */
    public String operator() {
        if (readOnly) {
            throw new AccessDeniedException(READ_ONLY);
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!isOperator(auth)) {
            throw new AccessDeniedException(NOT_OPERATOR);
        }
        return auth.getName();
    }

    /** Whether actions are offered to the current user at all: pages hide what {@link #operator()} would refuse. */
    public boolean mayAct() {
        return !readOnly && isOperator(SecurityContextHolder.getContext().getAuthentication());
    }

    public static boolean isOperator(@Nullable Authentication auth) {
        return auth != null
                && auth.isAuthenticated()
                && !(auth instanceof AnonymousAuthenticationToken)
                && auth.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(OPERATOR_AUTHORITY::equals);
    }
}
