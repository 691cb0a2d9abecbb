package io.lockcron.internal.fire;

/** The failure of a fire as stored in {@code job_execution.error}: message, causes and top frames. */
final class ErrorSummary {
    static final int MAX_LENGTH = 4000;
    private static final int FRAMES = 8;

    private ErrorSummary() {}

    static String of(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            out.append(depth == 0 ? "" : "Caused by: ").append(t).append('\n');
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                out.append("\tat ").append(frames[i]).append('\n');
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return out.length() > MAX_LENGTH
                ? out.substring(0, MAX_LENGTH - 3) + "..."
                : out.toString().strip();
    }
}
