package io.lockcron.internal.fire;

/**
 * The failure of a fire as stored in {@code job_execution.error}: message, causes and top frames,
 * cut to {@value #MAX_LENGTH} characters (at most 16,000 bytes in UTF-8, within every dialect's
 * column) without splitting a character.
 */
final class ErrorSummary {
    static final int MAX_LENGTH = 4000;
    private static final int FRAMES = 8;
    static final String ESCAPED = "[non-ASCII characters escaped to fit the column] ";

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
        for (Throwable suppressed : failure.getSuppressed()) {
            // e.g. why the outcome could not be recorded the first time
            out.append("Suppressed: ").append(suppressed).append('\n');
        }
        return cut(out.toString().strip());
    }

    /**
     * The same text with every non-ASCII character written as {@code \}{@code uXXXX}: what any
     * column stores, whatever its character set (an old latin1 table cannot hold CJK or emoji).
     */
    static String ascii(Throwable failure) {
        String text = of(failure);
        if (text.chars().allMatch(c -> c < 0x80)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + ESCAPED.length()).append(ESCAPED);
        text.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                out.append((char) cp);
            } else if (cp <= 0xFFFF) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.append(String.format("\\u{%X}", cp));
            }
        });
        return cut(out.toString());
    }

    static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_LENGTH - 3)) + "...";
    }
}
