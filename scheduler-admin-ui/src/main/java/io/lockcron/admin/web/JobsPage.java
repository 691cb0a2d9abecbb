package io.lockcron.admin.web;

import io.lockcron.admin.cluster.ConsoleReader;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Every job: schedule in words and as written, zone, next and last fire, state, owner node, mode. */
@ConsolePage
public class JobsPage {
    private final ConsoleReader reader;

    public JobsPage(ConsoleReader reader) {
        this.reader = reader;
    }

    @GetMapping("/jobs")
    public String jobs(Model model) {
        model.addAttribute("jobs", reader.jobs());
        return "lockcron-console/jobs";
    }
}
