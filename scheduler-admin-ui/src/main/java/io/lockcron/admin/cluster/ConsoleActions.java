package io.lockcron.admin.cluster;

import io.lockcron.JobInfo;
import io.lockcron.JobStatus;
import io.lockcron.LockcronException;
import io.lockcron.SchedulerClient;
import io.lockcron.UnknownJobException;
import io.lockcron.trigger.Trigger;

/**
 * The console's actions on jobs, and the only way its pages and API act. Each first passes the
 * {@link ActionGuard} (an operator, not read-only), then is recorded in the audit log with the
 * user who took it: a refused action (no right, unknown job, a pause of a paused job, a bad
 * schedule) throws and records nothing.
 */
public final class ConsoleActions {
    public static final String TRIGGER = "TRIGGER";
    public static final String PAUSE = "PAUSE";
    public static final String RESUME = "RESUME";
    public static final String RESCHEDULE = "RESCHEDULE";

    private final ConsoleClient client;
    private final ActionGuard guard;

    public ConsoleActions(ConsoleClient client, ActionGuard guard) {
        this.client = client;
        this.guard = guard;
    }

    /** Where an action came from, noted in the audit log's detail. */
    public enum Source {
        CONSOLE("from the console"),
        API("through the JSON API");

        private final String words;

        Source(String words) {
            this.words = words;
        }
    }

    public void trigger(String job, Source source) {
        String actor = guard.operator();
        client().triggerNow(job, actor);
        client().recordAction(actor, TRIGGER, job, source.words);
    }

    /** @throws LockcronException if the job is not idle, e.g. already paused */
    public void pause(String job, Source source) {
        String actor = guard.operator();
        // The client treats pausing a paused job as done; the console says so instead of logging a second pause.
        expect(job, JobStatus.IDLE, "paused");
        client().pause(job);
        client().recordAction(actor, PAUSE, job, source.words);
    }

    /** @throws LockcronException if the job is not paused */
    public void resume(String job, Source source) {
        String actor = guard.operator();
        expect(job, JobStatus.PAUSED, "resumed");
        client().resume(job);
        client().recordAction(actor, RESUME, job, source.words);
    }

    /**
     * Gives the job a cron schedule, validated exactly as the preview validates it.
     *
     * @return the job as it is now
     */
    public JobInfo reschedule(String job, String expression, String zone, Source source) {
        String actor = guard.operator();
        Trigger trigger = SchedulePreviewer.parse(expression, zone);
        JobInfo before = client().job(job).orElseThrow(() -> new UnknownJobException(job));
        client().reschedule(job, trigger);
        client().recordAction(
                        actor,
                        RESCHEDULE,
                        job,
                        trigger.describe() + " (was " + before.schedule() + "), " + source.words);
        return client().job(job).orElseThrow(() -> new UnknownJobException(job));
    }

    private void expect(String job, JobStatus status, String verb) {
        JobStatus now = client().job(job)
                .orElseThrow(() -> new UnknownJobException(job))
                .status();
        if (now != status) {
            throw new LockcronException(
                    "Job '" + job + "' is " + now + "; only a job that is " + status + " can be " + verb + ".");
        }
    }

    private SchedulerClient client() {
        return client.get();
    }
}
