package io.lockcron.internal.store;

import io.lockcron.LockcronException;

/** A fire's recording statement did not change exactly the rows this fire owns; its transaction must not commit. */
public final class FireRecordMismatchException extends LockcronException {
    private static final long serialVersionUID = 1L;

    public FireRecordMismatchException(String message) {
        super(message);
    }
}
