package io.lockcron.admin.web;

import io.lockcron.Outcome;
import io.lockcron.admin.ConsoleProperties;
import io.lockcron.admin.cluster.ConsoleReader;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Executions of every job, newest first: filtered by job, node, outcome and time, paged, with errors. */
@ConsolePage
public class ExecutionsPage {
    private final ConsoleReader reader;
    private final ZoneId zone;

    public ExecutionsPage(ConsoleReader reader, ConsoleProperties properties) {
        this.reader = reader;
        this.zone = properties.getTimeZone();
    }

    @GetMapping("/executions")
    public String executions(
            @RequestParam(required = false) @Nullable String job,
            @RequestParam(required = false) @Nullable String node,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ExecutionFilter.DEFAULT_SIZE) int size,
            Model model) {
        ExecutionFilter filter = ExecutionFilter.of(job, node, outcome, from, to, page, size);
        model.addAttribute("executions", reader.executions(filter.query(zone)));
        model.addAttribute("filter", filter);
        model.addAttribute("jobNames", reader.jobNames());
        model.addAttribute("outcomes", Outcome.values());
        return "lockcron-console/executions";
    }
}
