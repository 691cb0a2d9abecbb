package io.lockcron.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Spots crons whose day-of-month and month never meet, such as February 30: Quartz would search
 * up to a hundred years for them, which takes it a tenth of a second or more. Only plain numbers,
 * ranges and lists are judged; anything else ({@code *}, {@code L}, {@code W}, steps) may fire.
 */
final class ImpossibleDates {
    private static final int[] MAX_DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

    private ImpossibleDates() {}

    /** True if the normalized six- or seven-field expression can never match a calendar date. */
    static boolean never(String expression) {
        String[] fields = expression.split("\\s+");
        if (fields.length < 6) {
            return false;
        }
        List<Integer> days = values(fields[3], Set.of());
        List<Integer> months = values(fields[4].toUpperCase(Locale.ROOT), Set.copyOf(MONTHS));
        if (days == null || months == null || days.isEmpty() || months.isEmpty()) {
            return false;
        }
        int earliest = days.stream().mapToInt(Integer::intValue).min().orElseThrow();
        return months.stream().allMatch(m -> m < 1 || m > 12 || earliest > MAX_DAYS[m - 1]);
    }

    /** The values of a field of plain numbers (or month names), ranges and lists; null for anything else. */
    private static List<Integer> values(String field, Set<String> names) {
        List<Integer> out = new ArrayList<>();
        for (String part : field.split(",")) {
            String[] range = part.split("-", -1);
            if (range.length > 2) {
                return null;
            }
            Integer from = value(range[0], names);
            Integer to = range.length == 2 ? value(range[1], names) : from;
            if (from == null || to == null || to < from || to - from > 31) {
                return null;
            }
            for (int v = from; v <= to; v++) {
                out.add(v);
            }
        }
        return out;
    }

    private static Integer value(String token, Set<String> names) {
        if (token.matches("\\d{1,2}")) {
            return Integer.valueOf(token);
        }
        return names.contains(token) ? MONTHS.indexOf(token) + 1 : null;
    }
}
