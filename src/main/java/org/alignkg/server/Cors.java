package org.alignkg.server;

import java.util.List;

import io.javalin.http.Context;

/**
 * CORS by allow-list. An origin on the list gets its own origin echoed back; "*" on the list
 * allows every origin with a literal "*", and credentials are never allowed, so a browser never
 * sends cookies or HTTP authentication cross-site.
 */
final class Cors {
    private final List<String> origins;

    Cors(List<String> origins) {
        this.origins = origins;
    }

    void apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || origins.isEmpty()) return;
        boolean any = origins.contains("*");
        if (!any && !origins.contains(origin)) return;
        ctx.header("Access-Control-Allow-Origin", any ? "*" : origin);
        if (!any) ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Expose-Headers", "Content-Type, Content-Length");
        if ("OPTIONS".equals(ctx.method().name()) && ctx.header("Access-Control-Request-Method") != null) {
            ctx.header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Accept, Content-Type, Authorization");
            ctx.header("Access-Control-Max-Age", "600");
        }
    }
}
