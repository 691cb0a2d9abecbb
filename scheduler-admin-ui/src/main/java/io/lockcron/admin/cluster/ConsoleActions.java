package io.lockcron.admin.cluster;

import io.lockcron.JobInfo;
import io.lockcron.JobStatus;
import io.lockcron.LockcronException;
import io.lockcron.SchedulerClient;
import io.lockcron.UnknownJobException;
import io.lockcron.trigger.Trigger;

/**
 * The console's actions on jobs. Each is recorded in the audit log with the user who took it,
 * after it took effect: a refused action (unknown job, a pause of a paused job, a bad schedule)
 * throws and records nothing.
 */
public final class ConsoleActions {
    public static final String TRIGGER = "TRIGGER";
    public static final String PAUSE = "PAUSE";
    public static final String RESUME = "RESUME";
    public static final String RESCHEDULE = "RESCHEDULE";

    private final ConsoleClient client;

    public ConsoleActions(ConsoleClient client) {
        this.client = client;
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

    public void trigger(String actor, String job, Source source) {
        client().triggerNow(job, actor);
        client().recordAction(actor, TRIGGER, job, source.words);
    }

    /** @throws LockcronException if the job is not idle, e.g. already paused */
    public void pause(String actor, String job, Source source) {
        // The client treats pausing a paused job as done; the console says so instead of logging a second pause.
        expect(job, JobStatus.IDLE, "paused");
        client().pause(job);
        client().recordAction(actor, PAUSE, job, source.words);
    }

    /** @throws LockcronException if the job is not paused */
    public void resume(String actor, String job, Source source) {
        expect(job, JobStatus.PAUSED, "resumed");
        client().resume(job);
        client().recordAction(actor, RESUME, job, source.words);
    }

    /**
     * Gives the job a cron schedule, validated exactly as the preview validates it.
     *
     * @return the job as it is now
     */
    public JobInfo reschedule(String actor, String job, String expression, String zone, Source source) {
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
