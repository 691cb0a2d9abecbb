package io.lockcron.admin.security;

import io.lockcron.admin.cluster.ConsoleClient;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The console's authentication manager behind a {@link LoginThrottle}: an attempt that must still
 * wait is refused unchecked; each wrong password is counted and recorded in the audit log as
 * {@value #LOGIN_FAILED} with the client address (best effort: a database outage must not turn a
 * wrong password into an error page).
 */
final class ThrottledAuthentication implements AuthenticationManager {
    static final String LOGIN_FAILED = "LOGIN_FAILED";
    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthentication.class);
    /** The audit log's actor column holds 100 characters; an invented name may be longer. */
    private static final int MAX_ACTOR = 100;

    private final AuthenticationManager users;
    private final LoginThrottle throttle;
    private final ConsoleClient client;

    ThrottledAuthentication(AuthenticationManager users, LoginThrottle throttle, ConsoleClient client) {
        this.users = users;
        this.throttle = throttle;
        this.client = client;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String name = String.valueOf(attempt.getName());
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress()
                : "unknown";
        Optional<Duration> wait = throttle.waitFor(name, address);
        if (wait.isPresent()) {
            throw new LockedException("Too many failed logins for this user or from this address; try again in "
                    + seconds(wait.get()) + " s.");
        }
        try {
            Authentication done = users.authenticate(attempt);
            throttle.succeeded(name, address);
            return done;
        } catch (BadCredentialsException e) {
            Duration next = throttle.failed(name, address);
            audit(name, address, next);
            throw e;
        }
    }

    private void audit(String name, String address, Duration next) {
        String actor = name.length() <= MAX_ACTOR ? name : name.substring(0, MAX_ACTOR);
        String detail = "wrong user name or password from " + address
                + (next.isZero() ? "" : "; next attempt allowed in " + seconds(next) + " s");
        log.warn("lockcron console: failed login for '{}' from {}", actor, address);
        try {
            client.get().recordAction(actor, LOGIN_FAILED, null, detail);
        } catch (RuntimeException e) {
            log.warn("lockcron console: could not record the failed login in the audit log: {}", e.toString());
        }
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
