package io.lockcron.admin.api;

import io.lockcron.UnknownJobException;
import io.lockcron.admin.cluster.ConsoleActions;
import io.lockcron.admin.cluster.ConsoleActions.Source;
import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.cluster.JobView;
import io.lockcron.admin.web.FireParameter;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Acting on jobs: {@code POST api/job/trigger|pause|resume|reschedule|rerun|cancel|delete?name=}
 * and {@code POST api/job/bulk?action=pause|resume&name=...}. Each needs the OPERATOR role and a
 * CSRF token, is recorded in the audit log with the caller's name in the same transaction, and
 * answers with the job as it is afterwards (204 for cancel and delete, which leave no job).
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

    /** Runs the FAILED fire of the job at {@code fire} (ISO-8601) again as itself: same key, next attempt. */
    @PostMapping("/rerun")
    public JobView rerun(@RequestParam String name, @RequestParam String fire) {
        actions.rerun(name, FireParameter.parse(fire), Source.API);
        return job(name);
    }

    /** Cancels a pending one-shot entry; answers 204. */
    @PostMapping("/cancel")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void cancel(@RequestParam String name) {
        actions.cancel(name, Source.API);
    }

    /** Deletes a job no live node registers; answers 204, 409 while a node still registers it. */
    @PostMapping("/delete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@RequestParam String name) {
        actions.delete(name, Source.API);
    }

    /** Pauses or resumes every {@code name} given; says which changed, which already were, which were refused. */
    @PostMapping("/bulk")
    public ConsoleActions.BulkResult bulk(
            @RequestParam(name = "name") List<String> names, @RequestParam String action) {
        return switch (action) {
            case "pause" -> actions.bulk(names, true, Source.API);
            case "resume" -> actions.bulk(names, false, Source.API);
            default -> throw new IllegalArgumentException("action '" + action + "' is not pause or resume.");
        };
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
