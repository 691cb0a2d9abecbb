package io.lockcron;

import io.lockcron.trigger.Trigger;
import java.time.Instant;

/**
 * Changes to the cluster made on someone's behalf ({@link SchedulerClient#actingAs}). Each is
 * written to {@code audit_event} in the same transaction as the change: an action that did not
 * happen is never on record, and one that happened always is. Refused actions throw
 * {@link UnknownJobException} or {@link LockcronException} with the reason and change nothing.
 *
 * <p>Actions on one job never wait for a fire of that job. While a fire holds the job's row (a
 * transactional fire for as long as it runs; a lease fire's row says RUNNING), pause, resume,
 * trigger and reschedule are accepted and answer {@link ActionResult#PENDING}: recorded, audited,
 * and applied when that fire ends, in the order they arrived (the fire's node applies them in
 * its own final transaction, or the next node to find the row free does, within a poll
 * interval). A pending pause lets the running fire finish and stops the next one; a pending
 * trigger runs one more fire after it; a pending reschedule computes the next fire from the new
 * trigger. Rerun, cancel and delete are refused with "running a fire right now" when the row
 * stays held for 2 s (a claim or a short fire holding it meanwhile only delays them).
 */
public interface JobActions {

    /** @return {@link ActionResult#UNCHANGED} if the job was paused already */
    ActionResult pause(String job);

    /** @return {@link ActionResult#UNCHANGED} if the job was not paused */
    ActionResult resume(String job);

    /** Runs the job once as soon as a node can, besides its schedule (after its running fire, if any). */
    ActionResult triggerNow(String job);

    /**
     * Gives the job a new schedule; its next fire is computed from {@code trigger} when applied.
     *
     * @throws InvalidJobException if {@code trigger} never fires again
     */
    ActionResult reschedule(String job, Trigger trigger);

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
