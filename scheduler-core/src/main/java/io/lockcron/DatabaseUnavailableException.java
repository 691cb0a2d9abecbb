package io.lockcron;

/** The scheduler's database could not be reached. */
public class DatabaseUnavailableException extends LockcronException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
