package io.lockcron.admin.web;

import io.lockcron.admin.ConsoleProperties;
import io.lockcron.admin.cluster.ConsoleReader;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The cluster at a glance: nodes, jobs by state, the last hour, executions per minute. */
@ConsolePage
public class OverviewPage {
    private final ConsoleReader reader;
    private final String base;

    public OverviewPage(ConsoleReader reader, ConsoleProperties properties) {
        this.reader = reader;
        this.base = properties.basePath();
    }

    @GetMapping({"", "/"})
    public String overview(HttpServletRequest request, Model model) {
        if (!request.getRequestURI().endsWith("/")) {
            // Pages link to each other relatively, which needs the trailing slash.
            return "redirect:" + base + "/";
        }
        model.addAttribute("overview", reader.overview());
        java.time.Instant now = reader.now();
        model.addAttribute("promise", reader.promise(now.minus(java.time.Duration.ofHours(1)), now, null));
        return "lockcron-console/overview";
    }
}
