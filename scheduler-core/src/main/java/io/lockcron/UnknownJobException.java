package io.lockcron;

/** A client operation named a job that is not in the {@code lock_cron} table. */
public class UnknownJobException extends LockcronException {
    private static final long serialVersionUID = 1L;

    public UnknownJobException(String jobName) {
        super("No job named '" + jobName + "' in lock_cron. Check the name (jobs are listed by"
                + " SchedulerClient.jobs()), or start a node that registers it.");
    }
}
