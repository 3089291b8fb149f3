package org.alignkg;

/**
 * The SPARQL server holding the store cannot be reached (refused, reset, timed out connecting)
 * or answers that it is unavailable. Not bad input and not a broken installation: the service is
 * down, and the same command works once it is back.
 */
public class StoreUnavailableException extends AlignKgException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 69; // EX_UNAVAILABLE: a service alignkg needs is down (70 is kept for a broken installation)
    }

    @Override
    public int httpStatus() {
        return 503;
    }
}
