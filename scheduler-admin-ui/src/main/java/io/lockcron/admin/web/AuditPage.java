package io.lockcron.admin.web;

import io.lockcron.admin.cluster.ConsoleReader;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Who triggered, paused, resumed or rescheduled what, and when. */
@ConsolePage
public class AuditPage {
    static final int MAX_LIMIT = 1000;
    private final ConsoleReader reader;

    public AuditPage(ConsoleReader reader) {
        this.reader = reader;
    }

    @GetMapping("/audit")
    public String audit(@RequestParam(defaultValue = "200") int limit, Model model) {
        model.addAttribute("events", reader.audit(Math.max(1, Math.min(limit, MAX_LIMIT))));
        return "lockcron-console/audit";
    }
}
