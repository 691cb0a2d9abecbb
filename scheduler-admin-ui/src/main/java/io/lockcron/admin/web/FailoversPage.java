package io.lockcron.admin.web;

import io.lockcron.admin.cluster.ConsoleReader;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Failovers and fencings: which fire a node lost, who took it over, why (crash, hang, lease
 * expiry) and how long the takeover took; and which nodes were fenced, by whom, after how long a
 * silence.
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
        int n = Math.max(1, Math.min(limit, MAX_LIMIT));
        model.addAttribute("failovers", reader.failovers(n));
        model.addAttribute("fencings", reader.fencings(n));
        return "lockcron-console/failovers";
    }
}
