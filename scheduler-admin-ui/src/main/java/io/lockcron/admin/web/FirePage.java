package io.lockcron.admin.web;

import io.lockcron.LockcronException;
import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.cluster.FireView;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One fire of one job ({@code fire?name=&at=}): every attempt with node, session, fencing token,
 * start, end, outcome and its own error; the failover or fencing that ended an attempt; the
 * payload. Linked from the executions, failovers and job pages.
 */
@ConsolePage
public class FirePage {
    private final ConsoleReader reader;

    public FirePage(ConsoleReader reader) {
        this.reader = reader;
    }

    @GetMapping("/fire")
    public String fire(@RequestParam String name, @RequestParam String at, Model model) {
        FireView fire = reader.fire(name, FireParameter.parse(at)).orElseThrow(() -> new NoSuchFire(name, at));
        model.addAttribute("fire", fire);
        model.addAttribute("at", at);
        return "lockcron-console/fire";
    }

    /** A 404: no execution and no attempt of that job at that time. */
    public static final class NoSuchFire extends LockcronException {
        public NoSuchFire(String job, String at) {
            super("Job '" + job + "' has no execution and no attempt of a fire at " + at
                    + ". Pick a fire from its job page or the executions page.");
        }
    }
}
