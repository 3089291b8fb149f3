package org.alignkg.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.javalin.http.Context;

/**
 * Guards writes with a bearer token. No token configured: writes are disabled (403). No or
 * malformed Authorization header: 401 with a Bearer challenge. Wrong token: 403.
 */
final class Auth {
    private final byte[] token;

    Auth(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    void requireToken(Context ctx) {
        if (token == null)
            throw new HttpProblem(403, "writes are disabled on this server (start it with --update-token or ALIGNKG_UPDATE_TOKEN to enable them)");
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"alignkg\"");
            throw new HttpProblem(401, "this operation needs 'Authorization: Bearer <update token>'");
        }
        byte[] given = h.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        // constant-time comparison, so response timing does not leak the token
        if (!MessageDigest.isEqual(given, token))
            throw new HttpProblem(403, "wrong update token");
    }
}
