package org.alignkg.server;

import io.javalin.http.Context;

/**
 * The {@code Server-Timing} response header (W3C Server Timing): {@code app;dur=MS} is the time from the request's
 * arrival to the end of its handler, and {@code cache;desc=hit|miss} says whether a view was served from the
 * per-generation cache ({@link ViewCache}). Browsers expose both to the page ({@code PerformanceResourceTiming
 * .serverTiming}, same origin), so the paint benchmark can tell the server's share of a view's first paint from the
 * browser's. The views' handlers call {@link #finish} once their body is ready (an after-handler would do it for
 * every route, but it would also become the request's matched endpoint, which the metrics count by).
 */
final class ServerTiming {
    private static final String START = "alignkg.serverTiming.start";
    private static final String CACHE = "alignkg.serverTiming.cache";

    private ServerTiming() { }

    static void start(Context ctx) {
        ctx.attribute(START, System.nanoTime());
    }

    /** Marks the response as served from a cache ({@code hit}) or computed for it ({@code miss}). */
    static void cache(Context ctx, boolean hit) {
        ctx.attribute(CACHE, hit ? "hit" : "miss");
    }

    /** Sets the header from the time since {@link #start}; a response already streamed is left as it is. */
    static void finish(Context ctx) {
        Long t0 = ctx.attribute(START);
        if (t0 == null || ctx.res().isCommitted()) return;
        String value = String.format(java.util.Locale.ROOT, "app;dur=%.1f", (System.nanoTime() - t0) / 1e6);
        String cache = ctx.attribute(CACHE);
        if (cache != null) value += ", cache;desc=" + cache;
        ctx.header("Server-Timing", value);
    }
}
