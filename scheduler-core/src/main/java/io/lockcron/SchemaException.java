package io.lockcron;

/** The lockcron tables are missing or at a version this release does not run on. */
public class SchemaException extends LockcronException {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }
}
