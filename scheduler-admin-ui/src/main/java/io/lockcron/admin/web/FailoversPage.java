package io.lockcron.admin.web;

import io.lockcron.admin.cluster.ConsoleReader;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Failovers and fencings: which fire a node lost, who took it over, why (crash, hang, lease
 * expiry) and how long the takeover took.
 */
@ConsolePage
public class FailoversPage {
    static final int MAX_LIMIT = 1000;
    private final ConsoleReader reader;

    public FailoversPage(ConsoleReader reader) {
        this.reader = reader;
    }

    @GetMapping("/failovers")
    public String failovers(@RequestParam(defaultValue = "100") int limit, Model model) {
        model.addAttribute("failovers", reader.failovers(Math.max(1, Math.min(limit, MAX_LIMIT))));
        return "lockcron-console/failovers";
    }
}
