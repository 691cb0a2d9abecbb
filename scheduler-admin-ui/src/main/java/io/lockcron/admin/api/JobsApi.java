package io.lockcron.admin.api;

import io.lockcron.JobQuery;
import io.lockcron.JobStatus;
import io.lockcron.Outcome;
import io.lockcron.UnknownJobException;
import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.cluster.DurationChart;
import io.lockcron.admin.cluster.FireView;
import io.lockcron.admin.cluster.JobView;
import io.lockcron.admin.cluster.PageView;
import io.lockcron.admin.cluster.SchedulePreview;
import io.lockcron.admin.cluster.SchedulePreviewer;
import io.lockcron.admin.web.FirePage;
import io.lockcron.admin.web.FireParameter;
import io.lockcron.admin.web.JobsPage;
import io.lockcron.trigger.TriggerType;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Reading jobs: {@code GET api/jobs}, {@code GET api/job?name=}, {@code GET api/job/durations?name=}
 * and {@code GET api/schedule/preview?cron=&zone=}. Jobs are named by a query parameter: a name
 * may hold characters that a path segment cannot carry.
 */
@ConsoleApi
@RequestMapping("/api")
public class JobsApi {
    static final int MAX_DURATIONS = 500;
    private final ConsoleReader reader;
    private final SchedulePreviewer previewer;

    public JobsApi(ConsoleReader reader, SchedulePreviewer previewer) {
        this.reader = reader;
        this.previewer = previewer;
    }

    @GetMapping("/jobs")
    public List<JobView> jobs() {
        return reader.jobs();
    }

    /** Jobs searched and paged: {@code q} (part of the name), {@code status}, {@code trigger}, {@code outcome}. */
    @GetMapping("/jobs/search")
    public PageView<JobView> search(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String trigger,
            @RequestParam(defaultValue = "") String outcome,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return reader.jobs(new JobQuery(
                q.isBlank() ? null : q.strip(),
                JobsPage.parse(JobStatus.class, "status", status),
                JobsPage.parse(TriggerType.class, "trigger", trigger),
                JobsPage.parse(Outcome.class, "outcome", outcome),
                page,
                size));
    }

    /** One fire's whole story: {@code GET api/fire?name=&at=} (the fire time, ISO-8601). */
    @GetMapping("/fire")
    public FireView fire(@RequestParam String name, @RequestParam String at) {
        return reader.fire(name, FireParameter.parse(at)).orElseThrow(() -> new FirePage.NoSuchFire(name, at));
    }

    @GetMapping("/job")
    public JobView job(@RequestParam String name) {
        return reader.job(name).orElseThrow(() -> new UnknownJobException(name));
    }

    /** Requests accepted while a fire of the job ran, waiting for it to end; oldest first. */
    @GetMapping("/job/requests")
    public List<io.lockcron.JobRequest> requests(@RequestParam String name) {
        return reader.pendingRequests(name);
    }

    @GetMapping("/job/durations")
    public DurationChart durations(@RequestParam String name, @RequestParam(defaultValue = "100") int limit) {
        reader.job(name).orElseThrow(() -> new UnknownJobException(name));
        return reader.durations(name, ApiParameters.limit(limit, MAX_DURATIONS));
    }

    /** Validates a cron schedule and lists its next fire times; 400 with the reason if it does not parse. */
    @GetMapping("/schedule/preview")
    public SchedulePreview preview(
            @RequestParam String cron,
            @RequestParam(defaultValue = "UTC") String zone,
            @RequestParam(defaultValue = "" + SchedulePreviewer.DEFAULT_COUNT) int count) {
        return previewer.preview(cron, zone, ApiParameters.limit(count, SchedulePreviewer.MAX_COUNT));
    }
}
