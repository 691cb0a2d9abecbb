package io.lockcron;

/**
 * Root of every exception lockcron throws. Unchecked: a scheduling error is a configuration or
 * infrastructure fault, not something a caller can routinely recover from. Subclasses name the
 * job, the offending value and the fix in their message.
 */
public class LockcronException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LockcronException(String message) {
        super(message);
    }

    public LockcronException(String message, Throwable cause) {
        super(message, cause);
    }
}
