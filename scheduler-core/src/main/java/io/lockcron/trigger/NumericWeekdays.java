package io.lockcron.trigger;

import io.lockcron.InvalidJobException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Day-of-week numbers mean different days to Quartz (1 = Sunday ... 7 = Saturday) and to Spring's
 * {@code @Scheduled}, ShedLock users and Unix cron (0 or 7 = Sunday, 1 = Monday ...): {@code 1-5}
 * is Sunday to Thursday in one and Monday to Friday in the other. The core API takes neither
 * guess; it asks for names, which mean the same everywhere. (The Spring starter reads
 * {@code @ClusteredJob} crons as Spring does and stores them with names.)
 */
final class NumericWeekdays {
    /** A weekday number: not a step ({@code /2}), not an occurrence ({@code #3}), not part of a longer number. */
    private static final Pattern DAY = Pattern.compile("(?<![#/\\d])([0-7])(?!\\d)");

    private static final String[] QUARTZ = {"?", "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final String[] SPRING = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};

    private NumericWeekdays() {}

    /** @throws InvalidJobException if the day-of-week field of a six- or seven-field cron holds a day number */
    static void refuse(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length < 6 || !DAY.matcher(fields[5]).find()) {
            return;
        }
        String field = fields[5];
        throw new InvalidJobException("cron expression '" + expression + "': day-of-week '" + field + "' is ambiguous."
                + " Quartz reads the numbers as " + reading(field, QUARTZ) + ", Spring's @Scheduled and Unix cron as "
                + reading(field, SPRING) + ". Write the days as names (SUN, MON, TUE, WED, THU, FRI, SAT), e.g. '"
                + replace(field, SPRING) + "' for the Spring reading.");
    }

    private static String reading(String field, String[] names) {
        String replaced = replace(field, names);
        return replaced.contains("?") ? "'" + replaced + "' (0 is no Quartz day)" : "'" + replaced + "'";
    }

    private static String replace(String field, String[] names) {
        Matcher m = DAY.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, names[Integer.parseInt(m.group(1))]);
        }
        m.appendTail(out);
        return out.toString();
    }
}
