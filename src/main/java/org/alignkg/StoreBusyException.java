package org.alignkg;

/** The TDB2 store is held by another process (typically a running server). */
public class StoreBusyException extends AlignKgException {
    public StoreBusyException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 75; // EX_TEMPFAIL
    }

    @Override
    public int httpStatus() {
        return 503;
    }
}
