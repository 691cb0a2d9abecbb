package io.lockcron.admin.web;

import io.lockcron.ExecutionQuery;
import io.lockcron.InvalidJobException;
import io.lockcron.UnknownJobException;
import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.cluster.JobView;
import io.lockcron.admin.cluster.SchedulePreviewer;
import io.lockcron.trigger.TriggerType;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One job: its state and actions, its execution history with a chart of durations, its
 * failovers and its audit trail. With {@code cron} (and {@code zone}) it also previews a new
 * schedule, which the user then saves: nothing is saved that was not previewed first.
 *
 * <p>The job is named by a query parameter rather than a path segment: job names may hold any
 * printable character, and '/', '%' or ';' in a path are refused by servlet containers and by
 * Spring Security's firewall.
 */
@ConsolePage
public class JobPage {
    static final int HISTORY_PAGE_SIZE = 20;
    private final ConsoleReader reader;
    private final SchedulePreviewer previewer;

    public JobPage(ConsoleReader reader, SchedulePreviewer previewer) {
        this.reader = reader;
        this.previewer = previewer;
    }

    @GetMapping("/job")
    public String job(
            @RequestParam String name,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) @Nullable String cron,
            @RequestParam(required = false) @Nullable String zone,
            Model model) {
        JobView job = reader.job(name).orElseThrow(() -> new UnknownJobException(name));
        model.addAttribute("job", job);
        model.addAttribute(
                "executions",
                reader.executions(ExecutionQuery.all().job(name).page(Math.max(0, page), HISTORY_PAGE_SIZE)));
        model.addAttribute("failovers", reader.failoversOf(name, 20));
        java.time.Instant now = reader.now();
        model.addAttribute("promise", reader.promise(now.minus(java.time.Duration.ofDays(1)), now, name));
        model.addAttribute("audit", reader.auditOf(name, 20));
        model.addAttribute("requests", reader.pendingRequests(name));
        String currentCron =
                job.triggerType() == TriggerType.CRON && job.triggerValue() != null ? job.triggerValue() : "";
        model.addAttribute("cron", cron != null ? cron : currentCron);
        model.addAttribute("zone", zone != null ? zone : job.zone());
        if (cron != null) {
            try {
                model.addAttribute(
                        "preview",
                        previewer.preview(cron, zone == null ? job.zone() : zone, SchedulePreviewer.DEFAULT_COUNT));
            } catch (InvalidJobException e) {
                model.addAttribute("previewError", e.getMessage());
            }
        }
        return "lockcron-console/job";
    }
}
