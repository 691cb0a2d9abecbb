package io.lockcron.admin.web;

import org.jspecify.annotations.Nullable;

/**
 * What every page template knows besides its own data: who is logged in, whether they may act,
 * how often the page refreshes and which zone its times are in.
 */
public record ConsoleModel(
        @Nullable String user,
        @Nullable String role,
        boolean canAct,
        boolean readOnly,
        long refreshSeconds,
        String zone) {}
