package io.lockcron.admin.api;

import io.lockcron.UnknownJobException;
import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.cluster.DurationChart;
import io.lockcron.admin.cluster.JobView;
import io.lockcron.admin.cluster.SchedulePreview;
import io.lockcron.admin.cluster.SchedulePreviewer;
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

    @GetMapping("/job")
    public JobView job(@RequestParam String name) {
        return reader.job(name).orElseThrow(() -> new UnknownJobException(name));
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
