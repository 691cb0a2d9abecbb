package io.lockcron.admin.web;

import io.lockcron.JobQuery;
import io.lockcron.JobStatus;
import io.lockcron.Outcome;
import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.trigger.TriggerType;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Jobs, searched by part of the name, state, trigger type and last outcome, paged, with bulk
 * pause and resume of a selection: schedule in words and as written, zone, next and last fire,
 * state, owner node, mode.
 */
@ConsolePage
public class JobsPage {
    public static final int PAGE_SIZE = 50;
    private final ConsoleReader reader;

    public JobsPage(ConsoleReader reader) {
        this.reader = reader;
    }

    @GetMapping("/jobs")
    public String jobs(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String trigger,
            @RequestParam(defaultValue = "") String outcome,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        JobQuery query = new JobQuery(
                q.isBlank() ? null : q.strip(),
                parse(JobStatus.class, "status", status),
                parse(TriggerType.class, "trigger", trigger),
                parse(Outcome.class, "outcome", outcome),
                page,
                PAGE_SIZE);
        model.addAttribute("jobs", reader.jobs(query));
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        model.addAttribute("trigger", trigger);
        model.addAttribute("outcome", outcome);
        model.addAttribute("statuses", JobStatus.values());
        model.addAttribute("triggers", TriggerType.values());
        model.addAttribute("outcomes", Outcome.values());
        return "lockcron-console/jobs";
    }

    /** @throws IllegalArgumentException (400) naming the parameter and its valid values */
    public static <E extends Enum<E>> @Nullable E parse(Class<E> type, String name, String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    name + " '" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "' is not one of "
                            + List.of(type.getEnumConstants()) + ".");
        }
    }
}
