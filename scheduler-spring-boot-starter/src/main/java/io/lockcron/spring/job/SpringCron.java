package io.lockcron.spring.job;

import io.lockcron.InvalidJobException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a {@code @ClusteredJob(cron = ...)} as Spring's {@code @Scheduled} reads it, and writes it
 * in the form lockcron stores: Quartz syntax with day names, which means the same to every
 * reader. So a schedule moved from {@code @Scheduled} or ShedLock keeps its days: in Spring
 * {@code 1-5} is Monday to Friday (0 and 7 are Sunday), in Quartz it would be Sunday to Thursday.
 * Macros ({@code @daily} ...) are expanded; {@code L}, {@code W} and {@code #} keep their meaning.
 */
public final class SpringCron {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 0 1 1 *",
            "@annually", "0 0 0 1 1 *",
            "@monthly", "0 0 0 1 * *",
            "@weekly", "0 0 0 * * 0",
            "@daily", "0 0 0 * * *",
            "@midnight", "0 0 0 * * *",
            "@hourly", "0 0 * * * *");
    /** Spring's day numbers: 0 and 7 are Sunday, 1 is Monday. */
    private static final String[] NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};

    private static final Map<String, Integer> DAYS =
            Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);

    private SpringCron() {}

    /** @throws InvalidJobException with what Spring would refuse or what lockcron cannot express */
    public static String toQuartz(String expression) {
        String spring = MACROS.getOrDefault(expression.trim().toLowerCase(Locale.ROOT), expression.trim());
        String[] f = spring.split("\\s+");
        if (f.length != 6) {
            throw invalid(
                    expression,
                    "Spring's @Scheduled cron has six fields (second minute hour day-of-month month"
                            + " day-of-week) or is a macro such as @daily; this one has " + f.length);
        }
        String dom = f[3].equals("?") ? "*" : f[3];
        String dow = f[5].toUpperCase(Locale.ROOT);
        boolean anyDay = dow.equals("*") || dow.equals("?");
        if (!dom.equals("*") && !anyDay) {
            throw invalid(
                    expression,
                    "it restricts both day-of-month and day-of-week, which Spring fires only on days"
                            + " that match both; lockcron (Quartz) cannot express that. Restrict one of them, and set the other"
                            + " to '*'");
        }
        if (anyDay) {
            return String.join(" ", f[0], f[1], f[2], dom, f[4], "?"); // Quartz's own form: '0 0 6 * * ?'
        }
        String days = weekdays(expression, dow);
        if (days.equals("?")) {
            return String.join(" ", f[0], f[1], f[2], dom, f[4], "?");
        }
        dom = "?";
        return String.join(" ", f[0], f[1], f[2], dom, f[4], days);
    }

    /** A day-of-week field in Spring's numbering, as Quartz day names. */
    private static String weekdays(String expression, String field) {
        if (field.contains("#") || field.endsWith("L")) {
            if (field.contains(",")) {
                throw invalid(expression, "'L' and '#' stand alone in the day-of-week field, not in a list");
            }
            int mark = field.contains("#") ? field.indexOf('#') : field.length() - 1;
            if (mark == 0) {
                throw invalid(expression, "write the day before 'L', e.g. '5L' or 'FRIL' for the last Friday");
            }
            return NAMES[day(expression, field.substring(0, mark))] + field.substring(mark);
        }
        TreeSet<Integer> days = new TreeSet<>();
        for (String item : field.split(",")) {
            String[] stepped = item.split("/", -1);
            int step = stepped.length == 2 ? number(expression, stepped[1]) : 1;
            if (stepped.length > 2 || step < 1) {
                throw invalid(expression, "'" + item + "' is not a day-of-week range or step");
            }
            String range = stepped[0];
            int from;
            int to;
            if (range.equals("*")) {
                from = 1; // Spring counts Monday to Sunday (7): '*/2' is MON,WED,FRI,SUN
                to = 7;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                from = day(expression, ends[0]);
                to = day(expression, ends[1]);
            } else {
                from = day(expression, range);
                to = stepped.length == 2 ? 7 : from;
            }
            if (from > to) {
                throw invalid(
                        expression,
                        "day-of-week range '" + range + "' runs backwards (Spring counts 0 or 7 ="
                                + " Sunday, 1 = Monday ... 6 = Saturday)");
            }
            for (int d = from; d <= to; d += step) {
                days.add(d % 7);
            }
        }
        if (days.size() == 7) {
            return "?";
        }
        StringBuilder out = new StringBuilder();
        for (int d : days) {
            out.append(out.isEmpty() ? "" : ",").append(NAMES[d]);
        }
        return out.toString();
    }

    private static int day(String expression, String token) {
        Integer named = DAYS.get(token);
        if (named != null) {
            return named;
        }
        int n = number(expression, token);
        if (n > 7) {
            throw invalid(expression, "day-of-week " + n + " does not exist (0 or 7 = Sunday ... 6 = Saturday)");
        }
        return n;
    }

    private static int number(String expression, String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw invalid(expression, "'" + token + "' is not a day-of-week (a number 0-7 or SUN-SAT)");
        }
    }

    private static InvalidJobException invalid(String expression, String why) {
        return new InvalidJobException("invalid cron expression '" + expression + "': " + why + ".");
    }
}
