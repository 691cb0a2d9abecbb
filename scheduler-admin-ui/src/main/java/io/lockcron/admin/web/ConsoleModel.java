package io.lockcron.admin.web;

import org.jspecify.annotations.Nullable;

/**
 * What every page template knows besides its own data: who is logged in, whether they may act,
 * how often the page refreshes, which zone its times are in, and where the console is mounted
 * ({@code home}, the target of every page's {@code <base>}: pages served under a deeper path, such
 * as an error answering {@code job/pause}, still find their stylesheet and links).
 */
public record ConsoleModel(
        @Nullable String user,
        @Nullable String role,
        boolean canAct,
        boolean readOnly,
        long refreshSeconds,
        String zone,
        String home) {}
