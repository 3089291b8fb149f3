package org.alignkg;

/**
 * Input that the user fixes by editing a file, a query or a command line. The message starts
 * with the location ({@code file:line[:column]: detail}).
 */
public class InvalidInputException extends AlignKgException {
    private final SourceLocation location;
    private final String detail;

    public InvalidInputException(SourceLocation location, String detail) {
        this(location, detail, null);
    }

    public InvalidInputException(SourceLocation location, String detail, Throwable cause) {
        super(location + ": " + detail, cause);
        this.location = location;
        this.detail = detail;
    }

    public SourceLocation location() {
        return location;
    }

    public String detail() {
        return detail;
    }

    @Override
    public int exitCode() {
        return 65; // EX_DATAERR
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
