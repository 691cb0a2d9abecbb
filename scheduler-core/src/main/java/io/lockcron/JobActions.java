package io.lockcron;

import io.lockcron.trigger.Trigger;
import java.time.Instant;

/**
 * Changes to the cluster made on someone's behalf ({@link SchedulerClient#actingAs}). Each is
 * written to {@code audit_event} in the same transaction as the change: an action that did not
 * happen is never on record, and one that happened always is. Refused actions throw
 * {@link UnknownJobException} or {@link LockcronException} with the reason and change nothing.
 *
 * <p>Actions on one job never wait for a fire of that job: while a node holds the job's row, the
 * new actions (rerun, cancel, delete) are refused with "running a fire right now".
 */
public interface JobActions {

    /** @return false if the job was paused already */
    boolean pause(String job);

    /** @return false if the job was not paused */
    boolean resume(String job);

    /** Runs the job once as soon as a node can, besides its schedule. */
    void triggerNow(String job);

    void reschedule(String job, Trigger trigger);

    /**
     * Runs the FAILED fire of {@code job} scheduled at {@code fireTime} again, as that same fire:
     * the same idempotency key (job and fire time), the next attempt number, recorded on the same
     * execution. Refused unless that execution FAILED, while the job runs, or while a trigger-now
     * request is pending.
     */
    void rerun(String job, Instant fireTime);

    /**
     * Cancels a one-shot entry made by {@link SchedulerClient#scheduleOnce} before it has run: its
     * row is deleted. Refused for one-shots declared in code (they come back at the next start:
     * remove them from the code), and for entries that have started or finished.
     */
    void cancel(String entry);

    /**
     * Deletes the job's row (its history stays until the history retention purges it). Refused
     * while a live node registers the job: its code would only register it again.
     */
    void delete(String job);
}
