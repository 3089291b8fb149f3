package org.alignkg;

/** A query ran past its time limit and was cancelled. */
public class QueryTimeoutException extends AlignKgException {
    public QueryTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 75;
    }

    @Override
    public int httpStatus() {
        return 503;
    }
}
