package io.lockcron.admin.api;

import io.lockcron.UnknownJobException;
import io.lockcron.admin.cluster.ConsoleActions;
import io.lockcron.admin.cluster.ConsoleActions.Source;
import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.cluster.JobView;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Acting on jobs: {@code POST api/job/trigger|pause|resume|reschedule?name=}. Each needs the
 * OPERATOR role and a CSRF token, is recorded in the audit log with the caller's name, and answers
 * with the job as it is afterwards.
 */
@ConsoleApi
@RequestMapping("/api/job")
public class JobActionsApi {
    private final ConsoleActions actions;
    private final ConsoleReader reader;

    public JobActionsApi(ConsoleActions actions, ConsoleReader reader) {
        this.actions = actions;
        this.reader = reader;
    }

    @PostMapping("/trigger")
    public JobView trigger(@RequestParam String name) {
        actions.trigger(name, Source.API);
        return job(name);
    }

    @PostMapping("/pause")
    public JobView pause(@RequestParam String name) {
        actions.pause(name, Source.API);
        return job(name);
    }

    @PostMapping("/resume")
    public JobView resume(@RequestParam String name) {
        actions.resume(name, Source.API);
        return job(name);
    }

    /** Gives the job a cron schedule; validated as {@code api/schedule/preview} validates it. */
    @PostMapping("/reschedule")
    public JobView reschedule(
            @RequestParam String name, @RequestParam String cron, @RequestParam(defaultValue = "UTC") String zone) {
        actions.reschedule(name, cron, zone, Source.API);
        return job(name);
    }

    private JobView job(String name) {
        return reader.job(name).orElseThrow(() -> new UnknownJobException(name));
    }
}
