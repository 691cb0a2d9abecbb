package io.lockcron.admin;

import java.util.List;

/** What a console user may do. */
public enum ConsoleRole {
    /** Sees every page and reads the JSON API. */
    VIEWER,
    /** Also triggers, pauses, resumes and reschedules jobs (unless the console is read-only). */
    OPERATOR;

    /** The Spring Security authorities a user with this role holds; an operator is a viewer too. */
    public List<String> authorities() {
        return this == OPERATOR ? List.of("ROLE_VIEWER", "ROLE_OPERATOR") : List.of("ROLE_VIEWER");
    }
}
