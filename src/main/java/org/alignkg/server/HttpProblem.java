package org.alignkg.server;

/** A request the server refuses with a 4xx status (wrong method, media type, missing token ...). */
final class HttpProblem extends RuntimeException {
    private final int status;

    HttpProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
