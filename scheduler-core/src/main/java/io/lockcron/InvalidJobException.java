package io.lockcron;

/** A job definition that cannot be scheduled: bad cron, unknown zone, duplicate name, bad settings. */
public class InvalidJobException extends LockcronException {
    private static final long serialVersionUID = 1L;

    public InvalidJobException(String message) {
        super(message);
    }

    public InvalidJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
