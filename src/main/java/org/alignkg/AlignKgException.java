package org.alignkg;

/**
 * Base of the errors that a user can act on. Each knows the exit code the CLI returns for it and
 * the HTTP status the server answers with; anything else that escapes is a bug.
 */
public abstract class AlignKgException extends RuntimeException {
    protected AlignKgException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Process exit code (sysexits.h style). */
    public abstract int exitCode();

    /** HTTP status code. */
    public abstract int httpStatus();
}
