package io.lockcron.admin.web;

import io.lockcron.DatabaseUnavailableException;
import io.lockcron.JobInfo;
import io.lockcron.LockcronException;
import io.lockcron.admin.ConsoleProperties;
import io.lockcron.admin.cluster.ConsoleActions;
import io.lockcron.admin.cluster.ConsoleActions.Source;
import io.lockcron.admin.cluster.ServerError;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The forms behind the action buttons: trigger now, pause, resume and save a previewed schedule.
 * Each answers with a redirect back to the page it came from (post/redirect/get) and a notice or
 * an error. The security chain checks the CSRF token; {@link ConsoleActions} checks the role and
 * the read-only mode, whichever chain is in place.
 */
@ConsolePage
public class JobActionForms {
    private static final Logger log = LoggerFactory.getLogger(JobActionForms.class);
    private final ConsoleActions actions;
    private final String base;

    public JobActionForms(ConsoleActions actions, ConsoleProperties properties) {
        this.actions = actions;
        this.base = properties.basePath();
    }

    @PostMapping("/job/trigger")
    public String trigger(
            @RequestParam String name, @RequestParam(defaultValue = "job") String back, RedirectAttributes redirect) {
        return act(name, back, redirect, "Triggered " + name + ": a node runs it within a poll interval.", () -> {
            actions.trigger(name, Source.CONSOLE);
        });
    }

    @PostMapping("/job/pause")
    public String pause(
            @RequestParam String name, @RequestParam(defaultValue = "job") String back, RedirectAttributes redirect) {
        return act(name, back, redirect, "Paused " + name + ".", () -> {
            actions.pause(name, Source.CONSOLE);
        });
    }

    @PostMapping("/job/resume")
    public String resume(
            @RequestParam String name, @RequestParam(defaultValue = "job") String back, RedirectAttributes redirect) {
        return act(name, back, redirect, "Resumed " + name + ".", () -> {
            actions.resume(name, Source.CONSOLE);
        });
    }

    @PostMapping("/job/reschedule")
    public String reschedule(
            @RequestParam String name,
            @RequestParam String cron,
            @RequestParam String zone,
            RedirectAttributes redirect) {
        try {
            JobInfo job = actions.reschedule(name, cron, zone, Source.CONSOLE);
            redirect.addFlashAttribute("notice", "New schedule for " + name + ": " + job.schedule() + ".");
        } catch (LockcronException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addAttribute("cron", cron);
            redirect.addAttribute("zone", zone);
        }
        redirect.addAttribute("name", name);
        return "redirect:" + base + "/job";
    }

    private String act(String name, String back, RedirectAttributes redirect, String notice, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (DatabaseUnavailableException | JdbiException e) {
            // Back on the page it came from, with an id to find the database's own words in the log.
            redirect.addFlashAttribute(
                    "error",
                    ServerError.logged(log, "The action did not complete", e, ConsolePageErrors.TABLES_HINT)
                            .message());
        } catch (LockcronException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        if (back.equals("jobs")) {
            return "redirect:" + base + "/jobs";
        }
        redirect.addAttribute("name", name);
        return "redirect:" + base + "/job";
    }
}
