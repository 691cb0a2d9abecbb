package io.lockcron.admin.api;

import io.lockcron.ActionResult;
import io.lockcron.UnknownJobException;
import io.lockcron.admin.cluster.ConsoleActions;
import io.lockcron.admin.cluster.ConsoleActions.Source;
import io.lockcron.admin.cluster.ConsoleReader;
import io.lockcron.admin.cluster.JobView;
import io.lockcron.admin.web.FireParameter;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Acting on jobs: {@code POST api/job/trigger|pause|resume|reschedule|rerun|cancel|delete?name=}
 * and {@code POST api/job/bulk?action=pause|resume&name=...}. Each needs the OPERATOR role and a
 * CSRF token, is recorded in the audit log with the caller's name in the same transaction, and
 * answers with the job as it is afterwards (204 for cancel and delete, which leave no job). None
 * waits for a running fire: pause, resume, trigger and reschedule then answer 202 and apply when
 * that fire ends; rerun, cancel and delete answer 409.
 */
@ConsoleApi
@RequestMapping("/api/job")
public class JobActionsApi {
    /** Says whether a pause, resume, trigger or reschedule was applied or waits for a running fire. */
    public static final String RESULT_HEADER = "Lockcron-Action-Result";

    private final ConsoleActions actions;
    private final ConsoleReader reader;

    public JobActionsApi(ConsoleActions actions, ConsoleReader reader) {
        this.actions = actions;
        this.reader = reader;
    }

    @PostMapping("/trigger")
    public ResponseEntity<JobView> trigger(@RequestParam String name) {
        return answer(actions.trigger(name, Source.API), name);
    }

    @PostMapping("/pause")
    public ResponseEntity<JobView> pause(@RequestParam String name) {
        return answer(actions.pause(name, Source.API), name);
    }

    @PostMapping("/resume")
    public ResponseEntity<JobView> resume(@RequestParam String name) {
        return answer(actions.resume(name, Source.API), name);
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
    public ResponseEntity<JobView> reschedule(
            @RequestParam String name, @RequestParam String cron, @RequestParam(defaultValue = "UTC") String zone) {
        return answer(actions.reschedule(name, cron, zone, Source.API).result(), name);
    }

    /**
     * 200 with the job once applied; 202 Accepted while a fire of the job runs: the request is
     * recorded and applies when that fire ends ({@code GET api/job} lists it under pending requests
     * until then). The {@value #RESULT_HEADER} header says which ({@code APPLIED}, {@code PENDING}).
     */
    private ResponseEntity<JobView> answer(ActionResult result, String name) {
        return ResponseEntity.status(result == ActionResult.PENDING ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .header(RESULT_HEADER, result.name())
                .body(job(name));
    }

    private JobView job(String name) {
        return reader.job(name).orElseThrow(() -> new UnknownJobException(name));
    }
}
