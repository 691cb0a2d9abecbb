package io.lockcron.admin.web;

import io.lockcron.ActionResult;
import io.lockcron.DatabaseUnavailableException;
import io.lockcron.LockcronException;
import io.lockcron.admin.ConsoleProperties;
import io.lockcron.admin.cluster.ConsoleActions;
import io.lockcron.admin.cluster.ConsoleActions.Source;
import io.lockcron.admin.cluster.ServerError;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The forms behind the action buttons: trigger now, pause, resume, rerun a failed fire, cancel a
 * one-shot, delete a job, bulk pause/resume and save a previewed schedule.
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
        return request(
                name,
                back,
                redirect,
                "Triggered " + name + ": a node runs it within a poll interval.",
                "Trigger of " + name + " accepted: a fire of it is running; it runs once more when that fire ends.",
                () -> actions.trigger(name, Source.CONSOLE));
    }

    @PostMapping("/job/pause")
    public String pause(
            @RequestParam String name, @RequestParam(defaultValue = "job") String back, RedirectAttributes redirect) {
        return request(
                name,
                back,
                redirect,
                "Paused " + name + ".",
                "Pause of " + name + " accepted: a fire of it is running; it applies when that fire ends, and no"
                        + " fire starts after it.",
                () -> actions.pause(name, Source.CONSOLE));
    }

    @PostMapping("/job/resume")
    public String resume(
            @RequestParam String name, @RequestParam(defaultValue = "job") String back, RedirectAttributes redirect) {
        return request(
                name,
                back,
                redirect,
                "Resumed " + name + ".",
                "Resume of " + name + " accepted: a fire of it is running; it applies when that fire ends.",
                () -> actions.resume(name, Source.CONSOLE));
    }

    /** Runs a FAILED fire again as itself; back on the page it came from (job, executions or fire). */
    @PostMapping("/job/rerun")
    public String rerun(
            @RequestParam String name,
            @RequestParam String fire,
            @RequestParam(defaultValue = "job") String back,
            RedirectAttributes redirect) {
        Instant fireTime = FireParameter.parse(fire);
        String notice = "Rerunning the fire of " + name + " at " + fire + ": a node runs it within a poll interval.";
        if (back.equals("fire")) {
            act(name, "job", redirect, notice, () -> actions.rerun(name, fireTime, Source.CONSOLE));
            redirect.addAttribute("at", fire);
            return "redirect:" + base + "/fire";
        }
        if (back.equals("executions")) {
            act(name, "jobs", redirect, notice, () -> actions.rerun(name, fireTime, Source.CONSOLE));
            redirect.addAttribute("job", name);
            return "redirect:" + base + "/executions";
        }
        return act(name, "job", redirect, notice, () -> actions.rerun(name, fireTime, Source.CONSOLE));
    }

    @PostMapping("/job/cancel")
    public String cancel(@RequestParam String name, RedirectAttributes redirect) {
        return remove(
                name, redirect, "Cancelled the one-shot " + name + ".", () -> actions.cancel(name, Source.CONSOLE));
    }

    @PostMapping("/job/delete")
    public String delete(@RequestParam String name, RedirectAttributes redirect) {
        return remove(name, redirect, "Deleted " + name + "; its history stays until it is purged.", () -> {
            actions.delete(name, Source.CONSOLE);
        });
    }

    /** On to the jobs page once the job is gone; back to the job's page with the reason if refused. */
    private String remove(String name, RedirectAttributes redirect, String notice, Runnable action) {
        String back = act(name, "job", redirect, notice, action);
        if (redirect.getFlashAttributes().containsKey("error")) {
            return back;
        }
        redirect.asMap().remove("name"); // the job is gone: the jobs page needs no name
        return "redirect:" + base + "/jobs";
    }

    /** Pauses or resumes the jobs ticked on the jobs page. */
    @PostMapping("/jobs/bulk")
    public String bulk(
            @RequestParam(name = "name", required = false) @Nullable List<String> names,
            @RequestParam String action,
            RedirectAttributes redirect) {
        boolean pause = switch (action) {
            case "pause" -> true;
            case "resume" -> false;
            default -> throw new IllegalArgumentException("action '" + action + "' is not pause or resume.");
        };
        try {
            ConsoleActions.BulkResult result = actions.bulk(names == null ? List.of() : names, pause, Source.CONSOLE);
            redirect.addFlashAttribute(
                    result.refused().isEmpty() ? "notice" : "error", result.summary(pause ? "Paused" : "Resumed"));
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + base + "/jobs";
    }

    @PostMapping("/job/reschedule")
    public String reschedule(
            @RequestParam String name,
            @RequestParam String cron,
            @RequestParam String zone,
            RedirectAttributes redirect) {
        try {
            ConsoleActions.Rescheduled done = actions.reschedule(name, cron, zone, Source.CONSOLE);
            redirect.addFlashAttribute(
                    "notice",
                    done.result() == ActionResult.PENDING
                            ? "New schedule for " + name + " accepted: " + done.schedule() + ". A fire of it is"
                                    + " running; the schedule applies when that fire ends."
                            : "New schedule for " + name + ": " + done.job().schedule() + ".");
        } catch (LockcronException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addAttribute("cron", cron);
            redirect.addAttribute("zone", zone);
        }
        redirect.addAttribute("name", name);
        return "redirect:" + base + "/job";
    }

    /** As {@link #act}, saying whether the request was applied or waits for the running fire to end. */
    private String request(
            String name,
            String back,
            RedirectAttributes redirect,
            String applied,
            String pending,
            Supplier<ActionResult> action) {
        String[] notice = {applied};
        String target = act(name, back, redirect, applied, () -> {
            if (action.get() == ActionResult.PENDING) {
                notice[0] = pending;
            }
        });
        if (redirect.getFlashAttributes().containsKey("notice")) {
            redirect.addFlashAttribute("notice", notice[0]);
        }
        return target;
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
