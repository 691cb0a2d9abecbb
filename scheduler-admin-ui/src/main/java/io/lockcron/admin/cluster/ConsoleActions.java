package io.lockcron.admin.cluster;

import io.lockcron.ActionResult;
import io.lockcron.JobActions;
import io.lockcron.JobInfo;
import io.lockcron.JobStatus;
import io.lockcron.LockcronException;
import io.lockcron.UnknownJobException;
import io.lockcron.trigger.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The console's actions on jobs, and the only way its pages and API act. Each first passes the
 * {@link ActionGuard} (an operator, not read-only), then runs through the core's
 * {@link JobActions}, which writes the audit entry (the user, the action, where it came from) in
 * the same transaction as the change: a refused action (no right, unknown job, a pause of a
 * paused job, a bad schedule, a rerun of a fire that did not fail) throws and records nothing.
 * Pause, resume, trigger and reschedule never wait for a running fire: they answer {@link
 * ActionResult#PENDING} and apply when it ends.
 */
public final class ConsoleActions {
    /** The most jobs one bulk action takes: each is its own transaction. */
    public static final int MAX_BULK = 200;

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

    /** What a bulk action did to each job of the selection, in order. */
    public record BulkResult(List<String> changed, List<String> unchanged, List<String> refused) {
        public String summary(String verb) {
            List<String> parts = new ArrayList<>();
            parts.add(verb + " " + changed.size() + " job" + (changed.size() == 1 ? "" : "s"));
            if (!unchanged.isEmpty()) {
                parts.add(unchanged.size() + " already " + verb.toLowerCase(java.util.Locale.ROOT));
            }
            if (!refused.isEmpty()) {
                parts.add("refused: " + String.join("; ", refused));
            }
            return String.join(", ", parts) + ".";
        }
    }

    /** {@link ActionResult#PENDING} while a fire of the job runs: it runs once more after that fire. */
    public ActionResult trigger(String job, Source source) {
        return as(source).triggerNow(job);
    }

    /**
     * Pauses the job; {@link ActionResult#PENDING} while a fire of it runs (a held lease
     * included): that fire finishes, the next one does not start.
     *
     * @throws LockcronException if the job is paused already, or completed
     */
    public ActionResult pause(String job, Source source) {
        // The client treats pausing a paused job as done; the console says so instead.
        return refuseUnchanged(job, as(source).pause(job), JobStatus.IDLE, "paused");
    }

    /** @throws LockcronException if the job is not paused */
    public ActionResult resume(String job, Source source) {
        return refuseUnchanged(job, as(source).resume(job), JobStatus.PAUSED, "resumed");
    }

    /** Pauses or resumes each job of a selection; one job's refusal does not stop the others. */
    public BulkResult bulk(List<String> jobs, boolean pause, Source source) {
        JobActions actions = as(source);
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("Select at least one job.");
        }
        if (jobs.size() > MAX_BULK) {
            throw new IllegalArgumentException(
                    jobs.size() + " jobs selected; one bulk action takes at most " + MAX_BULK + ".");
        }
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String job : new LinkedHashSet<>(jobs)) {
            try {
                if ((pause ? actions.pause(job) : actions.resume(job)).accepted()) {
                    changed.add(job);
                } else {
                    unchanged.add(job);
                }
            } catch (LockcronException e) {
                refused.add(e.getMessage());
            }
        }
        return new BulkResult(List.copyOf(changed), List.copyOf(unchanged), List.copyOf(refused));
    }

    /**
     * Gives the job a cron schedule, validated exactly as the preview validates it.
     *
     * @return the job as it is now
     */
    public Rescheduled reschedule(String job, String expression, String zone, Source source) {
        JobActions actions = as(source);
        Trigger trigger = SchedulePreviewer.parse(expression, zone);
        ActionResult result = actions.reschedule(job, trigger);
        return new Rescheduled(
                result, trigger.describe(), client.get().job(job).orElseThrow(() -> new UnknownJobException(job)));
    }

    /** A new schedule, applied or (while a fire of the job runs) pending, and the job as it is now. */
    public record Rescheduled(ActionResult result, String schedule, JobInfo job) {}

    /** Runs the FAILED fire of {@code job} at {@code fireTime} again as itself. */
    public void rerun(String job, Instant fireTime, Source source) {
        as(source).rerun(job, fireTime);
    }

    /** Cancels a pending one-shot entry. */
    public void cancel(String entry, Source source) {
        as(source).cancel(entry);
    }

    /** Deletes a job no live node registers. */
    public void delete(String job, Source source) {
        as(source).delete(job);
    }

    private JobActions as(Source source) {
        return client.get().actingAs(guard.operator(), source.words);
    }

    private ActionResult refuseUnchanged(String job, ActionResult result, JobStatus status, String verb) {
        if (result != ActionResult.UNCHANGED) {
            return result;
        }
        JobStatus now = client.get()
                .job(job)
                .orElseThrow(() -> new UnknownJobException(job))
                .status();
        throw new LockcronException(
                "Job '" + job + "' is " + now + "; only a job that is " + status + " can be " + verb + ".");
    }
}
