package io.lockcron.admin.web;

import io.lockcron.admin.ConsoleProperties;
import io.lockcron.admin.cluster.ConsoleReader;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The nodes: health, heartbeat age, database session, what each runs now, when it started. */
@ConsolePage
public class NodesPage {
    private final ConsoleReader reader;
    private final ConsoleProperties properties;

    public NodesPage(ConsoleReader reader, ConsoleProperties properties) {
        this.reader = reader;
        this.properties = properties;
    }

    @GetMapping("/nodes")
    public String nodes(Model model) {
        model.addAttribute("nodes", reader.nodes());
        model.addAttribute("deadAfterSeconds", properties.getNodeDeadAfter().toSeconds());
        return "lockcron-console/nodes";
    }
}
